#include "logpanel.h"

#include "theme.h"

#include "logging/logging.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb {

LogPanel::LogPanel(QWidget* parent)
    : QWidget(parent)
    , m_view(new QPlainTextEdit(this))
    , m_level(new QComboBox(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    m_level->addItem(tr("Debug and above"), int(log::Level::Debug));
    m_level->addItem(tr("Info and above"), int(log::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(log::Level::Warning));
    m_level->setCurrentIndex(1);
    bar->addWidget(m_level);
    bar->addStretch();
    auto* clear = new QPushButton(tr("Clear"), this);
    bar->addWidget(clear);
    layout->addLayout(bar);
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(5000);
    m_view->setFont(QFont(QStringLiteral("monospace")));
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_view);
    connect(clear, &QPushButton::clicked, m_view, &QPlainTextEdit::clear);

    // Records arrive on any thread; hop to the GUI thread through a queued call.
    QPointer<LogPanel> self(this);
    m_listenerId = log::addListener([self](const log::Record& r) {
        if (!self)
            return;
        const int level = int(r.level);
        const QString time = r.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        QMetaObject::invokeMethod(
            self.data(),
            [self, level, time, logger = r.logger, message = r.message] {
                if (self)
                    self->append(level, time, logger, message);
            },
            Qt::QueuedConnection);
    });
}

LogPanel::~LogPanel()
{
    log::removeListener(m_listenerId);
}

int LogPanel::lineCount() const
{
    return m_view->document()->blockCount() - (m_view->document()->isEmpty() ? 1 : 0);
}

QString LogPanel::plainText() const
{
    return m_view->toPlainText();
}

void LogPanel::append(int level, const QString& time, const QString& logger, const QString& message)
{
    if (level < m_level->currentData().toInt())
        return;
    static const char* names[] = { "trace", "debug", "info", "warning", "error", "critical" };
    const QString color = level >= int(log::Level::Error) ? theme::text(theme::Tone::Error).name()
        : level == int(log::Level::Warning)               ? theme::text(theme::Tone::Warning).name()
        : level <= int(log::Level::Debug)                 ? QString::fromLatin1(theme::isDark() ? "#a0a0a0" : "#707070")
                                                          : QString();
    QString line = QStringLiteral("%1 [%2] %3: %4")
                       .arg(time, logger, QString::fromLatin1(names[qBound(0, level, 5)]), message.toHtmlEscaped());
    if (!color.isEmpty())
        line = QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, line);
    m_view->appendHtml(line);
}

} // namespace wb
