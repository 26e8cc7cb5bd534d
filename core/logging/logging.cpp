#include "logging.h"

#include <QDir>
#include <QStandardPaths>
#include <QtGlobal>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

namespace wb::log {

namespace {

Level fromSpd(spdlog::level::level_enum l)
{
    switch (l) {
    case spdlog::level::trace:
        return Level::Trace;
    case spdlog::level::debug:
        return Level::Debug;
    case spdlog::level::info:
        return Level::Info;
    case spdlog::level::warn:
        return Level::Warning;
    case spdlog::level::err:
        return Level::Error;
    default:
        return Level::Critical;
    }
}

class ListenerSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    int add(Listener l)
    {
        std::lock_guard lock(mutex_);
        m_listeners.emplace(++m_nextId, std::move(l));
        return m_nextId;
    }
    void remove(int id)
    {
        std::lock_guard lock(mutex_);
        m_listeners.erase(id);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        if (m_listeners.empty())
            return;
        Record r;
        r.level = fromSpd(msg.level);
        r.logger = QString::fromUtf8(msg.logger_name.data(), static_cast<qsizetype>(msg.logger_name.size()));
        r.message = QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
        r.time = QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count());
        for (const auto& [id, listener] : m_listeners)
            listener(r);
    }
    void flush_() override { }

private:
    std::map<int, Listener> m_listeners;
    int m_nextId = 0;
};

constexpr const char* kPattern = "%Y-%m-%d %H:%M:%S.%e [%n] [%l] %v";

struct State {
    std::mutex mutex;
    std::shared_ptr<spdlog::sinks::dist_sink_mt> dist = std::make_shared<spdlog::sinks::dist_sink_mt>();
    std::shared_ptr<ListenerSink> listeners = std::make_shared<ListenerSink>();
    QString filePath;
    spdlog::level::level_enum level = spdlog::level::info;
    bool initialised = false;

    State()
    {
        // Before init(): warnings and errors still reach stderr.
        auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        err->set_level(spdlog::level::warn);
        dist->add_sink(err);
        dist->add_sink(listeners);
        dist->set_pattern(kPattern);
    }
};

State& state()
{
    static State s;
    return s;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    static auto qtLogger = logger("wb.qt");
    const std::string text = message.toStdString();
    const char* category = context.category ? context.category : "default";
    switch (type) {
    case QtDebugMsg:
        qtLogger->debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        qtLogger->info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        qtLogger->warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
        qtLogger->error("[{}] {}", category, text);
        break;
    case QtFatalMsg:
        qtLogger->critical("[{}] {}", category, text);
        qtLogger->flush();
        break;
    }
}

} // namespace

QString defaultDirectory()
{
    const QString env = qEnvironmentVariable("WB_LOG_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs");
}

void init(const Options& options)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    std::vector<spdlog::sink_ptr> sinks { s.listeners };
    const QString dir = options.directory.isEmpty() ? defaultDirectory() : options.directory;
    s.filePath.clear();
    if (QDir().mkpath(dir)) {
        const QString file = QDir(dir).filePath(QStringLiteral("atc-workbench.log"));
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.toStdString(),
                static_cast<std::size_t>(options.maxFileBytes), static_cast<std::size_t>(options.maxFiles)));
            s.filePath = file;
        } catch (const spdlog::spdlog_ex& e) {
            fprintf(stderr, "atc-workbench: cannot open log file %s: %s\n", qPrintable(file), e.what());
        }
    }
    auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    err->set_level(options.verbose ? spdlog::level::trace : spdlog::level::warn);
    sinks.push_back(err);
    s.dist->set_sinks(sinks);
    s.dist->set_pattern(kPattern);
    s.level = options.verbose ? spdlog::level::debug : spdlog::level::info;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(s.level); });
    spdlog::flush_on(spdlog::level::warn);
    s.initialised = true;
    qInstallMessageHandler(qtMessageHandler);
}

void shutdown()
{
    qInstallMessageHandler(nullptr);
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.dist->flush();
}

QString logFilePath()
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.filePath;
}

std::shared_ptr<spdlog::logger> logger(const char* name)
{
    if (auto existing = spdlog::get(name))
        return existing;
    State& s = state();
    auto created = std::make_shared<spdlog::logger>(name, s.dist);
    created->set_level(s.level);
    try {
        spdlog::register_logger(created);
    } catch (const spdlog::spdlog_ex&) {
        return spdlog::get(name); // another thread registered it first
    }
    return created;
}

std::shared_ptr<spdlog::logger> app()
{
    return logger("wb.app");
}
std::shared_ptr<spdlog::logger> onnx()
{
    return logger("wb.onnx");
}
std::shared_ptr<spdlog::logger> atc()
{
    return logger("wb.atc");
}
std::shared_ptr<spdlog::logger> run()
{
    return logger("wb.run");
}
std::shared_ptr<spdlog::logger> ui()
{
    return logger("wb.ui");
}

int addListener(Listener listener)
{
    return state().listeners->add(std::move(listener));
}

void removeListener(int id)
{
    state().listeners->remove(id);
}

} // namespace wb::log
