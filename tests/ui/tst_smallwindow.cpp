// The window at 1024x700, in English and in Chinese: every page lays out without cutting a label or a button short,
// a long status line never makes the window wider than asked, the static shapes stay in view, and the Settings dialog
// shows all of its text.
#include "dialogs/settingsdialog.h"
#include "i18n.h"
#include "mainwindow.h"
#include "models/inputshapemodel.h"
#include "pages/conversionpage.h"
#include "settings/settings.h"
#include "testutil.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

using namespace wb;

namespace {

constexpr int kWidth = 1024;
constexpr int kHeight = 700;

// The widget and its ancestors are shown (on the current page).
bool showing(const QWidget* w)
{
    return w->isVisibleTo(w->window()) && w->isVisible();
}

// Where the widget lies in its window: a label or button pushed partly outside the window (a dialog shorter than
// its layout needs) is cut too. Widgets inside a scroll area are left out (scrolling shows them).
bool outsideItsWindow(const QWidget* w, const QWidget* root)
{
    for (const QWidget* p = w->parentWidget(); p && p != root; p = p->parentWidget()) {
        if (p->inherits("QAbstractScrollArea") || p->inherits("QScrollArea"))
            return false;
    }
    const QRect inRoot(w->mapTo(root, QPoint(0, 0)), w->size());
    return !root->rect().contains(inRoot);
}

// What is cut: a label without word wrap narrower than its text, a wrapping label shorter than its text needs, a
// button narrower than its text, a label or button (partly) outside its window.
QStringList clipped(const QWidget* root)
{
    QStringList out;
    for (const QWidget* w : root->findChildren<QWidget*>()) {
        const auto* label = qobject_cast<const QLabel*>(w);
        const auto* button = qobject_cast<const QAbstractButton*>(w);
        if ((label && !label->text().isEmpty()) || (button && !button->text().isEmpty())) {
            if (showing(w) && outsideItsWindow(w, root))
                out.append(QStringLiteral("%1 '%2' lies outside its window (%3,%4 %5x%6 in %7x%8)")
                               .arg(QString::fromLatin1(w->metaObject()->className()),
                                   (label ? label->text() : button->text()).left(60))
                               .arg(w->mapTo(root, QPoint(0, 0)).x())
                               .arg(w->mapTo(root, QPoint(0, 0)).y())
                               .arg(w->width())
                               .arg(w->height())
                               .arg(root->width())
                               .arg(root->height()));
        }
    }
    for (const QLabel* l : root->findChildren<QLabel*>()) {
        if (!showing(l) || l->text().isEmpty() || l->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored)
            continue;
        if (l->wordWrap()) {
            if (l->height() + 1 < l->heightForWidth(l->width()))
                out.append(QStringLiteral("label %1 (%2): %3 px high, needs %4: %5")
                               .arg(l->objectName(), l->parentWidget()->objectName())
                               .arg(l->height())
                               .arg(l->heightForWidth(l->width()))
                               .arg(l->text().left(60)));
        } else if (l->pixmap().isNull() && l->width() + 1 < l->minimumSizeHint().width()) {
            out.append(QStringLiteral("label %1: %2 px wide, needs %3: %4")
                           .arg(l->objectName())
                           .arg(l->width())
                           .arg(l->minimumSizeHint().width())
                           .arg(l->text().left(60)));
        }
    }
    for (const QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
        if (!showing(b) || b->text().isEmpty())
            continue;
        // The text (and icon) must fit; a style's minimum button width (80 px in Fusion) is not a clip.
        QString text = b->text();
        text.remove(QLatin1Char('&'));
        const int needs
            = b->fontMetrics().horizontalAdvance(text) + (b->icon().isNull() ? 0 : b->iconSize().width()) + 8;
        if (b->width() + 1 < needs)
            out.append(QStringLiteral("button %1: %2 px wide, needs %3").arg(b->text()).arg(b->width()).arg(needs));
    }
    return out;
}

// The page just shown laid out: nested layouts take several passes of posted events, and a loaded machine may give
// a short wait only one, so the passes are counted, not timed.
void settle()
{
    QTest::qWait(20);
    for (int i = 0; i < 8; ++i)
        QCoreApplication::processEvents();
}

void removeTranslators()
{
    for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

} // namespace

class TestSmallWindow : public QObject {
    Q_OBJECT
private slots:
    void cleanup();
    void pagesFit_data();
    void pagesFit();
    void longStatusKeepsTheWidth();
    void chartHintsInsideTheirCharts_data();
    void chartHintsInsideTheirCharts();
    void staticShapeColumnInView_data();
    void staticShapeColumnInView();
    void settingsDialogShowsItsText_data();
    void settingsDialogShowsItsText();

private:
    static void addLanguages();
    void openSmall(const QString& language, const QString& model);

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestSmallWindow::cleanup()
{
    m_window.reset();
    m_settings.reset();
    removeTranslators();
}

// One row per language of the UI.
void TestSmallWindow::addLanguages()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << "en";
    QTest::newRow("zh_CN") << "zh_CN";
}

// The window in LANGUAGE at 1024x700 with MODEL open and the work its loading starts (inference, layout) done.
void TestSmallWindow::openSmall(const QString& language, const QString& model)
{
    QCOMPARE(installTranslations(qApp, language), language);
    m_settings = std::make_unique<Settings>(m_dir.filePath(
        QStringLiteral("%1 %2.ini").arg(QString::fromLatin1(QTest::currentTestFunction()), QTest::currentDataTag())));
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->resize(kWidth, kHeight);
    m_window->show();
    QSignalSpy loaded(m_window.get(), &MainWindow::loadFinished);
    m_window->openModel(model);
    QVERIFY(loaded.wait(20000));
    QVERIFY(loaded.first().first().toBool());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 20000);
}

