#include "messagebar.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace wb {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    auto* texts = new QVBoxLayout;
    texts->setSpacing(2);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    layout->addLayout(texts, 1);
    m_action->hide();
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, &MessageBar::triggerAction);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& title, const QString& text)
{
    m_kind = kind;
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
    m_text->setText(text);
    m_action->hide();
    m_actionFn = nullptr;
    applyStyle();
    show();
}

void MessageBar::setAction(const QString& text, std::function<void()> action)
{
    m_action->setText(text);
    m_actionFn = std::move(action);
    m_action->show();
}

QString MessageBar::actionText() const
{
    return m_actionFn ? m_action->text() : QString();
}

void MessageBar::triggerAction()
{
    if (!m_actionFn)
        return;
    auto action = m_actionFn;
    dismiss();
    action();
}

void MessageBar::dismiss()
{
    if (!isVisible())
        return;
    hide();
    emit dismissed();
}

QString MessageBar::text() const
{
    return m_text->text();
}

QString MessageBar::title() const
{
    return m_title->text();
}

void MessageBar::applyStyle()
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    theme::Tone tone = theme::Tone::Info;
    if (m_kind == Kind::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        tone = theme::Tone::Warning;
    } else if (m_kind == Kind::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        tone = theme::Tone::Error;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize) * 2;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    setStyleSheet(QStringLiteral("#messageBar { %1 border-radius:4px; } #messageBar QLabel { color:%2; "
                                 "background:transparent; border:none; }")
                      .arg(theme::panel(tone), theme::cellText(tone).name()));
}

} // namespace wb
