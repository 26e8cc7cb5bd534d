// ExtraFlagsEditor: the (flag, value) table for ATC flags the Convert form has no field for.
#include "widgets/extraflagseditor.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace wb;

class TestExtraFlagsEditor : public QObject {
    Q_OBJECT
private slots:
    void offeredFlags_data();
    void offeredFlags();
    void pickerOffersFlags();
    void roundTrip();
    void typedCells_data();
    void typedCells();
    void marksFlags_data();
    void marksFlags();
    void formFlags();
    void noToolkitHint();
    void changedFires();

private:
    static QAbstractItemModel* model(const ExtraFlagsEditor& e) { return e.table()->model(); }
    static QLabel* hint(const ExtraFlagsEditor& e) { return e.findChild<QLabel*>(QStringLiteral("extraFlagsHint")); }
    static int addRow(ExtraFlagsEditor& e, const QString& name, const QString& value = {})
    {
        e.findChild<QPushButton*>(QStringLiteral("addExtraFlag"))->click();
        const int row = model(e)->rowCount() - 1;
        model(e)->setData(model(e)->index(row, ExtraFlagsEditor::FlagColumn), name);
        if (!value.isEmpty())
            model(e)->setData(model(e)->index(row, ExtraFlagsEditor::ValueColumn), value);
        return row;
    }
};

void TestExtraFlagsEditor::offeredFlags_data()
{
    QTest::addColumn<QStringList>("available");
    QTest::addColumn<QStringList>("offered");
    QTest::newRow("typed ones left out") << QStringList { "soc_version", "op_debug_config", "log", "input_shape",
        "enable_single_stream", "dynamic_dims", "deterministic" }
                                         << QStringList { "deterministic", "enable_single_stream", "op_debug_config" };
    QTest::newRow("mode, framework, help")
        << QStringList { "mode", "framework", "help", "virtual_type" } << QStringList { "virtual_type" };
    QTest::newRow("dashes, duplicates, order") << QStringList { "--oo_level", "jit_compile", "oo_level", "--Zeta",
        "ac_parallel_enable" } << QStringList { "ac_parallel_enable", "jit_compile", "oo_level", "Zeta" };
    QTest::newRow("none") << QStringList() << QStringList();
}

void TestExtraFlagsEditor::offeredFlags()
{
    QFETCH(QStringList, available);
    QFETCH(QStringList, offered);
    ExtraFlagsEditor e;
    e.setAvailableFlags(available);
    QCOMPARE(e.offeredFlags(), offered);
    for (const QString& f : e.offeredFlags())
        QVERIFY2(!isTypedAtcFlag(f), qPrintable(f));
}

void TestExtraFlagsEditor::pickerOffersFlags()
{
    ExtraFlagsEditor e;
    e.setAvailableFlags({ "enable_scope_fusion_passes", "fusion_switch_file", "deterministic", "oo_level" });
    addRow(e, "");
    const QModelIndex index = model(e)->index(0, ExtraFlagsEditor::FlagColumn);
    QAbstractItemDelegate* delegate = e.table()->itemDelegateForColumn(ExtraFlagsEditor::FlagColumn);
    QVERIFY(delegate);
    std::unique_ptr<QWidget> editor(delegate->createEditor(e.table()->viewport(), {}, index));
    auto* box = qobject_cast<QComboBox*>(editor.get());
    QVERIFY(box);
    QVERIFY(box->isEditable());
    QStringList items;
    for (int i = 0; i < box->count(); ++i)
        items.append(box->itemText(i));
    QCOMPARE(items, e.offeredFlags()); // fusion_switch_file is a typed field
    QCompleter* completer = box->completer();
    QVERIFY(completer);
    QCOMPARE(completer->filterMode(), Qt::MatchContains);
    QCOMPARE(completer->caseSensitivity(), Qt::CaseInsensitive);
    completer->setCompletionPrefix("FUSION");
    QCOMPARE(completer->completionCount(), 1);
    QCOMPARE(completer->currentCompletion(), QStringLiteral("enable_scope_fusion_passes"));
    // Whatever is typed goes to the model, listed or not.
    box->setEditText("--made_up_flag");
    delegate->setModelData(box, model(e), index);
    QCOMPARE(e.flags(), (QList<AtcExtraFlag> { { "made_up_flag", "" } }));
}