void TestSmallWindow::pagesFit_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("page");
    for (const char* language : { "en", "zh_CN" }) {
        for (const char* page : { "model", "shapes", "graph", "convert", "atc", "run" })
            QTest::addRow("%s %s", language, page) << QString::fromLatin1(language) << QString::fromLatin1(page);
    }
}

void TestSmallWindow::pagesFit()
{
    QFETCH(QString, language);
    QFETCH(QString, page);
    openSmall(language, wbtest::modelPath(QStringLiteral("detector_nms.onnx")));
    if (QTest::currentTestFailed())
        return;
    MainWindow& window = *m_window;
    QVERIFY(window.showPage(page));
    settle();
    QCOMPARE(window.size(), QSize(kWidth, kHeight));
    QVERIFY2(window.minimumSizeHint().width() <= kWidth, qPrintable(QString::number(window.minimumSizeHint().width())));
    const QStringList cut = clipped(&window);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
}

void TestSmallWindow::longStatusKeepsTheWidth()
{
    // A model deep in a long path: the status bar shows the whole path, the ATC Run page a long status line.
    QString deep = m_dir.path();
    for (int i = 0; i < 6; ++i)
        deep += QStringLiteral("/a_rather_long_folder_name_for_a_model_%1").arg(i);
    QVERIFY(QDir().mkpath(deep));
    const QString model = deep + QStringLiteral("/resnet_static.onnx");
    QVERIFY(QFile::copy(wbtest::modelPath(QStringLiteral("resnet_static.onnx")), model));
    openSmall(QStringLiteral("en"), model);
    if (QTest::currentTestFailed())
        return;
    MainWindow& window = *m_window;
    window.conversionPage()->setRunBlockedReason(QString(600, QLatin1Char('x')).replace(QLatin1Char('x'), "word "));
    for (const QString& page : { QStringLiteral("convert"), QStringLiteral("atc"), QStringLiteral("shapes") }) {
        QVERIFY(window.showPage(page));
        settle();
        QCOMPARE(window.width(), kWidth);
        QVERIFY2(window.minimumSizeHint().width() <= kWidth,
            qPrintable(page + QStringLiteral(": ") + QString::number(window.minimumSizeHint().width())));
    }
}

void TestSmallWindow::chartHintsInsideTheirCharts_data()
{
    addLanguages();
}

