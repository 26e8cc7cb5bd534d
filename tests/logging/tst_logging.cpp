// Logging: rotating file in the chosen folder, listeners (the log panel's feed), Qt messages bridged.
#include "logging/logging.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <spdlog/spdlog.h>

#include <thread>

using namespace wb;

class TestLogging : public QObject {
    Q_OBJECT
private slots:
    void fileAndListener();
    void qtMessagesAreBridged();
    void qstringArguments();
    void listenersFromOtherThreads();
    void envOverridesDirectory();
};

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

void TestLogging::fileAndListener()
{
    QTemporaryDir dir;
    log::init({ dir.path(), false });
    QCOMPARE(log::logFilePath(), dir.filePath(QStringLiteral("atc-workbench.log")));
    QList<log::Record> seen;
    const int id = log::addListener([&](const log::Record& r) { seen.append(r); });
    log::onnx()->info("loaded {} nodes", 42);
    log::atc()->debug("hidden at info level");
    log::atc()->error("E19010 in {}", "Conv_1");
    log::removeListener(id);
    log::ui()->info("after removal");
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });

    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.at(0).logger, QStringLiteral("wb.onnx"));
    QCOMPARE(seen.at(0).message, QStringLiteral("loaded 42 nodes"));
    QCOMPARE(seen.at(0).level, log::Level::Info);
    QCOMPARE(seen.at(1).level, log::Level::Error);
    const QByteArray file = readAll(log::logFilePath());
    QVERIFY(file.contains("[wb.onnx] [info] loaded 42 nodes"));
    QVERIFY(file.contains("[wb.atc] [error] E19010 in Conv_1"));
    QVERIFY(!file.contains("hidden at info level"));
    QVERIFY(file.contains("after removal"));

    log::init({ dir.path(), true }); // verbose: debug is kept
    log::atc()->debug("now visible");
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
    QVERIFY(readAll(log::logFilePath()).contains("now visible"));
}

void TestLogging::qtMessagesAreBridged()
{
    QTemporaryDir dir;
    log::init({ dir.path(), false });
    qWarning("a Qt warning %d", 7);
    log::logger("wb.qt")->flush();
    QVERIFY(readAll(log::logFilePath()).contains("[wb.qt] [warning] [default] a Qt warning 7"));
    log::shutdown();
}

// QString arguments need no .toStdString(): they arrive as UTF-8, and the string format specs apply.
void TestLogging::qstringArguments()
{
    QTemporaryDir dir;
    log::init({ dir.path(), false });
    QList<log::Record> seen;
    const int id = log::addListener([&](const log::Record& r) { seen.append(r); });
    const QString model = QStringLiteral("模型 v2.onnx");
    log::onnx()->info("Loaded {} [{:>4}] [{:.3}]", model, QStringLiteral("x"), QStringLiteral("abcdef"));
    log::onnx()->info("{}", QString());
    log::removeListener(id);
    log::onnx()->flush();
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.at(0).message, QStringLiteral("Loaded 模型 v2.onnx [   x] [abc]"));
    QCOMPARE(seen.at(1).message, QString());
    QVERIFY(readAll(log::logFilePath()).contains(QStringLiteral("Loaded 模型 v2.onnx").toUtf8()));
    log::shutdown();
}

void TestLogging::listenersFromOtherThreads()
{
    QTemporaryDir dir;
    log::init({ dir.path(), false });
    std::atomic<int> count { 0 };
    const int id = log::addListener([&](const log::Record&) { ++count; });
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t] {
            for (int i = 0; i < 250; ++i)
                log::run()->info("thread {} line {}", t, i);
        });
    for (auto& th : threads)
        th.join();
    log::removeListener(id);
    QCOMPARE(count.load(), 1000);
}

void TestLogging::envOverridesDirectory()
{
    QTemporaryDir dir;
    qputenv("WB_LOG_DIR", dir.path().toUtf8());
    QCOMPARE(log::defaultDirectory(), dir.path());
    log::init({});
    QCOMPARE(log::logFilePath(), dir.filePath(QStringLiteral("atc-workbench.log")));
    qunsetenv("WB_LOG_DIR");
    QVERIFY(log::defaultDirectory().endsWith(QStringLiteral("/logs")));
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
