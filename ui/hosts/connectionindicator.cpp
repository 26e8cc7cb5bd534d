#include "connectionindicator.h"

#include "theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>

namespace wb {

ConnectionIndicator::ConnectionIndicator(HostConnections* connections, QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("connectionIndicator"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(10);
    hide();
    connect(connections, &HostConnections::stateChanged, this, &ConnectionIndicator::onStateChanged);
}

QString ConnectionIndicator::text(const QString& host) const
{
    const QLabel* label = m_labels.value(host);
    return label ? label->text().remove(QRegularExpression(QStringLiteral("<[^>]*>"))) : QString();
}

QString ConnectionIndicator::toolTip(const QString& host) const
{
    const QLabel* label = m_labels.value(host);
    return label ? label->toolTip() : QString();
}

void ConnectionIndicator::onStateChanged(const QString& host, HostConnections::State state, const QString& detail)
{
    if (state == HostConnections::State::Unknown) { // forgotten (removed from the settings)
        if (QLabel* label = m_labels.take(host))
            label->deleteLater();
        setVisible(!m_labels.isEmpty());
        return;
    }
    QLabel* label = m_labels.value(host);
    if (!label) {
        label = new QLabel(this);
        label->setObjectName(QStringLiteral("connection_") + host);
        m_layout->addWidget(label);
        m_labels.insert(host, label);
    }
    const theme::Tone tone = state == HostConnections::State::Connected ? theme::Tone::Success
        : state == HostConnections::State::Lost                         ? theme::Tone::Error
                                                                        : theme::Tone::Info;
    label->setText(
        QStringLiteral("<span style=\"color:%1\">\u25cf</span> %2")
            .arg(theme::text(tone).name(), tr("%1: %2").arg(host.toHtmlEscaped(), HostConnections::stateName(state))));
    label->setToolTip(tr("%1 — %2 (%3)")
                          .arg(host, detail.isEmpty() ? HostConnections::stateName(state) : detail,
                              QLocale().toString(QDateTime::currentDateTime().time(), QLocale::ShortFormat)));
    show();
}

} // namespace wb
