// A Qt Test program that tst_testpolicy runs to check the skip policy and WB_UPDATE_GOLDEN (tests/testutil.h).
// Never a ctest test itself. PROBE_MISSING=1: a requirement is missing; PROBE_FAIL=1: one function fails;
// PROBE_GOLDEN=FILE: compares "probe output\n" with FILE through wbtest::compareGolden.
#include "testutil.h"

#include <QtTest>

class SkipPolicyProbe : public QObject {
    Q_OBJECT
private slots:
    void passes() { QCOMPARE(1 + 1, 2); }
    void needsSomething()
    {
        if (qEnvironmentVariableIsSet("PROBE_MISSING"))
            WB_SKIP_MISSING(QStringLiteral("the probe's requirement is missing (PROBE_MISSING is set)"));
        QVERIFY(true);
    }
    void failsWhenAsked()
    {
        if (qEnvironmentVariableIsSet("PROBE_FAIL"))
            QFAIL("asked to fail (PROBE_FAIL is set)");
    }
    void golden()
    {
        const QString path = qEnvironmentVariable("PROBE_GOLDEN");
        if (path.isEmpty())
            return;
        QString why;
        QVERIFY2(wbtest::compareGolden("probe output\n", path, &why), qPrintable(why));
    }
};

WB_TEST_GUILESS_MAIN(SkipPolicyProbe)
#include "skippolicy_probe.moc"
