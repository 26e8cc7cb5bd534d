#pragma once

// Small helpers shared by the tests: running a program (atcwb above all), golden-file comparison, and the skip
// policy for a missing requirement.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QtTest>

namespace wbtest {

// What one run of a program delivered. code: its exit code; -1 when it did not start or was killed after the
// timeout, -2 when it crashed.
struct ProgramRun {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QString all() const { return QString::fromUtf8(out + err); } // for QVERIFY2 messages
    // stdout as one JSON object (`atcwb ... --json`); empty when it is not one.
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    // stdout as JSON lines (`atcwb convert --json`), one object per non-empty line; *allJson (when given) says
    // whether every line was a JSON object.
    QList<QJsonObject> jsonLines(bool* allJson = nullptr) const
    {
        QList<QJsonObject> objects;
        bool all = true;
        for (const QByteArray& line : out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            all = all && doc.isObject();
            objects.append(doc.object());
        }
        if (allJson)
            *allJson = all;
        return objects;
    }
    // The JSON lines whose "event" is `event` (`atcwb convert --json`), or all of them when `event` is empty.
    QList<QJsonObject> events(const QString& event = {}) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject& e : jsonLines()) {
            if (event.isEmpty() || e.value(QStringLiteral("event")).toString() == event)
                list.append(e);
        }
        return list;
    }
};

// Runs `program` to its end (or kills it after timeoutMs) in `env`, from `workDir` when given.
inline ProgramRun runProgram(const QString& program, const QStringList& args,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(), const QString& workDir = {},
    int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return { -1, p.readAllStandardOutput(), p.readAllStandardError() + "\n(did not start or timed out)" };
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

// The build's atcwb.
inline QString atcwbPath()
{
    return QStringLiteral(WB_BIN_DIR "/atcwb");
}

// Runs the build's `atcwb args...` to its end: every CLI test starts atcwb through this one function.
inline ProgramRun runAtcwb(const QStringList& args,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(), const QString& workDir = {},
    int timeoutMs = 60000)
{
    return runProgram(atcwbPath(), args, env, workDir, timeoutMs);
}

// True in a CI run: $CI is set and is not "false" or "0" (.ci/run runs with CI=true).
inline bool ciRun()
{
    const QByteArray ci = qgetenv("CI").trimmed().toLower();
    return !ci.isEmpty() && ci != "false" && ci != "0";
}

// The skip policy (README, "Tests that skip"). A test skips only for a detected, documented reason: something it
// needs is missing on this machine (ONNX Runtime). Outside CI it skips with that reason, and the program then exits
// with kSkipExitCode, which ctest reports as "Skipped" instead of "Passed" (wb_add_test's SKIPPABLE sets
// SKIP_RETURN_CODE; the main must be WB_TEST_MAIN / WB_TEST_GUILESS_MAIN / WB_TEST_APPLESS_MAIN). In CI the
// requirement is part of the set-up (scripts/install-deps.sh fails when it cannot provide it), so the same check
// fails the test. A failure anywhere in the program always wins: its exit status stays the failure count.
constexpr int kSkipExitCode = 77;

inline bool& missingRequirementSeen()
{
    static bool seen = false;
    return seen;
}

// The program's exit status from QTest::qExec's failure count.
inline int exitStatus(int failures)
{
    if (failures != 0)
        return failures == kSkipExitCode ? kSkipExitCode + 1 : failures;
    return missingRequirementSeen() ? kSkipExitCode : 0;
}

// True when WB_UPDATE_GOLDEN asks for golden files to be rewritten (set and not "0").
inline bool updatingGolden()
{
    const QByteArray v = qgetenv("WB_UPDATE_GOLDEN").trimmed();
    return !v.isEmpty() && v != "0";
}

inline QString modelPath(const QString& name)
{
    return QStringLiteral(WB_TEST_MODELS_DIR "/") + name;
}

// Compares `actual` with the golden file. WB_UPDATE_GOLDEN=1 rewrites the file instead and still FAILS, naming it
// (review the diff, then run again without it), so an update can never make a run pass; in CI it is refused.
inline bool compareGolden(const QByteArray& actual, const QString& goldenPath, QString* why)
{
    if (updatingGolden()) {
        if (ciRun()) {
            *why = QStringLiteral("WB_UPDATE_GOLDEN is set in a CI run (CI is set): golden files are never rewritten "
                                  "in CI; %1 was not compared")
                       .arg(goldenPath);
            return false;
        }
        QFile in(goldenPath);
        if (in.open(QIODevice::ReadOnly) && in.readAll() == actual) {
            *why = QStringLiteral("WB_UPDATE_GOLDEN is set: %1 is already up to date; run again without "
                                  "WB_UPDATE_GOLDEN")
                       .arg(goldenPath);
            return false;
        }
        in.close();
        QFile out(goldenPath);
        if (!out.open(QIODevice::WriteOnly) || out.write(actual) != actual.size() || !out.flush()) {
            *why = QStringLiteral("WB_UPDATE_GOLDEN is set but %1 cannot be written: %2")
                       .arg(goldenPath, out.errorString());
            return false;
        }
        *why = QStringLiteral("WB_UPDATE_GOLDEN is set: rewrote %1; review the diff, then run again without "
                              "WB_UPDATE_GOLDEN")
                   .arg(goldenPath);
        return false;
    }
    QFile in(goldenPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("missing golden file %1 (run with WB_UPDATE_GOLDEN=1 to create it)").arg(goldenPath);
        return false;
    }
    const QByteArray expected = in.readAll();
    if (expected == actual)
        return true;
    const QList<QByteArray> a = actual.split('\n');
    const QList<QByteArray> e = expected.split('\n');
    for (qsizetype i = 0; i < qMax(a.size(), e.size()); ++i) {
        if (a.value(i) != e.value(i)) {
            *why = QStringLiteral("%1 differs at line %2:\n  expected: %3\n  actual:   %4")
                       .arg(goldenPath)
                       .arg(i + 1)
                       .arg(QString::fromUtf8(e.value(i)), QString::fromUtf8(a.value(i)));
            break;
        }
    }
    return false;
}

} // namespace wbtest

