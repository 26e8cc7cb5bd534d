// ProfilesModel: the dynamic-shape profiles table without its widget (ProfilesEditor shows it): values in and out,
// the kept raw value, each kind's stash, the problems and the signals, under QAbstractItemModelTester.
#include "models/profilesmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace wb;

class TestProfilesModel : public QObject {
    Q_OBJECT
private slots:
    void valueRoundTrip_data();
    void valueRoundTrip();
    void cellsAreTheValue();
    void kindSwitchStashesEachKindsRows();
    void rawValueKeptUntilTheTableIsEdited();
    void editedRawValueIsReadBack();
    void dimLabelsSetColumnsAndHeaders();
    void problemsNameTheRows();
    void editsInOneStepChangeOnce();

private:
    static QStringList headers(const ProfilesModel& m);
};

QStringList TestProfilesModel::headers(const ProfilesModel& m)
{
    QStringList h;
    for (int c = 0; c < m.columnCount(); ++c)
        h.append(m.headerData(c, Qt::Horizontal).toString());
    return h;
}

void TestProfilesModel::valueRoundTrip_data()
{
    QTest::addColumn<ProfilesModel::Kind>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QStringList>("headers");
    QTest::newRow("batch") << ProfilesModel::Batch << "1,2,4,8" << 4 << QStringList { "Batch" };
    QTest::newRow("image") << ProfilesModel::ImageSize << "224,224;448,640" << 2 << QStringList { "Height", "Width" };
    QTest::newRow("dims") << ProfilesModel::Dims << "20,20,1;40,40,2" << 2 << QStringList { "dim 1", "dim 2", "dim 3" };
    QTest::newRow("none") << ProfilesModel::None << "" << 0 << QStringList {};
}

void TestProfilesModel::valueRoundTrip()
{
    QFETCH(ProfilesModel::Kind, kind);
    QFETCH(QString, text);
    QFETCH(int, rows);
    QFETCH(QStringList, headers);
    ProfilesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&m, &ProfilesModel::changed);
    m.setValue(kind, text);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.kind(), kind);
    QCOMPARE(m.text(), text);
    QCOMPARE(m.rowCount(), rows);
    QCOMPARE(m.profileCount(), rows);
    QCOMPARE(TestProfilesModel::headers(m), headers);
    QVERIFY(!m.rawShown());
    QCOMPARE(m.problems(), QString());
    QCOMPARE(m.flag(), ProfilesModel::flagName(kind));
}

void TestProfilesModel::cellsAreTheValue()
{
    ProfilesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setValue(ProfilesModel::ImageSize, QStringLiteral("224,224;448,448"));
    QCOMPARE(m.index(1, 1).data().toString(), QStringLiteral("448"));
    QVERIFY(m.flags(m.index(0, 0)) & Qt::ItemIsEditable);
    QSignalSpy changed(&m, &ProfilesModel::changed);
    QVERIFY(m.setData(m.index(1, 1), QStringLiteral("640")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.text(), QStringLiteral("224,224;448,640"));
    m.addRow();
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m.text(), QStringLiteral("224,224;448,640")); // the new row is empty: left out
    QVERIFY(m.setData(m.index(2, 0), QStringLiteral("320")));
    QVERIFY(m.setData(m.index(2, 1), QStringLiteral(" 240 ")));
    QCOMPARE(m.text(), QStringLiteral("224,224;448,640;320,240"));
    QVERIFY(m.removeRow(0));
    QCOMPARE(m.text(), QStringLiteral("448,640;320,240"));
    QVERIFY(m.setData(m.index(0, 0), QVariant())); // cleared: the row waits
    QCOMPARE(m.text(), QStringLiteral("320,240"));
    QVERIFY(!m.index(0, 0).data().isValid());
    QVERIFY(!m.setData(m.index(5, 0), QStringLiteral("1")));
}

void TestProfilesModel::kindSwitchStashesEachKindsRows()
{
    ProfilesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setValue(ProfilesModel::Dims, QStringLiteral("1,224,3;2,448,3"));
    QSignalSpy changed(&m, &ProfilesModel::changed);
    m.setKind(ProfilesModel::Batch); // three columns do not fit a batch: the usual 1,2,4,8
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.text(), QStringLiteral("1,2,4,8"));
    QVERIFY(m.setData(m.index(3, 0), QStringLiteral("16")));
    m.setKind(ProfilesModel::None); // the table stays as it is
    QCOMPARE(m.text(), QString());
    QCOMPARE(m.tableKind(), ProfilesModel::Batch);
    m.setKind(ProfilesModel::Batch);
    QCOMPARE(m.text(), QStringLiteral("1,2,4,16"));
    m.setKind(ProfilesModel::Dims);
    QCOMPARE(m.text(), QStringLiteral("1,224,3;2,448,3"));
    m.setKind(ProfilesModel::Batch);
    QCOMPARE(m.text(), QStringLiteral("1,2,4,16"));
    m.setKind(ProfilesModel::Batch); // no change, no signal
    QCOMPARE(changed.count(), 6);
    // A batch column fits Dims: kept as its first column.
    m.setValue(ProfilesModel::Batch, QStringLiteral("1,8"));
    m.setKind(ProfilesModel::Dims);
    QCOMPARE(m.text(), QStringLiteral("1;8"));
    // A value from outside forgets the stash.
    m.setValue(ProfilesModel::ImageSize, QStringLiteral("224,224;448,448"));
    m.setKind(ProfilesModel::Batch);
    QCOMPARE(m.text(), QStringLiteral("1,2,4,8"));
}

