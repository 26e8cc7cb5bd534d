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

// A standard icon at the page list's size at least: Fusion has some (the computer, the drive, the open folder) only
// at 16 px, and a QIcon never scales a pixmap up, so they stood small beside the others.
QIcon standard(QStyle::StandardPixmap which)
{
    constexpr int kPageIcon = 24;
    const QIcon icon = QApplication::style()->standardIcon(which);
    QSize largest;
    for (const QSize& size : icon.availableSizes())
        largest = size.width() > largest.width() ? size : largest;
    if (largest.isEmpty() || largest.width() >= kPageIcon)
        return icon;
    return QIcon(
        icon.pixmap(largest).scaled(2 * kPageIcon, 2 * kPageIcon, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

} // namespace

QIcon page(const QString& id)
{
    if (id == QLatin1String("model"))
        return standard(QStyle::SP_FileDialogDetailedView);
    if (id == QLatin1String("shapes"))
        return standard(QStyle::SP_FileDialogContentsView);
    if (id == QLatin1String("graph"))
        return standard(QStyle::SP_DirIcon);
    if (id == QLatin1String("convert"))
        return play();
    if (id == QLatin1String("atc"))
        return standard(QStyle::SP_FileDialogInfoView);
    if (id == QLatin1String("run"))
        return standard(QStyle::SP_ComputerIcon);
    if (id == QLatin1String("om"))
        return standard(QStyle::SP_DriveHDIcon);
    if (id == QLatin1String("convertmany"))
        return standard(QStyle::SP_DirOpenIcon);
    if (id == QLatin1String("profile"))
        return standard(QStyle::SP_FileDialogListView);
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
