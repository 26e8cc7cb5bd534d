// Colours with a meaning stay readable on both palettes: every tone's text on the window, and every panel's text
// on its own background, meet WCAG's 4.5:1 contrast for normal text.
#include "charts/latencycharts.h"
#include "charts/profilechart.h"
#include "charts/strategychart.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QProxyStyle>
#include <QRegularExpression>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOptionButton>
#include <QtTest>

#include <cmath>

using namespace wb;

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor fromPanel(const QString& css, const QString& property)
{
    const QRegularExpression re(QStringLiteral("(^|;|\\s)%1:(#[0-9a-fA-F]{6})").arg(property));
    return QColor(re.match(css).captured(2));
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void readable_data();
    void readable();
    void followsThePalette();
    void checkBoxesVisibleOnDark_data();
    void checkBoxesVisibleOnDark();
    void chartsFollowThePalette();
};

void TestTheme::readable_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<int>("tone");
    const char* names[] = { "info", "success", "warning", "error" };
    for (const bool dark : { false, true }) {
        for (int t = 0; t < 4; ++t)
            QTest::addRow("%s %s", dark ? "dark" : "light", names[t]) << dark << t;
    }
}

void TestTheme::readable()
{
    QFETCH(bool, dark);
    QFETCH(int, tone);
    QApplication::setPalette(dark ? theme::darkPalette() : QApplication::style()->standardPalette());
    QCOMPARE(theme::isDark(), dark);
    const auto t = static_cast<theme::Tone>(tone);
    const QColor window = QApplication::palette().color(QPalette::Window);
    const QColor base = QApplication::palette().color(QPalette::Base);
    QVERIFY2(contrast(theme::text(t), window) >= 4.5, qPrintable(QString::number(contrast(theme::text(t), window))));
    QVERIFY2(contrast(theme::text(t), base) >= 4.5, qPrintable(QString::number(contrast(theme::text(t), base))));
    const QString css = theme::panel(t);
    const QColor background = fromPanel(css, QStringLiteral("background")),
                 ink = fromPanel(css, QStringLiteral("color"));
    QVERIFY2(background.isValid() && ink.isValid(), qPrintable(css));
    QVERIFY2(contrast(ink, background) >= 4.5, qPrintable(css));
    // Cells use the panel colours: their text is as readable on their background.
    QVERIFY(contrast(theme::cellText(t), theme::cellBackground(t)) >= 4.5);
    // A panel stands out from the window it sits in, in either direction.
    QVERIFY(background != window);
}

void TestTheme::followsThePalette()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    const QColor light = theme::text(theme::Tone::Error);
    QApplication::setPalette(theme::darkPalette());
    QVERIFY(theme::text(theme::Tone::Error) != light);
    QVERIFY(theme::darkPalette().color(QPalette::Window).lightness() < 128);
    QVERIFY(contrast(theme::darkPalette().color(QPalette::Text), theme::darkPalette().color(QPalette::Base)) >= 7.0);
}

// Fusion frames a check box a shade darker than the window: on the dark palette the box vanished. The app's style
// outlines it so that its frame stands out from the window, whatever style it wraps (main.cpp wraps the desktop's
// style too, so a dark desktop palette with another style keeps its check boxes), checked and not.
void TestTheme::checkBoxesVisibleOnDark_data()
{
    QTest::addColumn<QString>("styleName");
    QTest::addColumn<bool>("checked");
    const QStringList keys = QStyleFactory::keys();
    QVERIFY(keys.contains(QStringLiteral("Fusion")));
    for (const QString& key : keys) {
        QTest::addRow("%s, not checked", qPrintable(key)) << key << false;
        QTest::addRow("%s, checked", qPrintable(key)) << key << true;
    }
}

void TestTheme::checkBoxesVisibleOnDark()
{
    QFETCH(QString, styleName);
    QFETCH(bool, checked);
    std::unique_ptr<QStyle> style(theme::makeStyle(styleName));
    auto* proxy = qobject_cast<QProxyStyle*>(style.get());
    QVERIFY(proxy && proxy->baseStyle());
    QCOMPARE(proxy->baseStyle()->name().toLower(), styleName.toLower());
    const QPalette dark = theme::darkPalette();
    QCheckBox box(QStringLiteral("Only tensors not static"));
    box.setChecked(checked);
    box.setStyle(style.get());
    box.setPalette(dark);
    box.resize(box.sizeHint());
    const QImage image = box.grab().toImage();
    QStyleOptionButton option;
    option.initFrom(&box);
    const QRect indicator = style->subElementRect(QStyle::SE_CheckBoxIndicator, &option, &box);
    QVERIFY(indicator.width() > 6);
    int standsOut = 0;
    const QColor window = dark.color(QPalette::Window);
    for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
        for (int x = indicator.left(); x <= indicator.right(); ++x)
            standsOut += contrast(image.pixelColor(x * image.width() / box.width(), y * image.height() / box.height()),
                             window)
                    >= 2.0
                ? 1
                : 0;
    }
    QVERIFY2(standsOut >= indicator.width() * 2, qPrintable(QString::number(standsOut))); // at least two sides
}

// The latency charts take the palette's colours: dark background, light axes on the dark palette.
void TestTheme::chartsFollowThePalette()
{
    // Every chart of the app: the Run page's latency charts, the Strategies tab's chart and the Profile page's (the
    // last two stayed white on the dark palette).
    for (const bool dark : { false, true }) {
        QApplication::setPalette(dark ? theme::darkPalette() : QApplication::style()->standardPalette());
        LatencyCharts charts;
        StrategyChart strategies;
        ProfileChart profile;
        for (QWidget* chart : std::initializer_list<QWidget*> { &charts, &strategies, &profile }) {
            chart->resize(800, 600);
            chart->show();
        }
        charts.setSamples({ 1.0, 2.0, 1.5 });
        QTest::qWait(100); // the chart replots on its throttle (at most 30 times a second)
        for (QWidget* chart : std::initializer_list<QWidget*> { &charts, &strategies, &profile }) {
            const QImage image = chart->grab().toImage();
            // Inside the first plot (top left), away from the axes and any curve's end points.
            const QColor inside = image.pixelColor(image.width() / 4, image.height() / 8);
            QVERIFY2((inside.lightness() < 128) == dark,
                qPrintable(QStringLiteral("%1 on the %2 palette: lightness %3")
                               .arg(QString::fromLatin1(chart->metaObject()->className()),
                                   dark ? QStringLiteral("dark") : QStringLiteral("light"))
                               .arg(inside.lightness())));
        }
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
