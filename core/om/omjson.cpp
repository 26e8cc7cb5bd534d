// Reader for the JSON that `atc --mode=1 --om=M.om --json=M.json` writes: GE's Pb2Json (ge/common/convert/
// pb2json.cc) of the ModelDef. Message fields keep their proto names; a map<string, AttrDef> becomes a list of
// {"key", "value"} objects; bytes fields (AttrDef.s) are C-escaped (google::protobuf::CEscape); enums are names
// ("DT_FLOAT") or numbers; empty messages and unset fields are left out.
#include "om/omraw_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace wb {

namespace {

// Undoes google::protobuf::CEscape: \n \r \t \" \' \\ and three-digit octal escapes (also \xHH, which CHexEscape
// writes), then reads the bytes as UTF-8.
QString unescape(const QString& text)
{
    if (!text.contains(QLatin1Char('\\')))
        return text;
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c != '\\' || i + 1 >= in.size()) {
            out.append(c);
            continue;
        }
        const char e = in.at(++i);
        switch (e) {
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && i + 1 < in.size() && std::isxdigit(static_cast<unsigned char>(in.at(i + 1)))) {
                value = value * 16 + QByteArray(1, in.at(++i)).toInt(nullptr, 16);
                ++digits;
            }
            out.append(char(value));
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                for (int k = 0; k < 2 && i + 1 < in.size() && in.at(i + 1) >= '0' && in.at(i + 1) <= '7'; ++k)
                    value = value * 8 + (in.at(++i) - '0');
                out.append(char(value));
            } else {
                out.append(e); // \" \' \\ and anything else: the character itself
            }
        }
    }
    return QString::fromUtf8(out);
}

qint64 toInt64(const QJsonValue& v)
{
    if (v.isString())
        return v.toString().toLongLong();
    return qint64(v.toDouble());
}

omraw::AttrValue parseAttrValue(const QJsonObject& value);

omraw::Attrs parseAttrs(const QJsonValue& list)
{
    omraw::Attrs attrs;
    // Pb2Json writes maps as [{key, value}]; accept a plain object too (protobuf's own JSON printer).
    if (list.isObject()) {
        const QJsonObject object = list.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            attrs.insert(it.key(), parseAttrValue(it.value().toObject()));
        return attrs;
    }
    for (const QJsonValue& entry : list.toArray()) {
        const QJsonObject e = entry.toObject();
        attrs.insert(
            e.value(QLatin1String("key")).toString(), parseAttrValue(e.value(QLatin1String("value")).toObject()));
    }
    return attrs;
}

omraw::AttrValue parseAttrValue(const QJsonObject& value)
{
    using Kind = omraw::AttrValue::Kind;
    omraw::AttrValue a;
    if (value.contains(QLatin1String("s"))) {
        a.kind = Kind::S;
        a.s = unescape(value.value(QLatin1String("s")).toString());
    } else if (value.contains(QLatin1String("i"))) {
        a.kind = Kind::I;
        a.i = toInt64(value.value(QLatin1String("i")));
    } else if (value.contains(QLatin1String("f"))) {
        a.kind = Kind::F;
        const QJsonValue f = value.value(QLatin1String("f"));
        a.f = f.isString() ? f.toString().toDouble() : f.toDouble();
    } else if (value.contains(QLatin1String("b"))) {
        a.kind = Kind::B;
        a.b = value.value(QLatin1String("b")).toBool();
    } else if (value.contains(QLatin1String("list"))) {
        const QJsonObject list = value.value(QLatin1String("list")).toObject();
        if (list.contains(QLatin1String("s"))) {
            a.kind = Kind::ListS;
            for (const QJsonValue& s : list.value(QLatin1String("s")).toArray())
                a.listS.append(unescape(s.toString()));
        } else if (list.contains(QLatin1String("i"))) {
            a.kind = Kind::ListI;
            for (const QJsonValue& i : list.value(QLatin1String("i")).toArray())
                a.listI.append(toInt64(i));
        } else if (list.contains(QLatin1String("f"))) {
            a.kind = Kind::ListF;
            for (const QJsonValue& f : list.value(QLatin1String("f")).toArray())
                a.listF.append(f.isString() ? f.toString().toDouble() : f.toDouble());
        } else if (list.contains(QLatin1String("b"))) {
            a.kind = Kind::ListB;
            for (const QJsonValue& b : list.value(QLatin1String("b")).toArray())
                a.listB.append(b.toBool());
        } else {
            // An empty list: Pb2Json leaves out its empty repeated fields, and val_type says what it would hold.
            a.kind = list.value(QLatin1String("val_type")).toString() == QLatin1String("VT_LIST_INT") ? Kind::ListI
                                                                                                      : Kind::ListS;
        }
    } else if (value.contains(QLatin1String("func"))) {
        a.kind = Kind::Named;
        const omraw::Attrs named
            = parseAttrs(value.value(QLatin1String("func")).toObject().value(QLatin1String("attr")));
        for (auto it = named.cbegin(); it != named.cend(); ++it)
            a.named.insert(it.key(), it.value().text());
    } else if (value.contains(QLatin1String("dt"))) {
        a.kind = Kind::S;
        const QJsonValue dt = value.value(QLatin1String("dt"));
        a.s = omraw::dtypeName(dt.isString() ? dt.toString() : QString::number(toInt64(dt)));
    } else if (!value.isEmpty()) {
        a.kind = Kind::Other;
    }
    return a;
}

