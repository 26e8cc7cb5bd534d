#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace wb {

class InputShapeModel;

// Under an input-shape table: what the model suggests for the open dims ("images dim 2 = 640 (metadata imgsz =
// [640, 640])") and a button that puts it in. Hidden while there is nothing to suggest; never applies by itself.
class DimSuggestionBar : public QWidget {
    Q_OBJECT
public:
    explicit DimSuggestionBar(InputShapeModel* model, QWidget* parent = nullptr);

    QString text() const; // empty while hidden
    void apply();

private:
    void update();

    InputShapeModel* m_model;
    QLabel* m_text;
    QPushButton* m_use;
};

} // namespace wb
