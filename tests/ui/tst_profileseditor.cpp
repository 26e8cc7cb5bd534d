// ProfilesEditor: the dynamic-shape profiles table (--dynamic_batch_size / --dynamic_image_size / --dynamic_dims).
#include "widgets/profileseditor.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace wb;

class TestProfilesEditor : public QObject {
    Q_OBJECT
private slots:
    void flagNames_data();
    void flagNames();
    void roundTrip_data();
    void roundTrip();
    void noneReturnsEmpty();
    void kindSwitching_data();
    void kindSwitching();
    void batchToDimsKeepsFirstColumn();
    void kindRoundTripRestoresRows();
    void incompleteRowLeftOut();
    void badCellLeftOut();
    void unparsableTextKept_data();
    void unparsableTextKept();
    void rawTextEditedStaysVerbatim();
    void changedFires();
    void removeNeedsSelection();
    void dimLabelsBecomeHeaders();
    void preview();

private:
    // The editor's own widgets, found as a user would (it hands out neither).
    static QTableView* table(const ProfilesEditor& e)
    {
        return e.findChild<QTableView*>(QStringLiteral("profilesTable"));
    }
    static QComboBox* combo(const ProfilesEditor& e) { return e.findChild<QComboBox*>(QStringLiteral("profileKind")); }
    static QAbstractItemModel* model(const ProfilesEditor& e) { return table(e)->model(); }
    static bool setCell(const ProfilesEditor& e, int row, int column, const QString& text)
    {
        return model(e)->setData(model(e)->index(row, column), text);
    }
    static QStringList headers(const ProfilesEditor& e)
    {
        QStringList h;
        for (int c = 0; c < model(e)->columnCount(); ++c)
            h.append(model(e)->headerData(c, Qt::Horizontal).toString());
        return h;
    }
    static QLabel* hint(const ProfilesEditor& e) { return e.findChild<QLabel*>(QStringLiteral("profilesHint")); }
    static QLineEdit* raw(const ProfilesEditor& e) { return e.findChild<QLineEdit*>(QStringLiteral("profilesRaw")); }
    static QPushButton* button(const ProfilesEditor& e, const char* name)
    {
        return e.findChild<QPushButton*>(QString::fromLatin1(name));
    }
};

void TestProfilesEditor::flagNames_data()
{
    QTest::addColumn<ProfilesEditor::Kind>("kind");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("comboText");
    QTest::newRow("none") << ProfilesEditor::None << ""
                          << "None (static shapes)";
    QTest::newRow("batch") << ProfilesEditor::Batch << "dynamic_batch_size"
                           << "Dynamic batch";
    QTest::newRow("image") << ProfilesEditor::ImageSize << "dynamic_image_size"
                           << "Dynamic image size";
    QTest::newRow("dims") << ProfilesEditor::Dims << "dynamic_dims"
                          << "Dynamic dims";
}

void TestProfilesEditor::flagNames()
{
    QFETCH(ProfilesEditor::Kind, kind);
    QFETCH(QString, flag);
    QFETCH(QString, comboText);
    QCOMPARE(ProfilesEditor::flagName(kind), flag);
    ProfilesEditor e;
    QCOMPARE(combo(e)->count(), 4);
    QCOMPARE(combo(e)->itemText(int(kind)), comboText); // same entries, same order as the old selector
    e.setKind(kind);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.flag(), flag);
}

void TestProfilesEditor::roundTrip_data()
{
    QTest::addColumn<ProfilesEditor::Kind>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("profiles");
    QTest::addColumn<QStringList>("headers");
    QTest::newRow("batch") << ProfilesEditor::Batch << "1,2,4,8" << 4 << QStringList { "Batch" };
    QTest::newRow("batch two") << ProfilesEditor::Batch << "16,32" << 2 << QStringList { "Batch" };
    QTest::newRow("image") << ProfilesEditor::ImageSize << "224,224;448,448" << 2 << QStringList { "Height", "Width" };
    QTest::newRow("image three") << ProfilesEditor::ImageSize << "224,224;320,320;448,640" << 3
                                 << QStringList { "Height", "Width" };
    QTest::newRow("dims one") << ProfilesEditor::Dims << "1;2;4" << 3 << QStringList { "dim 1" };
    QTest::newRow("dims two") << ProfilesEditor::Dims << "1,224;2,448" << 2 << QStringList { "dim 1", "dim 2" };
    QTest::newRow("dims three") << ProfilesEditor::Dims << "20,20,1;40,40,2;80,60,4;100,100,8" << 4
                                << QStringList { "dim 1", "dim 2", "dim 3" };
}

