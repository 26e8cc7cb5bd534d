#include "i18n.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace wb {

namespace {
const QString kPrefix = QStringLiteral("atc-workbench_");
const QString kFolder = QStringLiteral(":/i18n");
} // namespace

QStringList uiLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("zh_CN") };
}

QString installTranslations(QCoreApplication* app, const QString& requested)
{
    QString language = requested;
    if (!language.isEmpty() && !uiLanguages().contains(language)) {
        log::app()->warn("Unknown UI language '{}' (the languages are {}); following the system's", language,
            uiLanguages().join(QStringLiteral(", ")));
        language.clear();
    }
    if (language.isEmpty()) {
        // The system's languages in order of preference: the first one we ship wins, so "en_US:zh_CN" stays English
        // (English needs no translation file, so QTranslator alone would skip it and pick Chinese).
        language = QStringLiteral("en");
        for (const QString& ui : QLocale().uiLanguages()) {
            if (ui.startsWith(QLatin1String("en")))
                break;
            if (ui.startsWith(QLatin1String("zh"))) {
                language = QStringLiteral("zh_CN");
                break;
            }
        }
    }
    if (language == QLatin1String("en"))
        return language;
    auto* ours = new QTranslator(app);
    if (!ours->load(kPrefix + language, kFolder)) {
        delete ours;
        log::app()->warn("The {} translation is missing from the build; the UI stays English", language);
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours);
    auto* qt = new QTranslator(app);
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt; // the standard dialogs' buttons stay English
    log::app()->info("UI language: {}", language);
    return language;
}

} // namespace wb