void TestExtraFlagsEditor::roundTrip()
{
    ExtraFlagsEditor e;
    QAbstractItemModelTester tester(model(e), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<AtcExtraFlag> flags { { "optimization_switch", "pass one:on;pass two:off" },
        { "enable_scope_fusion_passes", "A,B" }, { "deterministic", "1" }, { "status_check", "" } };
    e.setFlags(flags);
    QCOMPARE(model(e)->rowCount(), 4);
    QCOMPARE(e.flags(), flags);
    QCOMPARE(model(e)->index(0, ExtraFlagsEditor::ValueColumn).data().toString(),
        QStringLiteral("pass one:on;pass two:off"));
    // Old recipes may carry dashes or a whole "--x=y"; they come back clean.
    e.setFlags({ { "--topo_sorting_mode", "1" }, { "--oo_level=O1", "" } });
    QCOMPARE(e.flags(), (QList<AtcExtraFlag> { { "topo_sorting_mode", "1" }, { "oo_level", "O1" } }));
    e.setFlags({});
    QCOMPARE(model(e)->rowCount(), 0);
    QVERIFY(e.flags().isEmpty());
}

void TestExtraFlagsEditor::typedCells_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expectedName"); // "" when the row does not count
    QTest::addColumn<QString>("expectedValue");
    QTest::newRow("plain") << "deterministic"
                           << "1"
                           << "deterministic"
                           << "1";
    QTest::newRow("value with spaces") << "optimization_switch"
                                       << "a b:on; c d:off"
                                       << "optimization_switch"
                                       << "a b:on; c d:off";
    QTest::newRow("dashes") << "--oo_level"
                            << "O1"
                            << "oo_level"
                            << "O1";
    QTest::newRow("single dash, spaces") << "  -oo_level "
                                         << "O3"
                                         << "oo_level"
                                         << "O3";
    QTest::newRow("name=value splits") << "--x=y"
                                       << ""
                                       << "x"
                                       << "y";
    QTest::newRow("name=value wins over value") << "--x=y"
                                                << "old"
                                                << "x"
                                                << "y";
    QTest::newRow("value keeps '='") << "--raw_opt=a=b c"
                                     << ""
                                     << "raw_opt"
                                     << "a=b c";
    QTest::newRow("hyphens inside become underscores") << "--op-name-map"
                                                       << "m.cfg"
                                                       << "op_name_map"
                                                       << "m.cfg";
    QTest::newRow("hyphens in the value stay") << "--x-y=a-b"
                                               << ""
                                               << "x_y"
                                               << "a-b";
    QTest::newRow("dashes only") << "--"
                                 << "1"
                                 << ""
                                 << "";
    QTest::newRow("empty name") << ""
                                << "orphan"
                                << ""
                                << "";
}

void TestExtraFlagsEditor::typedCells()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expectedName);
    QFETCH(QString, expectedValue);
    ExtraFlagsEditor e;
    // Value first, as a user may fill the row from the right.
    e.findChild<QPushButton*>(QStringLiteral("addExtraFlag"))->click();
    model(e)->setData(model(e)->index(0, ExtraFlagsEditor::ValueColumn), value);
    model(e)->setData(model(e)->index(0, ExtraFlagsEditor::FlagColumn), name);
    const QList<AtcExtraFlag> flags = e.flags();
    if (expectedName.isEmpty()) {
        QVERIFY(flags.isEmpty());
        return;
    }
    QCOMPARE(flags.size(), 1);
    QCOMPARE(flags.first().name, expectedName);
    QCOMPARE(flags.first().value, expectedValue);
    QCOMPARE(model(e)->index(0, ExtraFlagsEditor::FlagColumn).data().toString(), expectedName); // the cell shows it too
}

void TestExtraFlagsEditor::marksFlags_data()
{
    QTest::addColumn<QStringList>("available");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tooltip"); // "" = no mark
    const QStringList probed { "deterministic", "oo_level", "soc_version" };
    QTest::newRow("listed") << probed << "deterministic"
                            << "";
    QTest::newRow("not listed") << probed << "made_up"
                                << "This ATC's --help does not list --made_up";
    QTest::newRow("typed field") << probed << "soc_version"
                                 << "--soc_version has its own field in the form";
    QTest::newRow("typed, not listed") << probed << "precision_mode"
                                       << "--precision_mode has its own field";
    QTest::newRow("no toolkit: nothing known") << QStringList() << "made_up"
                                               << "";
    QTest::newRow("no toolkit, typed") << QStringList() << "log"
                                       << "--log has its own field";
    QTest::newRow("mode is the app's") << probed << "mode"
                                       << "--mode is set by this app";
    QTest::newRow("framework is the app's") << QStringList() << "framework"
                                            << "--framework is set by this app";
}