void TestProfilesEditor::roundTrip()
{
    QFETCH(ProfilesEditor::Kind, kind);
    QFETCH(QString, text);
    QFETCH(int, profiles);
    QFETCH(QStringList, headers);
    ProfilesEditor e;
    QAbstractItemModelTester tester(model(e), QAbstractItemModelTester::FailureReportingMode::QtTest);
    e.setValue(kind, text);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.text(), text);
    QCOMPARE(e.profileCount(), profiles);
    QCOMPARE(model(e)->rowCount(), profiles);
    QCOMPARE(TestProfilesEditor::headers(e), headers);
    QVERIFY(!raw(e)->isVisibleTo(&e));
    QVERIFY(hint(e)->isHidden());
    // The table holds the values, not the text: one cell per number.
    QCOMPARE(model(e)->index(0, 0).data().toString(), text.section(QRegularExpression("[,;]"), 0, 0));
}

void TestProfilesEditor::noneReturnsEmpty()
{
    ProfilesEditor e;
    QCOMPARE(e.kind(), ProfilesEditor::None);
    QCOMPARE(e.text(), QString());
    QCOMPARE(e.flag(), QString());
    QCOMPARE(e.profileCount(), 0);
    QVERIFY(!table(e)->isVisibleTo(&e));

    e.setValue(ProfilesEditor::Batch, "1,2");
    QVERIFY(table(e)->isVisibleTo(&e));
    e.setKind(ProfilesEditor::None);
    QCOMPARE(e.text(), QString());
    QCOMPARE(e.profileCount(), 0);
    QVERIFY(!table(e)->isVisibleTo(&e));
    // None clears nothing: back to Batch brings the rows back.
    e.setKind(ProfilesEditor::Batch);
    QCOMPARE(e.text(), QStringLiteral("1,2"));

    e.setValue(ProfilesEditor::None, "ignored");
    QCOMPARE(e.kind(), ProfilesEditor::None);
    QCOMPARE(e.text(), QString());
}

void TestProfilesEditor::kindSwitching_data()
{
    QTest::addColumn<ProfilesEditor::Kind>("from");
    QTest::addColumn<QString>("fromText");
    QTest::addColumn<ProfilesEditor::Kind>("to");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("rows");
    using K = ProfilesEditor;
    QTest::newRow("batch -> dims keeps") << K::Batch << "1,2,4" << K::Dims << "1;2;4" << 3;
    QTest::newRow("dims 1 -> batch keeps") << K::Dims << "1;2;4" << K::Batch << "1,2,4" << 3;
    QTest::newRow("dims 2 -> image keeps") << K::Dims << "1,224;2,448" << K::ImageSize << "1,224;2,448" << 2;
    QTest::newRow("image -> dims keeps") << K::ImageSize << "224,224;448,448" << K::Dims << "224,224;448,448" << 2;
    QTest::newRow("image -> batch prefills") << K::ImageSize << "224,224;448,448" << K::Batch << "1,2,4,8" << 4;
    QTest::newRow("dims 2 -> batch prefills") << K::Dims << "1,2;3,4" << K::Batch << "1,2,4,8" << 4;
    QTest::newRow("batch -> image starts over") << K::Batch << "1,2" << K::ImageSize << "" << 2;
    QTest::newRow("dims 3 -> image starts over") << K::Dims << "1,2,3;4,5,6" << K::ImageSize << "" << 2;
    QTest::newRow("none -> batch prefills") << K::None << "" << K::Batch << "1,2,4,8" << 4;
    QTest::newRow("none -> image empty rows") << K::None << "" << K::ImageSize << "" << 2;
    QTest::newRow("none -> dims empty rows") << K::None << "" << K::Dims << "" << 2;
    QTest::newRow("empty image -> batch prefills") << K::ImageSize << "" << K::Batch << "1,2,4,8" << 4;
}

