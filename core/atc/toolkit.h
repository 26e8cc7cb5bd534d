#pragma once

#include "util/hintform.h"

#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// An installed CANN toolkit as far as the app needs it (shared/reference/atc.md §3.2). A value: discovery fills
// it once per toolkit and it is then shared read-only. `atcPath` empty means no toolkit was found.
struct AtcToolkit {
    QString atcPath; // the `atc` wrapper (bin/atc)
    QString home; // the toolkit folder: …/ascend-toolkit/latest, …/cann, or the folder above bin/
    QString source; // how it was found: settings, settings-home, PATH, ASCEND_TOOLKIT_HOME, ASCEND_HOME_PATH, default
    QString version; // CANN version, e.g. "8.0.0" or "8.0.RC1"; empty when no version file says
    QString versionFile; // the file the version came from
    QStringList socVersions; // from <arch>-linux/data/platform_config/*.ini, sorted; empty when none were found
    QSet<QString> flags; // flag names `atc --help` lists (without dashes); empty when the probe failed
    QString setEnvScript; // the set_env.sh the environment was captured from; empty when none exists
    QProcessEnvironment environment; // to run atc with: the base environment after sourcing set_env.sh
    QStringList notes; // what went wrong on the way (probe failed, no set_env.sh, ...), one sentence each
    QStringList searched; // every place looked at, in order, for the "not found" message

    bool isValid() const { return !atcPath.isEmpty(); }
    // Whether this ATC accepts a flag; true when --help could not be probed (nothing is known then).
    bool supportsFlag(const QString& name) const { return flags.isEmpty() || flags.contains(name); }
};

// Where to look, injectable so tests control it. fromEnvironment() fills the default roots.
struct ToolkitSearch {
    QProcessEnvironment environment; // the app's environment (PATH, ASCEND_*, HOME)
    QString settingsAtcPath; // Settings: toolkit/atcPath (an atc binary)
    QString settingsToolkitHome; // Settings: toolkit/home (a toolkit folder)
    QStringList defaultRoots; // install roots tried last, in order
    int probeTimeoutMs = 30000; // for `atc --help` and for sourcing set_env.sh, each

    static ToolkitSearch fromEnvironment(const QProcessEnvironment& environment, const QString& settingsAtcPath = {},
        const QString& settingsToolkitHome = {});
};

// §3.2's default install roots: /usr/local/Ascend/ascend-toolkit/latest, $HOME/Ascend/ascend-toolkit/latest (CANN
// ≤ 8.2), /usr/local/Ascend/cann, $HOME/Ascend/cann (CANN ≥ 8.5), with HOME from `environment`.
QStringList defaultInstallRoots(const QProcessEnvironment& environment);

// Where discovery found an atc, before anything is run. Pure file-system look-up, in the order: settings atc
// path, settings toolkit home, PATH, ASCEND_TOOLKIT_HOME, ASCEND_HOME_PATH, default roots. Every place looked at
// is appended to *searched.
struct ToolkitLocation {
    QString atcPath;
    QString home;
    QString source;
};
std::optional<ToolkitLocation> locateToolkit(const ToolkitSearch& search, QStringList* searched = nullptr);

// Reading a toolkit folder (pure file reads).
struct ToolkitVersion {
    QString version;
    QString file;
};
// Tries <home>/<arch>-linux/ascend_toolkit_install.info (version=), <home>/<arch>-linux/ascend_ops_install.info,
// <home>/version.cfg (toolkit_running_version=[x:VERSION]), <home>/compiler/version.info (Version=), then the
// folder's own name when `latest` points at a versioned folder (8.0.0, cann-8.5.0).
ToolkitVersion readToolkitVersion(const QString& home);
// Pure pieces of readToolkitVersion, also used on a remote host's files: the version in one of those files (by its
// file name: version.cfg's toolkit_running_version, else a version= line), and in a versioned folder's name.
QString parseToolkitVersionFile(const QString& fileName, const QString& text);
QString versionFromFolderName(const QString& canonicalHome);
QStringList readSocVersions(const QString& home); // <home>/<arch>-linux/data/platform_config/*.ini, sorted
QString findSetEnvScript(const QString& home); // <home>/set_env.sh, <home>/../set_env.sh, <home>/bin/setenv.bash

// Pure parsers for the two probes' output.
QSet<QString> parseAtcHelp(const QString& helpText); // "  --name   description" lines
QProcessEnvironment parseEnvDump(const QByteArray& nulSeparated); // `env -0` output

// The whole discovery: locate, read version and SoCs, capture set_env.sh's environment in a subshell and probe
// `atc --help`, each child process run with an argv and a timeout (blocking: call it off the GUI thread).
// Results are cached in memory per atc path and its modification time, so each toolkit is probed once per
// process. Without a toolkit the result is invalid, with `searched` filled.
AtcToolkit discoverToolkit(const ToolkitSearch& search);
void clearToolkitCache();
int toolkitProbeCount(); // child processes started so far (tests check the cache with it)

// The SoCs to offer: the toolkit's, else the built-in list (resources/data/atc/soc_versions.json).
QStringList builtinSocVersions();
QStringList socVersionsFor(const AtcToolkit& toolkit);
// One line for a status bar: "CANN 8.0.0 at /usr/local/…/bin/atc (12 SoCs, 131 flags)" or "No ATC found …".
QString toolkitStatus(const AtcToolkit& toolkit);
// How to point the app at a toolkit, for messages: the GUI's form names *Settings*, the command line's --atc.
QString toolkitHowTo(HintForm form = HintForm::Gui);

} // namespace wb