void TestExtraFlagsEditor::marksFlags()
{
    QFETCH(QStringList, available);
    QFETCH(QString, name);
    QFETCH(QString, tooltip);
    ExtraFlagsEditor e;
    e.setAvailableFlags(available);
    const int row = addRow(e, name, "1");
    const QModelIndex index = model(e)->index(row, ExtraFlagsEditor::FlagColumn);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    if (tooltip.isEmpty()) {
        QVERIFY2(tip.isEmpty(), qPrintable(tip));
        QVERIFY(icon.isNull());
    } else {
        QVERIFY2(tip.contains(tooltip), qPrintable(tip));
        QVERIFY(!icon.isNull());
    }
    QCOMPARE(e.flags().size(), 1); // marked, never refused
}

void TestExtraFlagsEditor::formFlags()
{
    // A form with fields for only some typed flags: the others (keep_dtype here) are offered and not marked.
    ExtraFlagsEditor e;
    e.setAvailableFlags({ "soc_version", "keep_dtype", "deterministic", "mode" });
    QCOMPARE(e.offeredFlags(), (QStringList { "deterministic" })); // before: every typed flag counts as a field
    e.setFormFlags({ "soc_version", "model" });
    QCOMPARE(e.offeredFlags(), (QStringList { "deterministic", "keep_dtype" }));
    const int keep = addRow(e, "keep_dtype", "k.cfg");
    const int soc = addRow(e, "soc_version", "Ascend310P3");
    QVERIFY(model(e)->index(keep, ExtraFlagsEditor::FlagColumn).data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(model(e)
                ->index(soc, ExtraFlagsEditor::FlagColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains("--soc_version has its own field"));
}

void TestExtraFlagsEditor::noToolkitHint()
{
    ExtraFlagsEditor e;
    QVERIFY(hint(e)->isVisibleTo(&e));
    QCOMPARE(hint(e)->text(), QStringLiteral("No ATC toolkit probed: type flag names as `atc --help` lists them"));
    QVERIFY(e.offeredFlags().isEmpty());
    addRow(e, "anything_goes", "1");
    QCOMPARE(e.flags(), (QList<AtcExtraFlag> { { "anything_goes", "1" } }));
    // A probe arrives: the hint goes and the row is checked against the list.
    e.setAvailableFlags({ "deterministic" });
    QVERIFY(!hint(e)->isVisibleTo(&e));
    QVERIFY(model(e)->index(0, 0).data(Qt::ToolTipRole).toString().contains("does not list --anything_goes"));
    e.setAvailableFlags({});
    QVERIFY(hint(e)->isVisibleTo(&e));
    QVERIFY(model(e)->index(0, 0).data(Qt::ToolTipRole).toString().isEmpty());
}

void TestExtraFlagsEditor::changedFires()
{
    ExtraFlagsEditor e;
    QSignalSpy spy(&e, &ExtraFlagsEditor::changed);
    e.setFlags({ { "deterministic", "1" } });
    QCOMPARE(spy.count(), 1);
    model(e)->setData(model(e)->index(0, ExtraFlagsEditor::ValueColumn), "0");
    QCOMPARE(spy.count(), 2);
    QCOMPARE(e.flags().first().value, QStringLiteral("0"));
    model(e)->setData(model(e)->index(0, ExtraFlagsEditor::FlagColumn), "--oo_level=O1");
    QCOMPARE(spy.count(), 3); // one edit, one signal, though the widget split it into two cells
    e.findChild<QPushButton*>(QStringLiteral("addExtraFlag"))->click();
    QCOMPARE(spy.count(), 4);
    auto* remove = e.findChild<QPushButton*>(QStringLiteral("removeExtraFlag"));
    QVERIFY(remove->isEnabled()); // Add selects the new row
    e.table()->clearSelection();
    QVERIFY(!remove->isEnabled());
    e.table()->selectionModel()->select(model(e)->index(0, 1), QItemSelectionModel::Select);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(spy.count(), 5);
    QVERIFY(e.flags().isEmpty()); // the remaining row has no name yet
    // Probing flags changes marks, not the flags: no signal.
    e.setAvailableFlags({ "deterministic" });
    QCOMPARE(spy.count(), 5);
}

QTEST_MAIN(TestExtraFlagsEditor)
#include "tst_extraflagseditor.moc"