// Skips the current test function because `reason` (non-empty: what is missing, and how to get it). Outside CI: a
// skip that ctest reports as skipped. In CI: a failure (see kSkipExitCode above).
#define WB_SKIP_MISSING(reason)                                                                                        \
    do {                                                                                                               \
        const QString wbMissing_ = (reason);                                                                           \
        if (wbtest::ciRun())                                                                                           \
            QFAIL(qPrintable(                                                                                          \
                QStringLiteral("required in CI (CI is set), so this is a failure, not a skip: ") + wbMissing_));       \
        wbtest::missingRequirementSeen() = true;                                                                       \
        QSKIP(qPrintable(wbMissing_));                                                                                 \
    } while (false)

// QTEST_MAIN, QTEST_GUILESS_MAIN and QTEST_APPLESS_MAIN (as Qt 6.4's QTEST_MAIN_WRAPPER defines them), but the exit
// status is wbtest::exitStatus: kSkipExitCode when WB_SKIP_MISSING skipped something and nothing failed.
#define WB_TEST_MAIN_WRAPPER(TestObject, ...)                                                                          \
    int main(int argc, char* argv[])                                                                                   \
    {                                                                                                                  \
        QT_PREPEND_NAMESPACE(QTest::Internal::callInitMain)<TestObject>();                                             \
        __VA_ARGS__                                                                                                    \
        TestObject tc;                                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return wbtest::exitStatus(QTest::qExec(&tc, argc, argv));                                                      \
    }
#define WB_TEST_MAIN(TestObject) WB_TEST_MAIN_WRAPPER(TestObject, QTEST_MAIN_SETUP())
#define WB_TEST_GUILESS_MAIN(TestObject) WB_TEST_MAIN_WRAPPER(TestObject, QTEST_QAPP_SETUP(QCoreApplication))
#define WB_TEST_APPLESS_MAIN(TestObject) WB_TEST_MAIN_WRAPPER(TestObject)
