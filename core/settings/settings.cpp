#include "settings.h"

#include "settingskeys.h"

#include <QDir>
#include <QFileInfo>
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

Settings::~Settings() = default;

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

void Settings::sync()
{
    m_settings->sync();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

} // namespace wb
