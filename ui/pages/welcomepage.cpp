#include "welcomepage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
    , m_recentTitle(new QLabel(tr("Recent models"), this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* drop = new QLabel(tr("<h2>Drop an ONNX model here</h2>"
                               "<p>or open one to see its inputs, outputs and dynamic dimensions.</p>"),
        this);
    drop->setAlignment(Qt::AlignCenter);
    drop->setObjectName(QStringLiteral("dropZone"));
    drop->setStyleSheet(QStringLiteral("#dropZone { border: 2px dashed palette(mid); border-radius: 8px; "
                                       "padding: 36px; }"));
    outer->addWidget(drop, 0, Qt::AlignHCenter);
    auto* open = new QPushButton(tr("Open Model…"), this);
    open->setDefault(true);
    outer->addWidget(open, 0, Qt::AlignHCenter);
    outer->addSpacing(16);
    outer->addWidget(m_recentTitle, 0, Qt::AlignHCenter);
    m_recent->setMaximumWidth(640);
    m_recent->setMinimumWidth(420);
    m_recent->setMaximumHeight(220);
    outer->addWidget(m_recent, 0, Qt::AlignHCenter);
    outer->addStretch(2);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { emit recentFileActivated(item->data(Qt::UserRole).toString()); });
    setRecentFiles({});
}

void WelcomePage::setRecentFiles(const QStringList& files)
{
    m_recent->clear();
    for (const QString& path : files) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(info.fileName(), info.absolutePath()), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        if (!info.exists()) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setText(item->text() + tr(" (missing)"));
        }
    }
    m_recent->setVisible(!files.isEmpty());
    m_recentTitle->setVisible(!files.isEmpty());
}

} // namespace wb