void TestSmallWindow::chartHintsInsideTheirCharts()
{
    // The Run page's empty charts say what will fill them, inside the chart: Chinese has no spaces to break at, and
    // its hints ran over both edges of the trace and the histogram at 1024x700.
    QFETCH(QString, language);
    openSmall(language, wbtest::modelPath(QStringLiteral("detector_nms.onnx")));
    if (QTest::currentTestFailed())
        return;
    MainWindow& window = *m_window;
    QVERIFY(window.showPage(QStringLiteral("run")));
    settle();
    int hints = 0;
    for (QCustomPlot* plot : window.findChildren<QCustomPlot*>()) {
        if (!plot->isVisible())
            continue;
        plot->replot(); // lays out the axis rect at the plot's size
        const QRect rect = plot->axisRect()->rect();
        for (int i = 0; i < plot->itemCount(); ++i) {
            auto* text = qobject_cast<QCPItemText*>(plot->item(i));
            if (!text || !text->visible() || text->text().isEmpty())
                continue;
            ++hints;
            const QFontMetrics fm(text->font());
            QRect box = fm.boundingRect(QRect(), Qt::AlignCenter, text->text());
            box.moveCenter(text->position->pixelPosition().toPoint());
            QVERIFY2(rect.contains(box),
                qPrintable(QStringLiteral("'%1' (%2,%3 %4x%5) is not inside its chart (%6,%7 %8x%9)")
                               .arg(text->text())
                               .arg(box.x())
                               .arg(box.y())
                               .arg(box.width())
                               .arg(box.height())
                               .arg(rect.x())
                               .arg(rect.y())
                               .arg(rect.width())
                               .arg(rect.height())));
        }
    }
    QCOMPARE(hints, 3); // trace, histogram, comparison
}

void TestSmallWindow::staticShapeColumnInView_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("model");
    for (const char* language : { "en", "zh_CN" }) {
        // Three symbolic dims on chips (batch, height, width); long Paddle names (p2o.DynamicDimension.0).
        for (const char* model : { "yolo_like.onnx", "paddle_rec.onnx" })
            QTest::addRow("%s %s", language, model) << QString::fromLatin1(language) << QString::fromLatin1(model);
    }
}

void TestSmallWindow::staticShapeColumnInView()
{
    // The static shape is what the user types: on the Shapes and Convert pages its column is whole in the table's
    // view at 1024x700 without scrolling sideways (the model's shape gives way, elided, its tooltip whole).
    QFETCH(QString, language);
    QFETCH(QString, model);
    openSmall(language, wbtest::modelPath(model));
    if (QTest::currentTestFailed())
        return;
    MainWindow& window = *m_window;
    const QList<QPair<QString, QString>> tables { { QStringLiteral("shapes"), QStringLiteral("inputShapeTable") },
        { QStringLiteral("convert"), QStringLiteral("convertInputShapeTable") } };
    for (const auto& [page, name] : tables) {
        QVERIFY(window.showPage(page));
        settle();
        auto* view = window.findChild<QTableView*>(name);
        QVERIFY2(view && view->isVisible(), qPrintable(name));
        const int column = InputShapeModel::StaticShapeColumn;
        const QHeaderView* header = view->horizontalHeader();
        const int left = header->sectionViewportPosition(column);
        const int width = header->sectionSize(column);
        QVERIFY2(left >= 0 && left + width <= view->viewport()->width(),
            qPrintable(QStringLiteral("%1: the static shape column lies at %2..%3, the view shows 0..%4")
                           .arg(page)
                           .arg(left)
                           .arg(left + width)
                           .arg(view->viewport()->width())));
        // The shape typed is whole (a reason after it may be elided: the status line says it in full), and so
        // is the column's title.
        const QString typed = view->model()->index(0, column).data(Qt::EditRole).toString();
        const int needs = qMax(view->fontMetrics().horizontalAdvance(typed + QStringLiteral("   ")),
            header->fontMetrics().horizontalAdvance(
                view->model()->headerData(column, Qt::Horizontal).toString() + QStringLiteral("  ")));
        QVERIFY2(width >= needs,
            qPrintable(QStringLiteral("%1: the static shape column is %2 px, '%3' and its title need %4")
                           .arg(page)
                           .arg(width)
                           .arg(typed)
                           .arg(needs)));
        QCOMPARE(view->horizontalScrollBar()->value(), 0);
    }
}

void TestSmallWindow::settingsDialogShowsItsText_data()
{
    addLanguages();
}

void TestSmallWindow::settingsDialogShowsItsText()
{
    QFETCH(QString, language);
    QCOMPARE(installTranslations(qApp, language), language);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    {
        // Over the main window, as Tools > Settings… opens it.
        MainWindow window(settings);
        window.resize(kWidth, kHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SettingsDialog dialog(settings, &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList cut = clipped(&dialog);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
    }
}

WB_TEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