void TestProfilesEditor::kindSwitching()
{
    QFETCH(ProfilesEditor::Kind, from);
    QFETCH(QString, fromText);
    QFETCH(ProfilesEditor::Kind, to);
    QFETCH(QString, expected);
    QFETCH(int, rows);
    ProfilesEditor e;
    e.setValue(from, fromText);
    e.setKind(to);
    QCOMPARE(e.kind(), to);
    QCOMPARE(e.text(), expected);
    QCOMPARE(model(e)->rowCount(), rows);
    // Through the combo, as the user does it, the same happens.
    ProfilesEditor viaCombo;
    viaCombo.setValue(from, fromText);
    combo(viaCombo)->setCurrentIndex(int(to));
    QCOMPARE(viaCombo.text(), expected);
}

void TestProfilesEditor::batchToDimsKeepsFirstColumn()
{
    ProfilesEditor e;
    e.setDimLabels({ "x[0]", "y[1]" });
    e.setValue(ProfilesEditor::Batch, "1,8");
    e.setKind(ProfilesEditor::Dims);
    QCOMPARE(headers(e), (QStringList { "x[0]", "y[1]" }));
    QCOMPARE(model(e)->index(1, 0).data().toString(), QStringLiteral("8"));
    QCOMPARE(e.text(), QString()); // the second value is still missing
    QVERIFY(hint(e)->text().contains("Rows 1, 2 are incomplete: they are left out."));
    QVERIFY(setCell(e, 0, 1, "10"));
    QVERIFY(setCell(e, 1, 1, "20"));
    QCOMPARE(e.text(), QStringLiteral("1,10;8,20"));
    QVERIFY(hint(e)->isHidden());
}

void TestProfilesEditor::kindRoundTripRestoresRows()
{
    // Trying another kind and coming back gives back what was typed, including a value the table cannot hold.
    ProfilesEditor e;
    e.setValue(ProfilesEditor::Dims, QStringLiteral("1,224,3;2,448,3"));
    QCOMPARE(e.text(), QStringLiteral("1,224,3;2,448,3"));
    e.setKind(ProfilesEditor::Batch); // three columns do not fit a batch: the usual 1,2,4,8
    QCOMPARE(e.text(), QStringLiteral("1,2,4,8"));
    e.setKind(ProfilesEditor::ImageSize);
    e.setKind(ProfilesEditor::Dims);
    QCOMPARE(e.text(), QStringLiteral("1,224,3;2,448,3"));
    e.setKind(ProfilesEditor::Batch); // and the batch table edited meanwhile is back too
    QCOMPARE(e.text(), QStringLiteral("1,2,4,8"));

    e.setValue(ProfilesEditor::Batch, QStringLiteral("1,x,4")); // unparsable: kept verbatim
    QCOMPARE(e.text(), QStringLiteral("1,x,4"));
    e.setKind(ProfilesEditor::ImageSize);
    QVERIFY(e.text() != QStringLiteral("1,x,4"));
    e.setKind(ProfilesEditor::Batch);
    QCOMPARE(e.text(), QStringLiteral("1,x,4"));
    // A value set from outside replaces what was tried before.
    e.setValue(ProfilesEditor::ImageSize, QStringLiteral("224,224;448,448"));
    e.setKind(ProfilesEditor::Batch);
    QCOMPARE(e.text(), QStringLiteral("1,2,4,8"));
}

void TestProfilesEditor::incompleteRowLeftOut()
{
    ProfilesEditor e;
    e.setValue(ProfilesEditor::ImageSize, "224,224;448,448");
    button(e, "addProfile")->click();
    QCOMPARE(model(e)->rowCount(), 3);
    QVERIFY(hint(e)->text().contains("Row 3 is empty"));
    QVERIFY(setCell(e, 2, 0, "640"));
    QCOMPARE(e.text(), QStringLiteral("224,224;448,448"));
    QCOMPARE(e.profileCount(), 2);
    QVERIFY(!hint(e)->isHidden());
    QCOMPARE(hint(e)->text(), QStringLiteral("Row 3 is incomplete: it is left out."));
    QVERIFY(setCell(e, 2, 1, "480"));
    QCOMPARE(e.text(), QStringLiteral("224,224;448,448;640,480"));
    QCOMPARE(e.profileCount(), 3);
    QVERIFY(hint(e)->isHidden());
    // Clearing a cell (the editor stores "nothing") leaves that row out again.
    QVERIFY(model(e)->setData(model(e)->index(0, 1), QVariant()));
    QCOMPARE(e.text(), QStringLiteral("448,448;640,480"));
    QVERIFY(hint(e)->text().contains("Row 1 is incomplete"));
}