omraw::Tensor parseTensor(const QJsonObject& t)
{
    omraw::Tensor tensor;
    tensor.name = t.value(QLatin1String("name")).toString();
    const QJsonValue dtype = t.value(QLatin1String("dtype"));
    tensor.dtype = dtype.isString() ? dtype.toString() : dtype.isDouble() ? QString::number(dtype.toInt()) : QString();
    tensor.layout = t.value(QLatin1String("layout")).toString();
    if (t.contains(QLatin1String("shape"))) {
        QList<qint64> dims;
        for (const QJsonValue& d : t.value(QLatin1String("shape")).toObject().value(QLatin1String("dim")).toArray())
            dims.append(toInt64(d));
        tensor.dims = dims;
    }
    return tensor;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

Result<OmModel> parseOmJson(const QByteArray& json, const QString& path)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Where the parser stopped tells a cut-off file (at its very end) from one that is not JSON at all.
        const bool endedEarly = parseError.offset >= json.trimmed().size() - 1;
        return Error { QStringLiteral("bad_json"),
            endedEarly
                ? QStringLiteral("%1 is not complete JSON: it ends at byte %2 in the middle of the model (%3), so it "
                                 "was probably cut off while writing or copying. Run `atc --mode=1 --om=M.om "
                                 "--json=%1` again, or open the .om itself.")
                      .arg(path)
                      .arg(parseError.offset)
                      .arg(parseError.errorString())
                : QStringLiteral("%1 is not JSON (%2 at byte %3). Pass the JSON `atc --mode=1 --om=M.om --json=...` "
                                 "wrote, or the .om itself.")
                      .arg(path, parseError.errorString())
                      .arg(parseError.offset),
            {} };
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || (!root.value(QLatin1String("graph")).isArray() && !root.contains(QLatin1String("attr"))))
        return Error { QStringLiteral("not_om_json"),
            QStringLiteral("%1 is JSON but not an OM's model definition: it has no \"graph\" list and no \"attr\" list "
                           "as `atc --mode=1` writes them. Pass the JSON of `atc --mode=1 --om=M.om --json=...` (not "
                           "a pre-check report or a fusion result), or the .om itself.")
                .arg(path),
            {} };

    omraw::Model raw;
    raw.name = root.value(QLatin1String("name")).toString();
    raw.attrs = parseAttrs(root.value(QLatin1String("attr")));
    for (const QJsonValue& g : root.value(QLatin1String("graph")).toArray()) {
        const QJsonObject go = g.toObject();
        omraw::Graph graph;
        graph.name = go.value(QLatin1String("name")).toString();
        for (const QJsonValue& o : go.value(QLatin1String("op")).toArray()) {
            const QJsonObject oo = o.toObject();
            omraw::Op op;
            op.name = oo.value(QLatin1String("name")).toString();
            op.type = oo.value(QLatin1String("type")).toString();
            op.inputs = stringList(oo.value(QLatin1String("input")));
            op.attrs = parseAttrs(oo.value(QLatin1String("attr")));
            for (const QJsonValue& t : oo.value(QLatin1String("input_desc")).toArray())
                op.inputDescs.append(parseTensor(t.toObject()));
            for (const QJsonValue& t : oo.value(QLatin1String("output_desc")).toArray())
                op.outputDescs.append(parseTensor(t.toObject()));
            graph.ops.append(std::move(op));
        }
        raw.graphs.append(std::move(graph));
    }
    return omraw::buildOmModel(raw, path, OmModel::Source::AtcJson, {});
}

} // namespace wb
