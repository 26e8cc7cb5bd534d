#pragma once

// The ModelDef as both readers see it (binary protobuf, atc --mode=1 JSON), before the attributes are given their
// meaning in one place (buildOmModel). Private to core/om.
#include "om/ommodel.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb::omraw {

struct AttrValue {
    enum class Kind { None, S, I, F, B, ListS, ListI, ListF, ListB, Named, Other };
    Kind kind = Kind::None;
    QString s;
    qint64 i = 0;
    double f = 0;
    bool b = false;
    QStringList listS;
    QList<qint64> listI;
    QList<double> listF;
    QList<bool> listB;
    QMap<QString, QString> named; // NamedAttrs (func): each attribute as text
    QString text() const; // any scalar or list as text ("1,2,3")
};

using Attrs = QHash<QString, AttrValue>;

struct Tensor {
    QString name;
    QString dtype; // "DT_FLOAT" or a number as text
    QString layout;
    std::optional<QList<qint64>> dims;
};

struct Op {
    QString name;
    QString type;
    QStringList inputs;
    Attrs attrs;
    QList<Tensor> inputDescs;
    QList<Tensor> outputDescs;
};

struct Graph {
    QString name;
    QList<Op> ops;
};

struct Model {
    QString name;
    Attrs attrs;
    QList<Graph> graphs;
};

// GE's DataType enum number -> its name without DT_ ("FLOAT16"); "DT_FLOAT16" -> "FLOAT16".
QString dtypeName(const QString& dtypeOrNumber);

OmModel buildOmModel(const Model& raw, const QString& path, OmModel::Source source, QStringList warnings);

// Binary .om reader (ombinary.cpp).
Result<OmModel> readOmBinary(const QString& path);

} // namespace wb::omraw
