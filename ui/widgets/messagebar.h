#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QToolButton;
class QPushButton;

namespace wb {

// An inline, dismissable message strip at the top of the window (errors that name the file and the fix).
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };
    Q_ENUM(Kind)

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& title, const QString& text);
    // Adds a button to the message currently shown (cleared by the next showMessage).
    void setAction(const QString& text, std::function<void()> action);
    QString actionText() const;
    void triggerAction();
    void dismiss();
    Kind kind() const { return m_kind; }
    QString text() const;
    QString title() const;

signals:
    void dismissed();

private:
    void applyStyle();

    Kind m_kind = Kind::Info;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_text;
    QToolButton* m_close;
    QPushButton* m_action;
    std::function<void()> m_actionFn;
};

} // namespace wb
