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

QString installTranslations(QCoreApplication* app, const QString& language)
{
    if (!language.isEmpty() && !uiLanguages().contains(language)) {
        log::app()->warn("Unknown UI language '{}'; the languages are {}", language.toStdString(),
            uiLanguages().join(QStringLiteral(", ")).toStdString());
        return QStringLiteral("en");
    }
    if (language == QLatin1String("en"))
        return language;
    auto* ours = new QTranslator(app);
    // For the system locale, QTranslator tries each of its UI languages in turn (zh_Hans_CN, zh_CN, zh, …).
    const bool loaded = language.isEmpty() ? ours->load(QLocale(), QStringLiteral("atc-workbench"), QStringLiteral("_"), kFolder)
                                           : ours->load(kPrefix + language, kFolder);
    if (!loaded) {
        delete ours;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours);
    const QString used = ours->language().replace(QLatin1Char('-'), QLatin1Char('_'));
    auto* qt = new QTranslator(app);
    if (qt->load(QStringLiteral("qtbase_") + used, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt; // the standard dialogs' buttons stay English
    log::app()->info("UI language: {}", used.toStdString());
    return used;
}

} // namespace wb
