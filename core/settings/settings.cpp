#include "settings.h"

#include "settingskeys.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>

namespace wb {

Settings::Settings()
    : m_settings(std::make_unique<QSettings>())
{
    m_settings->setAtomicSyncRequired(true); // Qt's default, relied on: see settings.h
}

Settings::Settings(const QString& iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    m_settings->setAtomicSyncRequired(true);
}

Settings::~Settings()
{
    clearAbandonedLock(m_settings->fileName()); // QSettings syncs once more when it is destroyed
}

QStringList Settings::recentFiles() const
{
    return m_settings->value(QLatin1String(keys::RecentFiles)).toStringList();
}

void Settings::addRecentFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > maxRecentFiles())
        files.removeLast();
    m_settings->setValue(QLatin1String(keys::RecentFiles), files);
}

void Settings::removeRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    m_settings->setValue(QLatin1String(keys::RecentFiles), files);
}

void Settings::clearRecentFiles()
{
    m_settings->remove(QLatin1String(keys::RecentFiles));
}

int Settings::maxRecentFiles() const
{
    const int value = m_settings->value(QLatin1String(keys::MaxRecentFiles), DefaultMaxRecentFiles).toInt();
    return qBound(1, value, 50);
}

void Settings::setMaxRecentFiles(int count)
{
    m_settings->setValue(QLatin1String(keys::MaxRecentFiles), qBound(1, count, 50));
    QStringList files = recentFiles();
    if (files.size() > maxRecentFiles()) {
        files = files.mid(0, maxRecentFiles());
        m_settings->setValue(QLatin1String(keys::RecentFiles), files);
    }
}

QString Settings::lastOpenDir() const
{
    return m_settings->value(QLatin1String(keys::LastOpenDir), QDir::homePath()).toString();
}

void Settings::setLastOpenDir(const QString& dir)
{
    m_settings->setValue(QLatin1String(keys::LastOpenDir), dir);
}

QString Settings::atcPath() const
{
    return m_settings->value(QLatin1String(keys::AtcPath)).toString();
}

void Settings::setAtcPath(const QString& path)
{
    m_settings->setValue(QLatin1String(keys::AtcPath), path);
}

QString Settings::toolkitHome() const
{
    return m_settings->value(QLatin1String(keys::ToolkitHome)).toString();
}

void Settings::setToolkitHome(const QString& path)
{
    m_settings->setValue(QLatin1String(keys::ToolkitHome), path);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings->value(QLatin1String(keys::WindowGeometry)).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(QLatin1String(keys::WindowGeometry), geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings->value(QLatin1String(keys::WindowState)).toByteArray();
}

void Settings::setWindowState(const QByteArray& state)
{
    m_settings->setValue(QLatin1String(keys::WindowState), state);
}

QString Settings::currentPage() const
{
    return m_settings->value(QLatin1String(keys::CurrentPage)).toString();
}

void Settings::setCurrentPage(const QString& page)
{
    m_settings->setValue(QLatin1String(keys::CurrentPage), page);
}

QString Settings::uiLanguage() const
{
    return m_settings->value(QLatin1String(keys::UiLanguage)).toString();
}

void Settings::setUiLanguage(const QString& language)
{
    m_settings->setValue(QLatin1String(keys::UiLanguage), language);
}

bool Settings::verboseLogging() const
{
    return m_settings->value(QLatin1String(keys::VerboseLogging), false).toBool();
}

void Settings::setVerboseLogging(bool on)
{
    m_settings->setValue(QLatin1String(keys::VerboseLogging), on);
}

QList<Host> Settings::hosts() const
{
    QList<Host> list;
    const int count = m_settings->beginReadArray(QLatin1String(keys::RemoteHosts));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        Host h;
        h.name = m_settings->value(QLatin1String(keys::HostName)).toString();
        h.destination = m_settings->value(QLatin1String(keys::HostDestination)).toString();
        h.port = m_settings->value(QLatin1String(keys::HostPort), Host::DefaultPort).toInt();
        h.identityFile = m_settings->value(QLatin1String(keys::HostIdentityFile)).toString();
        h.envScript = m_settings->value(QLatin1String(keys::HostEnvScript)).toString();
        h.workDir = m_settings->value(QLatin1String(keys::HostWorkDir)).toString();
        if (!h.name.isEmpty())
            list.append(h);
    }
    m_settings->endArray();
    return list;
}

std::optional<Host> Settings::host(const QString& name) const
{
    for (const Host& h : hosts()) {
        if (h.name == name)
            return h;
    }
    return std::nullopt;
}

namespace {

void writeHosts(QSettings& settings, const QList<Host>& hosts)
{
    settings.remove(QLatin1String(keys::RemoteHosts));
    settings.beginWriteArray(QLatin1String(keys::RemoteHosts), int(hosts.size()));
    for (int i = 0; i < hosts.size(); ++i) {
        const Host& h = hosts.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QLatin1String(keys::HostName), h.name);
        settings.setValue(QLatin1String(keys::HostDestination), h.destination);
        settings.setValue(QLatin1String(keys::HostPort), h.port);
        settings.setValue(QLatin1String(keys::HostIdentityFile), h.identityFile);
        settings.setValue(QLatin1String(keys::HostEnvScript), h.envScript);
        settings.setValue(QLatin1String(keys::HostWorkDir), h.workDir);
    }
    settings.endArray();
}

} // namespace

void Settings::setHost(const Host& host)
{
    QList<Host> list = hosts();
    bool replaced = false;
    for (Host& h : list) {
        if (h.name == host.name) {
            h = host;
            replaced = true;
        }
    }
    if (!replaced)
        list.append(host);
    writeHosts(*m_settings, list);
}

bool Settings::removeHost(const QString& name)
{
    QList<Host> list = hosts();
    const qsizetype removed = list.removeIf([&](const Host& h) { return h.name == name; });
    if (removed > 0)
        writeHosts(*m_settings, list);
    return removed > 0;
}

void Settings::sync()
{
    clearAbandonedLock(m_settings->fileName());
    m_settings->sync();
}

bool clearAbandonedLock(const QString& file)
{
    const QString lockPath = file + QLatin1String(".lock");
    if (file.isEmpty() || !QFileInfo::exists(lockPath))
        return false;
    QLockFile lock(lockPath);
    qint64 pid = 0;
    QString host;
    QString app;
    if (lock.getLockInfo(&pid, &host, &app))
        return false; // names its process: QLockFile judges it
    return lock.removeStaleLockFile();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

} // namespace wb
