#include "atc/convertmanysettings.h"

#include "settings/settingskeys.h"

#include <QSettings>

#include <algorithm>
#include <memory>

namespace wb {

namespace {

std::unique_ptr<QSettings> open(const QString& file)
{
    auto settings
        = file.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(file, QSettings::IniFormat);
    settings->setAtomicSyncRequired(true); // as settings/settings.h
    return settings;
}

} // namespace

ConvertManySettings::ConvertManySettings(const QString& iniFile)
    : m_file(iniFile)
{
}

int ConvertManySettings::jobs() const
{
    return std::clamp(open(m_file)->value(QLatin1String(keys::ConvertManyJobs), DefaultJobs).toInt(), 1, 64);
}

void ConvertManySettings::setJobs(int jobs)
{
    open(m_file)->setValue(QLatin1String(keys::ConvertManyJobs), std::clamp(jobs, 1, 64));
}

qint64 ConvertManySettings::memoryPerJobMiB() const
{
    return std::max<qint64>(0, open(m_file)->value(QLatin1String(keys::ConvertManyMemoryPerJobMiB), 0).toLongLong());
}

void ConvertManySettings::setMemoryPerJobMiB(qint64 mib)
{
    open(m_file)->setValue(QLatin1String(keys::ConvertManyMemoryPerJobMiB), std::max<qint64>(0, mib));
}

} // namespace wb