void TestProfilesEditor::badCellLeftOut()
{
    ProfilesEditor e;
    e.setValue(ProfilesEditor::Batch, "1,2,4");
    QVERIFY(setCell(e, 1, 0, "0"));
    QCOMPARE(e.text(), QStringLiteral("1,4"));
    QVERIFY2(hint(e)->text().contains("Row 2: '0' is not a positive whole number"), qPrintable(hint(e)->text()));
    // The editor itself accepts positive whole numbers only.
    QWidget* editor = table(e)->itemDelegate()->createEditor(table(e)->viewport(), {}, model(e)->index(0, 0));
    auto* line = qobject_cast<QLineEdit*>(editor);
    QVERIFY(line && line->validator());
    int pos = 0;
    QString zero = "0", word = "x", number = "42";
    QCOMPARE(line->validator()->validate(zero, pos), QValidator::Invalid);
    QCOMPARE(line->validator()->validate(word, pos), QValidator::Invalid);
    QCOMPARE(line->validator()->validate(number, pos), QValidator::Acceptable);
    delete editor;
}

void TestProfilesEditor::unparsableTextKept_data()
{
    QTest::addColumn<ProfilesEditor::Kind>("kind");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // part of the message shown above the raw value
    using K = ProfilesEditor;
    QTest::newRow("batch with spaces") << K::Batch << QStringList() << "1, 2, 4"
                                       << "not a whole number";
    QTest::newRow("batch letters") << K::Batch << QStringList() << "1,2,x"
                                   << "'x'";
    QTest::newRow("image x") << K::ImageSize << QStringList() << "224x224;448x448"
                             << "Could not read";
    QTest::newRow("image three values") << K::ImageSize << QStringList() << "224,224,3;448,448,3"
                                        << "exactly height,width";
    QTest::newRow("dims empty entry") << K::Dims << QStringList() << "1,2;;3,4"
                                      << "empty";
    QTest::newRow("batch zero") << K::Batch << QStringList() << "0,1,2"
                                << "Not every profile fits";
    QTest::newRow("dims ragged") << K::Dims << QStringList() << "1,2;3"
                                 << "Not every profile fits";
    QTest::newRow("dims short of labels") << K::Dims << QStringList { "a[0]", "a[1]", "b[0]" } << "1,2;3,4"
                                          << "Not every profile fits";
}

void TestProfilesEditor::unparsableTextKept()
{
    QFETCH(ProfilesEditor::Kind, kind);
    QFETCH(QStringList, labels);
    QFETCH(QString, text);
    QFETCH(QString, message);
    ProfilesEditor e;
    e.setDimLabels(labels);
    e.setValue(kind, text);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.text(), text); // verbatim, nothing the recipe said is lost
    QVERIFY(raw(e)->isVisibleTo(&e));
    QCOMPARE(raw(e)->text(), text);
    const auto* rawMessage = e.findChild<QLabel*>("profilesRawMessage");
    QVERIFY2(rawMessage->text().contains(message), qPrintable(rawMessage->text()));
    // Switching to None and back keeps it.
    e.setKind(ProfilesEditor::None);
    QCOMPARE(e.text(), QString());
    e.setKind(kind);
    QCOMPARE(e.text(), text);
    // The first table edit replaces it.
    QVERIFY(setCell(e, 0, 0, "3"));
    QVERIFY(!raw(e)->isVisibleTo(&e));
    QVERIFY(e.text() != text);
}

void TestProfilesEditor::rawTextEditedStaysVerbatim()
{
    ProfilesEditor e;
    e.setValue(ProfilesEditor::Batch, "1;2");
    QCOMPARE(e.text(), QStringLiteral("1;2"));
    QSignalSpy spy(&e, &ProfilesEditor::changed);
    QLineEdit* edit = raw(e);
    edit->selectAll();
    QTest::keyClicks(edit, "1,2,8");
    QVERIFY(spy.count() > 0);
    QCOMPARE(e.text(), QStringLiteral("1,2,8"));
    // Enter reads a value that now parses into the table.
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(!raw(e)->isVisibleTo(&e));
    QCOMPARE(model(e)->rowCount(), 3);
    QCOMPARE(e.text(), QStringLiteral("1,2,8"));
}

