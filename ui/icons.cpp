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

} // namespace wb::icons
