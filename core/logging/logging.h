#pragma once

#include <QDateTime>
#include <QString>

#include <spdlog/logger.h>

#include <functional>
#include <memory>

namespace wb::log {

enum class Level { Trace, Debug, Info, Warning, Error, Critical };

struct Record {
    Level level = Level::Info;
    QString logger;
    QString message;
    QDateTime time;
};

struct Options {
    QString directory; // empty: defaultDirectory()
    bool verbose = false; // debug level, and everything also to stderr
    qint64 maxFileBytes = 5 * 1024 * 1024;
    int maxFiles = 3;
};

// Sets up the sinks shared by every named logger: a rotating file in `directory` and, when verbose,
// stderr. Safe to call again (sinks are replaced). Qt messages are routed into the `wb.qt` logger.
void init(const Options& options);
void shutdown();

QString defaultDirectory(); // $WB_LOG_DIR, else <AppDataLocation>/logs
QString logFilePath(); // the file init() opened, empty before init()

// Named loggers; usable before init() (they then drop everything below warning to stderr only).
std::shared_ptr<spdlog::logger> logger(const char* name);
std::shared_ptr<spdlog::logger> app();
std::shared_ptr<spdlog::logger> onnx();
std::shared_ptr<spdlog::logger> atc();
std::shared_ptr<spdlog::logger> run();
std::shared_ptr<spdlog::logger> ui();

// Listeners get every record from any thread (the in-app log panel is one). Returns an id for removal.
using Listener = std::function<void(const Record&)>;
int addListener(Listener listener);
void removeListener(int id);

} // namespace wb::log
