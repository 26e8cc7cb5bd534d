#pragma once

#include <QWidget>

class QListWidget;
class QLabel;

namespace wb {

// Shown when no model is open: a drop target, an Open button and the recent files.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecentFiles(const QStringList& files);

signals:
    void openRequested();
    void recentFileActivated(const QString& path);

private:
    QListWidget* m_recent;
    QLabel* m_recentTitle;
};

} // namespace wb
