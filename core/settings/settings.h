#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "remote/host.h"

class QSettings;

namespace wb {

// Typed facade over QSettings: callers never spell a key or convert a QVariant.
// Crash safety: QSettings writes its file itself, through QSaveFile (a temporary file renamed over the old one) as
// long as atomicSyncRequired() is true — Qt's default, set explicitly here; then a folder that allows no temporary
// file makes sync() fail (status AccessError) rather than write in place. tst_crashsafe checks that a SIGKILL in
// the middle of sync() leaves the old or the new file, like every file written through util/atomicfile.h.
// QSettings guards a write with QLockFile (FILE.lock); a writer killed between creating that lock and writing its
// pid into it leaves an empty lock that Qt waits out for 30 s (its stale-lock time) — on the GUI thread, at the
// next save. sync() and the destructor first clear such an abandoned lock (clearAbandonedLock below).
class Settings {
public:
    Settings(); // the application's settings (organisation/application names from QCoreApplication)
    explicit Settings(const QString& iniFile); // a specific file, for tests and portable use
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    static constexpr int DefaultMaxRecentFiles = 10;

    QStringList recentFiles() const;
    // Moves `path` (made absolute) to the front, removes duplicates, keeps at most maxRecentFiles().
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    void clearRecentFiles();
    int maxRecentFiles() const;
    void setMaxRecentFiles(int count);

    QString lastOpenDir() const;
    void setLastOpenDir(const QString& dir);

    QString atcPath() const;
    void setAtcPath(const QString& path);
    QString toolkitHome() const;
    void setToolkitHome(const QString& path);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QString currentPage() const;
    void setCurrentPage(const QString& page);

    bool verboseLogging() const;
    void setVerboseLogging(bool on);
    // The UI language: "" follows the system locale, else "en" or "zh_CN". Takes effect at the next start.
    QString uiLanguage() const;
    void setUiLanguage(const QString& language);

    // Remote hosts (core/remote/host.h), in the order they were added.
    QList<Host> hosts() const;
    std::optional<Host> host(const QString& name) const;
    void setHost(const Host& host); // adds it, or replaces the one with the same name in place
    bool removeHost(const QString& name); // false when there is none of that name

    void sync();
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_settings;
};

// Removes FILE.lock when it names no process (empty or unreadable: its writer died before filling it in) and no
// live process holds it (QLockFile::removeStaleLockFile checks the lock is free). A lock naming a process is left
// to QLockFile, which already sees at once whether that process is gone. Returns whether a lock was removed.
bool clearAbandonedLock(const QString& file);

} // namespace wb
