#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace wb {

// An inline, dismissable message strip at the top of the window (errors that name the file and the fix).
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };
    Q_ENUM(Kind)

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& title, const QString& text);
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
};

} // namespace wb
