// ToolInvocation's command preview (POSIX shell quoting) and the wording of ToolResult.
#include "process/toolinvocation.h"
#include "process/toolresult.h"

#include <QtTest>

#include <csignal>

using namespace wb;

class TestToolInvocation : public QObject {
    Q_OBJECT
private slots:
    void quoteWord_data();
    void quoteWord();
    void quoteArgv_data();
    void quoteArgv();
    void quoteBytes_data();
    void quoteBytes();
    void argvIsProgramThenArguments();
    void describeResults_data();
    void describeResults();
};

void TestToolInvocation::quoteWord_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "atc"
                           << "atc";
    QTest::newRow("flag=value") << "--framework=5"
                                << "--framework=5";
    QTest::newRow("path") << "/usr/local/Ascend/bin/atc"
                          << "/usr/local/Ascend/bin/atc";
    QTest::newRow("shape list") << "input:1,3,224,224"
                                << "input:1,3,224,224";
    QTest::newRow("semicolon") << "--input_shape=a:1,3;b:1"
                               << "'--input_shape=a:1,3;b:1'";
    QTest::newRow("empty") << ""
                           << "''";
    QTest::newRow("space") << "/my models/resnet.onnx"
                           << "'/my models/resnet.onnx'";
    QTest::newRow("single quote") << "it's"
                                  << "'it'\\''s'";
    QTest::newRow("only a quote") << "'"
                                  << "''\\'''";
    QTest::newRow("dollar") << "$HOME/x"
                            << "'$HOME/x'";
    QTest::newRow("backtick") << "`id`"
                              << "'`id`'";
    QTest::newRow("glob") << "*.onnx"
                          << "'*.onnx'";
    QTest::newRow("tilde") << "~/model.onnx"
                           << "'~/model.onnx'";
    QTest::newRow("leading =") << "=atc"
                               << "'=atc'";
    QTest::newRow("bang") << "!x"
                          << "'!x'";
    QTest::newRow("double quote") << "a\"b"
                                  << "'a\"b'";
    QTest::newRow("backslash") << "a\\b"
                               << "'a\\b'";
    QTest::newRow("newline") << "a\nb"
                             << "'a\nb'";
    QTest::newRow("brace") << "{a,b}"
                           << "'{a,b}'";
    QTest::newRow("non-ascii") << "模型.onnx"
                               << "'模型.onnx'";
}

void TestToolInvocation::quoteWord()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(word), quoted);
}

void TestToolInvocation::quoteArgv_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("command");
    QTest::newRow("atc") << QStringList { "/opt/atc", "--model=m.onnx", "--framework=5", "--input_shape=a:1,3;b:1,10" }
                         << "/opt/atc --model=m.onnx --framework=5 '--input_shape=a:1,3;b:1,10'";
    QTest::newRow("first word with =") << QStringList { "A=b", "x=y" } << "'A=b' x=y";
    QTest::newRow("empty argument") << QStringList { "atc", "" } << "atc ''";
    QTest::newRow("nothing") << QStringList() << "";
}

void TestToolInvocation::quoteArgv()
{
    QFETCH(QStringList, argv);
    QFETCH(QString, command);
    QCOMPARE(shellQuote(argv), command);
}

void TestToolInvocation::quoteBytes_data()
{
    QTest::addColumn<QList<QByteArray>>("argv");
    QTest::addColumn<QByteArray>("command");
    QTest::newRow("bare") << QList<QByteArray> { "printf", "%s" } << QByteArray("printf %s");
    QTest::newRow("quote inside") << QList<QByteArray> { "it's" } << QByteArray("'it'\\''s'");
    QTest::newRow("not utf-8") << QList<QByteArray> { "\xff\xfe" } << QByteArray("'\xff\xfe'");
    QTest::newRow("substitution") << QList<QByteArray> { "echo", "$(id)`id`;id" } << QByteArray("echo '$(id)`id`;id'");
    QTest::newRow("empty") << QList<QByteArray> { "" } << QByteArray("''");
}

void TestToolInvocation::quoteBytes()
{
    QFETCH(QList<QByteArray>, argv);
    QFETCH(QByteArray, command);
    QCOMPARE(shellQuote(argv), command);
    if (argv.size() == 1) // one word: the same as the word form, and the QString form agrees on UTF-8 input
        QCOMPARE(shellQuote(argv.first()), command);
}

void TestToolInvocation::argvIsProgramThenArguments()
{
    ToolInvocation invocation;
    invocation.program = "/opt/atc";
    invocation.arguments = QStringList { "--mode=0", "--soc_version", "Ascend310P3" };
    QCOMPARE(invocation.argv(), (QStringList { "/opt/atc", "--mode=0", "--soc_version", "Ascend310P3" }));
    QVERIFY(invocation.environment.isEmpty()); // inherit by default
    QCOMPARE(invocation.timeoutMs, 0);
    QVERIFY(invocation.killGraceMs > 0);
}

void TestToolInvocation::describeResults_data()
{
    QTest::addColumn<ToolResult>("result");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    auto make = [](ToolResult::Kind kind, int exitCode, int sig, bool oom) {
        ToolResult r;
        r.kind = kind;
        r.exitCode = exitCode;
        r.signal = sig;
        r.killedLikelyOom = oom;
        r.durationMs = 12345;
        r.errorString = kind == ToolResult::Kind::FailedToStart ? "execve: No such file or directory" : "";
        return r;
    };
    using K = ToolResult::Kind;
    QTest::newRow("finished") << make(K::Finished, 0, 0, false) << "finished"
                              << "atc finished in 12.3 s.";
    QTest::newRow("exit 255") << make(K::NonZeroExit, 255, 0, false) << "exit_code"
                              << "atc exited with code 255 after 12.3 s.";
    QTest::newRow("exit 137") << make(K::NonZeroExit, 137, 0, true) << "killed_oom"
                              << "atc exited with code 137 (killed) after 12.3 s, most likely because the machine "
                                 "ran out of memory.";
    QTest::newRow("sigkill") << make(K::Crashed, 0, SIGKILL, true) << "killed_oom"
                             << "atc was killed (SIGKILL) after 12.3 s, most likely because the machine ran out of "
                                "memory.";
    QTest::newRow("segv") << make(K::Crashed, 0, SIGSEGV, false) << "crashed"
                          << "atc crashed (SIGSEGV) after 12.3 s.";
    QTest::newRow("timeout") << make(K::TimedOut, 0, SIGTERM, false) << "timed_out"
                             << "atc was stopped after 12.3 s: it ran past its time limit.";
    QTest::newRow("cancel") << make(K::Cancelled, 0, SIGTERM, false) << "cancelled"
                            << "atc was cancelled after 12.3 s.";
    QTest::newRow("failed to start") << make(K::FailedToStart, 0, 0, false) << "failed_to_start"
                                     << "atc could not be started: execve: No such file or directory";
}

void TestToolInvocation::describeResults()
{
    QFETCH(ToolResult, result);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QCOMPARE(result.ok(), code == "finished");
    QCOMPARE(describe(result, "atc"), message);
    const Error error = toError(result, "atc");
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
}

QTEST_APPLESS_MAIN(TestToolInvocation)
#include "tst_toolinvocation.moc"
