#include "modelshapes.h"

#include "models/inputshapemodel.h"
#include "onnx/dimhints.h"

namespace wb {

ModelShapes::ModelShapes(QObject* parent)
    : QObject(parent)
    , m_inputs(new InputShapeModel(this))
{
    // Profiles need -1 (or lo~hi) in the input shapes; the pages that want fixed sizes use staticSpecs().
    m_inputs->setAllowDynamic(true);
    connect(m_inputs, &InputShapeModel::specsChanged, this, [this] {
        emit inputsChanged();
        emit changed();
    });
}

void ModelShapes::setModel(const OnnxModelPtr& model)
{
    if (model == m_model)
        return;
    m_model = model;
    m_profileFlag.clear();
    m_profileValue.clear();
    m_batchText.clear();
    m_inputs->setInputs(model ? model->summary().inputs : QList<TensorInfo>()); // emits inputsChanged
    m_inputs->setHints(model ? dimHints(*model) : DimHints());
    emit profileChanged();
    emit batchVariantsChanged();
    emit changed();
}

void ModelShapes::clear()
{
    setModel(nullptr);
}

QString ModelShapes::inputShapeText() const
{
    return m_inputs->specText();
}

QList<InputShapeSpec> ModelShapes::staticSpecs() const
{
    QList<InputShapeSpec> out;
    for (const InputShapeSpec& spec : m_inputs->completeSpecs()) {
        if (spec.isStatic())
            out.append(spec);
    }
    return out;
}

bool ModelShapes::setInputShapes(const QList<InputShapeSpec>& specs)
{
    bool allKnown = true;
    for (const InputShapeSpec& spec : specs) {
        bool known = false;
        for (int row = 0; row < m_inputs->rowCount(); ++row)
            known = known || m_inputs->index(row, InputShapeModel::NameColumn).data().toString() == spec.name;
        allKnown = allKnown && known;
    }
    m_inputs->setSpecs(specs);
    return allKnown;
}

void ModelShapes::setProfile(const QString& flag, const QString& value)
{
    if (flag == m_profileFlag && value == m_profileValue)
        return;
    m_profileFlag = flag;
    m_profileValue = value;
    emit profileChanged();
    emit changed();
}

QList<qint64> ModelShapes::batchVariants() const
{
    QList<qint64> sizes;
    for (const QString& part : m_batchText.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = part.trimmed().toLongLong(&ok);
        if (ok && v > 0 && !sizes.contains(v))
            sizes.append(v);
    }
    return sizes;
}

void ModelShapes::setBatchVariants(const QString& text)
{
    if (text == m_batchText)
        return;
    m_batchText = text;
    emit batchVariantsChanged();
    emit changed();
}

QString ModelShapes::summary() const
{
    QStringList parts;
    const QString shapes = inputShapeText();
    parts.append(shapes.isEmpty() ? tr("input shapes not complete") : shapes);
    if (!m_profileFlag.isEmpty())
        parts.append(QStringLiteral("--%1=%2").arg(
            m_profileFlag, m_profileValue.isEmpty() ? QStringLiteral("?") : m_profileValue));
    if (const QList<qint64> batches = batchVariants(); !batches.isEmpty()) {
        QStringList sizes;
        for (const qint64 b : batches)
            sizes.append(QString::number(b));
        parts.append(tr("batch variants %1").arg(sizes.join(QLatin1Char(','))));
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace wb
