#include "parsing/atccatalogue.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace wb {

namespace {

Error badCatalogue(const QString& why)
{
    return { QStringLiteral("bad_catalogue"), QStringLiteral("The ATC error catalogue is invalid: %1").arg(why), {} };
}

// Reads one table ({key: {title, meaning, hint}}); returns an error text or an empty string.
QString readTable(const QJsonObject& root, const QString& name, QHash<QString, CatalogueEntry>* table)
{
    const QJsonValue value = root.value(name);
    if (!value.isObject())
        return QStringLiteral("\"%1\" is missing or not an object").arg(name);
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QString hint = entry.value(QLatin1String("hint")).toString();
        const QString title = entry.value(QLatin1String("title")).toString();
        if (hint.isEmpty() || title.isEmpty())
            return QStringLiteral("entry %1 in \"%2\" lacks a title or hint").arg(it.key(), name);
        table->insert(it.key(),
            { it.key(), title, entry.value(QLatin1String("meaning")).toString(), hint,
                entry.value(QLatin1String("cli")).toString() });
    }
    return {};
}

QStringList sortedKeys(const QHash<QString, CatalogueEntry>& table)
{
    QStringList keys = table.keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace

Result<AtcErrorCatalogue> AtcErrorCatalogue::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badCatalogue(parseError.errorString());
    if (!doc.isObject())
        return badCatalogue(QStringLiteral("the top level is not an object"));
    const QJsonObject root = doc.object();
    AtcErrorCatalogue catalogue;
    for (const auto& [name, table] : { std::pair { QStringLiteral("codes"), &catalogue.m_codes },
             std::pair { QStringLiteral("families"), &catalogue.m_families },
             std::pair { QStringLiteral("events"), &catalogue.m_events } }) {
        const QString why = readTable(root, name, table);
        if (!why.isEmpty())
            return badCatalogue(why);
    }
    return catalogue;
}

const AtcErrorCatalogue& AtcErrorCatalogue::builtin()
{
    static const AtcErrorCatalogue catalogue = [] {
        QFile file(QStringLiteral(":/data/parsing/atc_errors.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            log::atc()->error("ATC error catalogue resource :/data/parsing/atc_errors.json is missing");
            return AtcErrorCatalogue();
        }
        Result<AtcErrorCatalogue> parsed = fromJson(file.readAll());
        if (!parsed.ok()) {
            log::atc()->error("{}", parsed.error().message);
            return AtcErrorCatalogue();
        }
        return std::move(parsed).value();
    }();
    return catalogue;
}

std::optional<CatalogueEntry> AtcErrorCatalogue::lookup(const QString& codeOrKey) const
{
    if (codeOrKey.isEmpty())
        return std::nullopt;
    // contains() + value(): GCC 12 sees a null dereference in an inlined const_iterator of this larger value type.
    if (m_codes.contains(codeOrKey))
        return m_codes.value(codeOrKey);
    if (m_events.contains(codeOrKey))
        return m_events.value(codeOrKey);
    for (qsizetype length = codeOrKey.size() - 1; length >= 2; --length) {
        const QString family = codeOrKey.left(length);
        if (m_families.contains(family))
            return m_families.value(family);
    }
    return std::nullopt;
}

QString catalogueText(const QString& hint)
{
    return hint.isEmpty() ? hint : QCoreApplication::translate("AtcErrorCatalogue", hint.toUtf8().constData());
}

QList<CatalogueEntry> AtcErrorCatalogue::entries() const
{
    QList<CatalogueEntry> all;
    for (const auto* table : { &m_codes, &m_families, &m_events }) {
        for (const QString& key : sortedKeys(*table))
            all.append(table->value(key));
    }
    return all;
}

QStringList AtcErrorCatalogue::codes() const
{
    return sortedKeys(m_codes);
}

QStringList AtcErrorCatalogue::eventKeys() const
{
    return sortedKeys(m_events);
}

} // namespace wb
