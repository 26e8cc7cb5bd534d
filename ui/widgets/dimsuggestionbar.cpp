#include "dimsuggestionbar.h"

#include "models/inputshapemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace wb {

DimSuggestionBar::DimSuggestionBar(InputShapeModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_text(new QLabel(this))
    , m_use(new QPushButton(tr("Use Suggestion"), this))
{
    setObjectName(QStringLiteral("dimSuggestion"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_text->setWordWrap(true);
    m_use->setObjectName(QStringLiteral("useDimSuggestion"));
    m_use->setToolTip(tr("Put the sizes the model suggests into the open dimensions."));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_use);
    connect(m_use, &QPushButton::clicked, this, &DimSuggestionBar::apply);
    connect(m_model, &InputShapeModel::specsChanged, this, &DimSuggestionBar::update);
    connect(m_model, &InputShapeModel::dataChanged, this, &DimSuggestionBar::update);
    connect(m_model, &InputShapeModel::modelReset, this, &DimSuggestionBar::update);
    update();
}

QString DimSuggestionBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void DimSuggestionBar::apply()
{
    m_model->applySuggestions();
}

void DimSuggestionBar::update()
{
    // One entry per input and reason: "images: dim 2 = 640, dim 3 = 640 (metadata imgsz = [640, 640])".
    QStringList parts;
    const QList<DimSuggestion> all = m_model->suggestions();
    for (qsizetype i = 0; i < all.size();) {
        QStringList dims;
        qsizetype j = i;
        for (; j < all.size() && all.at(j).input == all.at(i).input && all.at(j).reason == all.at(i).reason; ++j)
            dims.append(tr("dim %1 = %2").arg(all.at(j).dim).arg(all.at(j).value));
        parts.append(tr("%1: %2 (%3)").arg(all.at(i).input, dims.join(QStringLiteral(", ")), all.at(i).reason));
        i = j;
    }
    m_text->setText(parts.isEmpty() ? QString() : tr("The model suggests: %1.").arg(parts.join(QStringLiteral("; "))));
    setHidden(parts.isEmpty());
}

} // namespace wb
