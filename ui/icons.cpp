#include "icons.h"

#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QStyle>

namespace wb::icons {

namespace {

// Fusion's play icon is black and disappears on a dark palette: one drawn in the success colour instead.
QIcon play()
{
    QPixmap pixmap(48, 48);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(theme::text(theme::Tone::Success));
    p.drawPolygon(QPolygonF { QPointF(12, 8), QPointF(40, 24), QPointF(12, 40) });
    p.end();
    return QIcon(pixmap);
}

} // namespace

QIcon page(const QString& id)
{
    const QStyle* style = QApplication::style();
    if (id == QLatin1String("model"))
        return style->standardIcon(QStyle::SP_FileDialogDetailedView);
    if (id == QLatin1String("shapes"))
        return style->standardIcon(QStyle::SP_FileDialogContentsView);
    if (id == QLatin1String("graph"))
        return style->standardIcon(QStyle::SP_DirIcon);
    if (id == QLatin1String("convert"))
        return play();
    if (id == QLatin1String("atc"))
        return style->standardIcon(QStyle::SP_FileDialogInfoView);
    if (id == QLatin1String("run"))
        return style->standardIcon(QStyle::SP_ComputerIcon);
    return {};
}

QIcon openFile()
{
    return QApplication::style()->standardIcon(QStyle::SP_DialogOpenButton);
}

QIcon verdict(theme::Tone tone)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = theme::text(tone);
    p.setPen(QPen(colour, 2));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QRectF(3, 3, 26, 26));
    p.setPen(QPen(colour, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    switch (tone) {
    case theme::Tone::Success:
        p.drawPolyline(QPolygonF { QPointF(10, 16.5), QPointF(14.5, 21), QPointF(22.5, 11) });
        break;
    case theme::Tone::Error:
        p.drawLine(QPointF(11, 11), QPointF(21, 21));
        p.drawLine(QPointF(21, 11), QPointF(11, 21));
        break;
    case theme::Tone::Warning:
        p.drawLine(QPointF(16, 9), QPointF(16, 18));
        p.drawPoint(QPointF(16, 23));
        break;
    case theme::Tone::Info:
        p.drawLine(QPointF(10, 16), QPointF(22, 16));
        break;
    }
    p.end();
    return QIcon(pixmap);
}

} // namespace wb::icons
