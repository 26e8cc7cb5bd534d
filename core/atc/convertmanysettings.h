#pragma once

// The convert-many settings, in the application's settings file (keys in settings/settingskeys.h):
//   convertMany/jobs              ATC processes at once (default 2, 1..64)
//   convertMany/memoryPerJobMiB   host memory assumed per job; 0 (default): estimateJobMemoryMiB(model size)
#include <QString>

namespace wb {

class ConvertManySettings {
public:
    static constexpr int DefaultJobs = 2;
    explicit ConvertManySettings(const QString& iniFile = {}); // empty: the application's settings
    int jobs() const;
    void setJobs(int jobs);
    qint64 memoryPerJobMiB() const;
    void setMemoryPerJobMiB(qint64 mib);

private:
    QString m_file;
};

} // namespace wb