void TestProfilesModel::rawValueKeptUntilTheTableIsEdited()
{
    ProfilesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setValue(ProfilesModel::Batch, QStringLiteral("1,x,4"));
    QVERIFY(m.rawShown());
    QCOMPARE(m.text(), QStringLiteral("1,x,4"));
    QCOMPARE(m.raw(), QStringLiteral("1,x,4"));
    QVERIFY2(m.rawReason().startsWith(QStringLiteral("Could not read this value")), qPrintable(m.rawReason()));
    QCOMPARE(m.problems(), QString()); // the starter rows are not a problem while the raw value counts
    // Another kind and back: still kept, with its reason.
    m.setKind(ProfilesModel::ImageSize);
    QVERIFY(!m.rawShown());
    m.setKind(ProfilesModel::Batch);
    QCOMPARE(m.text(), QStringLiteral("1,x,4"));
    QVERIFY(m.rawReason().startsWith(QStringLiteral("Could not read this value")));
    // A value that parses but does not fit the table (a 0) is kept too.
    m.setValue(ProfilesModel::Batch, QStringLiteral("0,1,2"));
    QCOMPARE(m.text(), QStringLiteral("0,1,2"));
    QVERIFY(m.rawReason().startsWith(QStringLiteral("Not every profile fits")));
    // The first table edit replaces it.
    QVERIFY(m.setData(m.index(0, 0), QStringLiteral("3")));
    QVERIFY(!m.rawShown());
    QCOMPARE(m.text(), QStringLiteral("3,1,2"));
}

void TestProfilesModel::editedRawValueIsReadBack()
{
    ProfilesModel m;
    m.setValue(ProfilesModel::Batch, QStringLiteral("1;2"));
    QSignalSpy changed(&m, &ProfilesModel::changed);
    m.editRaw(QStringLiteral("1,2,8"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.text(), QStringLiteral("1,2,8"));
    QVERIFY(m.rawShown());
    m.readRaw();
    QVERIFY(!m.rawShown());
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.text(), QStringLiteral("1,2,8"));
}

void TestProfilesModel::dimLabelsSetColumnsAndHeaders()
{
    ProfilesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setKind(ProfilesModel::Dims);
    QCOMPARE(headers(m), QStringList { "dim 1" });
    m.setDimLabels({ "x[0]", "x[2]" });
    QCOMPARE(headers(m), (QStringList { "x[0]", "x[2]" }));
    QVERIFY(m.setData(m.index(0, 0), QStringLiteral("1")));
    QVERIFY(m.setData(m.index(0, 1), QStringLiteral("224")));
    QCOMPARE(m.text(), QStringLiteral("1,224"));
    QSignalSpy changed(&m, &ProfilesModel::changed);
    m.setDimLabels({ "x[0]", "x[2]", "mask[1]" }); // a column to fill: the value changed
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.text(), QString());
    m.setDimLabels({ "x[0]" }); // never drops a typed value
    QCOMPARE(headers(m), (QStringList { "x[0]", "dim 2 (extra)" }));
    QCOMPARE(m.text(), QStringLiteral("1,224"));
    QVERIFY(m.problems().contains(QStringLiteral("Dynamic dims in the input shape: 1; values per profile: 2.")));
    m.setDimLabels({});
    m.setDimColumns(3);
    QCOMPARE(headers(m), (QStringList { "dim 1", "dim 2", "dim 3" }));
    m.setDimColumns(1000);
    QCOMPARE(m.columnCount(), ProfilesModel::kMaxDims);
}

void TestProfilesModel::problemsNameTheRows()
{
    ProfilesModel m;
    m.setValue(ProfilesModel::ImageSize, QStringLiteral("224,224;448,448"));
    m.addRow();
    m.addRow();
    QCOMPARE(m.problems(), QStringLiteral("Rows 3, 4 are empty: they are left out."));
    QVERIFY(m.setData(m.index(2, 0), QStringLiteral("640")));
    QVERIFY(m.setData(m.index(3, 1), QStringLiteral("0")));
    QCOMPARE(m.problems(),
        QStringLiteral("Row 4: '0' is not a positive whole number: the row is left out.\n"
                       "Row 3 is incomplete: it is left out."));
    QCOMPARE(m.profileCount(), 2);
}

void TestProfilesModel::editsInOneStepChangeOnce()
{
    ProfilesModel m;
    m.setValue(ProfilesModel::Batch, QStringLiteral("1,2,4,8"));
    QSignalSpy changed(&m, &ProfilesModel::changed);
    m.editInOneStep([&m] {
        m.removeRow(3);
        m.removeRow(1);
    });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.text(), QStringLiteral("1,4"));
    m.editInOneStep([] {}); // nothing done: nothing said
    QCOMPARE(changed.count(), 1);
}

WB_TEST_GUILESS_MAIN(TestProfilesModel)
#include "tst_profilesmodel.moc"