void TestProfilesEditor::changedFires()
{
    ProfilesEditor e;
    e.setValue(ProfilesEditor::Dims, "1,224;2,448");
    QSignalSpy spy(&e, &ProfilesEditor::changed);
    QVERIFY(setCell(e, 1, 1, "512"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(e.text(), QStringLiteral("1,224;2,512"));
    combo(e)->setCurrentIndex(ProfilesEditor::Batch);
    QCOMPARE(spy.count(), 2);
    button(e, "addProfile")->click();
    QCOMPARE(spy.count(), 3);
    table(e)->selectionModel()->select(model(e)->index(0, 0), QItemSelectionModel::Select);
    button(e, "removeProfile")->click();
    QCOMPARE(spy.count(), 4);
    QCOMPARE(e.text(), QStringLiteral("2,4,8")); // the prefill minus its first row; the added row is empty
    e.setKind(ProfilesEditor::Batch); // no change, no signal
    QCOMPARE(spy.count(), 4);
}

void TestProfilesEditor::removeNeedsSelection()
{
    ProfilesEditor e;
    e.setValue(ProfilesEditor::Batch, "1,2,4,8");
    QPushButton* remove = button(e, "removeProfile");
    QVERIFY(!remove->isEnabled());
    auto* sel = table(e)->selectionModel();
    sel->select(model(e)->index(1, 0), QItemSelectionModel::Select);
    sel->select(model(e)->index(3, 0), QItemSelectionModel::Select);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(e.text(), QStringLiteral("1,4"));
    QVERIFY(!remove->isEnabled());
}

void TestProfilesEditor::dimLabelsBecomeHeaders()
{
    ProfilesEditor e;
    e.setKind(ProfilesEditor::Dims);
    QCOMPARE(headers(e), QStringList { "dim 1" });
    e.setDimLabels({ "x[0]", "x[2]" });
    QCOMPARE(headers(e), (QStringList { "x[0]", "x[2]" }));
    QVERIFY(setCell(e, 0, 0, "1"));
    QVERIFY(setCell(e, 0, 1, "224"));
    QVERIFY(setCell(e, 1, 0, "2"));
    QVERIFY(setCell(e, 1, 1, "448"));
    QCOMPARE(e.text(), QStringLiteral("1,224;2,448"));
    // A third dynamic dim adds a column to fill; the rows wait for it (and the value changed: say so).
    QSignalSpy spy(&e, &ProfilesEditor::changed);
    e.setDimLabels({ "x[0]", "x[2]", "mask[1]" });
    QCOMPARE(spy.count(), 1);
    QCOMPARE(headers(e), (QStringList { "x[0]", "x[2]", "mask[1]" }));
    QCOMPARE(e.text(), QString());
    // Fewer labels never drop typed values: the filled extra column stays (the empty one goes), the hint explains.
    e.setDimLabels({ "x[0]" });
    QCOMPARE(headers(e), (QStringList { "x[0]", "dim 2 (extra)" }));
    QCOMPARE(e.text(), QStringLiteral("1,224;2,448"));
    QVERIFY2(hint(e)->text().contains("Dynamic dims in the input shape: 1; values per profile: 2."),
        qPrintable(hint(e)->text()));
    // Without labels the user sets the count.
    ProfilesEditor free;
    free.setKind(ProfilesEditor::Dims);
    auto* spin = free.findChild<QSpinBox*>("dimsPerProfile");
    QVERIFY(spin && spin->isVisibleTo(&free));
    spin->setValue(3);
    QCOMPARE(headers(free), (QStringList { "dim 1", "dim 2", "dim 3" }));
}

void TestProfilesEditor::preview()
{
    ProfilesEditor e;
    auto* line = e.findChild<QLineEdit*>("profilesPreview");
    QVERIFY(line && line->isReadOnly());
    e.setKind(ProfilesEditor::Batch);
    QCOMPARE(line->text(), QStringLiteral("--dynamic_batch_size=\"1,2,4,8\""));
    e.setValue(ProfilesEditor::ImageSize, "224,224;448,448");
    QCOMPARE(line->text(), QStringLiteral("--dynamic_image_size=\"224,224;448,448\""));
    e.setValue(ProfilesEditor::Dims, "");
    QCOMPARE(line->text(), QString());
    QVERIFY(!line->placeholderText().isEmpty());
}

QTEST_MAIN(TestProfilesEditor)
#include "tst_profileseditor.moc"
