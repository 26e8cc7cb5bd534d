#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QStyleOption>

namespace wb::theme {

namespace {

struct PanelColors {
    const char* background;
    const char* border;
    const char* text;
};

// Light and dark, in Tone order.
constexpr PanelColors kLightPanels[] = {
    { "#e8f1fb", "#8fb5e0", "#10283f" },
    { "#e8f5e9", "#9ccc9c", "#123d14" },
    { "#fff3d6", "#e6b34a", "#3a2a00" },
    { "#fdecea", "#e08a80", "#4a0d06" },
};
constexpr PanelColors kDarkPanels[] = {
    { "#1d2b3a", "#4a6f99", "#dbe9f7" },
    { "#1e3322", "#4f8a55", "#d6efd8" },
    { "#3a2f12", "#a07d2a", "#f7e6bf" },
    { "#3d1f1c", "#a0524a", "#f8d7d3" },
};
constexpr const char* kLightText[] = { "#1f4e8c", "#1b6e20", "#8a5100", "#b00020" };
constexpr const char* kDarkText[] = { "#90caf9", "#a5d6a7", "#ffcc80", "#ff8a80" };

int index(Tone tone)
{
    return static_cast<int>(tone);
}

class ContrastStyle : public QProxyStyle {
public:
    using QProxyStyle::QProxyStyle;
    void drawPrimitive(
        PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        const bool box = element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
        if ((!box && element != PE_IndicatorRadioButton) || option->palette.color(QPalette::Window).lightness() >= 128)
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor frame = option->palette.color(QPalette::Text);
        frame.setAlpha((option->state & State_Enabled) ? 150 : 70);
        painter->setPen(QPen(frame, 1));
        painter->setBrush(Qt::NoBrush);
        const QRectF r = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
        if (box)
            painter->drawRoundedRect(r, 2, 2);
        else
            painter->drawEllipse(r);
        painter->restore();
    }
};

} // namespace

bool isDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Mid, QColor(0x2f, 0x31, 0x34));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

QStyle* makeStyle(const QString& name)
{
    return new ContrastStyle(QStyleFactory::create(name));
}

QColor text(Tone tone)
{
    return QColor(QLatin1String((isDark() ? kDarkText : kLightText)[index(tone)]));
}

QString panel(Tone tone)
{
    const PanelColors& c = (isDark() ? kDarkPanels : kLightPanels)[index(tone)];
    return QStringLiteral("background:%1; border:1px solid %2; color:%3;")
        .arg(QLatin1String(c.background), QLatin1String(c.border), QLatin1String(c.text));
}

QColor cellBackground(Tone tone)
{
    return QColor(QLatin1String((isDark() ? kDarkPanels : kLightPanels)[index(tone)].background));
}

QColor cellText(Tone tone)
{
    return QColor(QLatin1String((isDark() ? kDarkPanels : kLightPanels)[index(tone)].text));
}

} // namespace wb::theme
