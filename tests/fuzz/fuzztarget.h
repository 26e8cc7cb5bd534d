#pragma once

// Shared by the libFuzzer targets in this folder (each defines LLVMFuzzerTestOneInput) and by replay_main.cpp,
// which feeds a target's committed corpus to the same function in the ordinary build.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace wbfuzz {

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// Readers that take a path get the input through a file in a folder private to this process (created once,
// removed at exit). Returns the path; `name` keeps the suffix a reader may look at.
inline QString writeInput(const QByteArray& content, const QString& name)
{
    static QTemporaryDir dir;
    static const bool quiet = [] {
        spdlog::set_level(spdlog::level::off); // a load failure's warning per input only slows the run
        return true;
    }();
    (void)quiet;
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        qFatal("fuzz: cannot write %s", qPrintable(path));
    return path;
}

} // namespace wbfuzz
