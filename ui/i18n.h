#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace wb {

// The UI languages that ship: "en" (the source text) and "zh_CN" (translations/atc-workbench_zh_CN.ts, compiled
// into the app under :/i18n). Messages that come from the core library (checks, errors, logs) stay in English.
QStringList uiLanguages();

// Installs the translators for `language` on the application, before any window is made: ours, and Qt's own
// (qtbase_<language>.qm) when the system has it, for the standard dialogs. An empty language follows the system's
// UI languages in order of preference (the first English or Chinese one decides; neither: English). An unknown
// language is logged and treated as empty. Returns the language in use ("en" or "zh_CN").
QString installTranslations(QCoreApplication* app, const QString& language);

} // namespace wb
