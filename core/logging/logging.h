#pragma once

#include <QDateTime>
#include <QString>

#include <spdlog/fmt/fmt.h>
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

// QString arguments format as UTF-8 in every spdlog call: log::atc()->info("Converting {}", path), no
// .toStdString() at the call. Width, fill and precision work as for a string ("{:>20}", "{:.40}": characters of the
// UTF-8 text, as fmt counts them).
template <> struct fmt::formatter<QString> : fmt::formatter<fmt::string_view> {
    template <typename FormatContext> auto format(const QString& text, FormatContext& ctx) const
    {
        const QByteArray utf8 = text.toUtf8();
        return fmt::formatter<fmt::string_view>::format(
            fmt::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), ctx);
    }
};
