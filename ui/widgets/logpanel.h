#pragma once

#include <QWidget>

class QPlainTextEdit;
class QComboBox;

namespace wb {

// Shows the application's log records (fed by a wb::log listener), newest at the bottom.
class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);
    ~LogPanel() override;

    int lineCount() const;
    QString plainText() const;

private:
    void append(int level, const QString& time, const QString& logger, const QString& message);

    QPlainTextEdit* m_view;
    QComboBox* m_level;
    int m_listenerId = -1;
};

} // namespace wb
