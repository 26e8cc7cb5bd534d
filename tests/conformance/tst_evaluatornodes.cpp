// The folding evaluator against ONNX's own node tests (Debian's libonnx-testdata, label "conformance").
//
// For every test under node/ whose graph uses only operators the evaluator implements (one node, or an
// "_expanded" function body of several), each test_data_set_N is evaluated node by node and every output must
// equal output_N.pb: exactly for integers and bool, within 1e-5 absolute + 1e-5 relative for floating point (the
// evaluator computes float32 in double and rounds once per operation; numpy may round differently by an ulp).
//
// Each data set counts as one of:
//   agree        every output equals the reference;
//   disagree     an output differs, or the evaluator calls valid test data invalid: a bug, the test fails;
//   not covered  an input, attribute or output the evaluator declines (bfloat16, strings, a NonZero of a scalar):
//                listed with the reason under WB_CONFORMANCE_VERBOSE=1, never silently skipped.
// The test also fails when fewer than kMinimumAgreeing data sets agree, so it cannot pass by finding nothing.
#include "onnx/evaluator_p.h"
#include "onnx/foldtensor_p.h"
#include "testdata.h"

#include <onnx/onnx_pb.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <map>

using namespace wb::detail;

namespace {

constexpr int kMinimumAgreeing = 300;

template <typename Message> bool readProto(const QString& path, Message* message)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.readAll();
    return message->ParseFromArray(bytes.constData(), static_cast<int>(bytes.size()));
}

QString dims(const FoldTensor& t)
{
    QStringList parts;
    for (const int64_t d : t.dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Empty when `actual` equals `expected`, else what differs.
QString compare(const FoldTensor& actual, const FoldTensor& expected)
{
    if (actual.type != expected.type)
        return QStringLiteral("type %1, expected %2").arg(dtypeName(actual.type), dtypeName(expected.type));
    if (actual.dims != expected.dims)
        return QStringLiteral("shape %1, expected %2").arg(dims(actual), dims(expected));
    const auto n = static_cast<size_t>(expected.count());
    for (size_t i = 0; i < n; ++i) {
        if (expected.isReal()) {
            const double a = actual.reals[i], e = expected.reals[i];
            if ((std::isnan(a) && std::isnan(e)) || a == e)
                continue;
            const double tolerance = expected.type == onnx::TensorProto_DataType_FLOAT16 ? 1e-3 : 1e-5;
            if (std::fabs(a - e) > tolerance + tolerance * std::fabs(e))
                return QStringLiteral("element %1 is %2, expected %3").arg(i).arg(a, 0, 'g', 9).arg(e, 0, 'g', 9);
        } else if (actual.ints[i] != expected.ints[i]) {
            return QStringLiteral("element %1 is %2, expected %3").arg(i).arg(actual.ints[i]).arg(expected.ints[i]);
        }
    }
    return {};
}

int defaultOpset(const onnx::ModelProto& model)
{
    for (const auto& o : model.opset_import()) {
        if (o.domain().empty() || o.domain() == "ai.onnx")
            return static_cast<int>(o.version());
    }
    return 0;
}

} // namespace

class TestEvaluatorNodes : public QObject {
    Q_OBJECT

private slots:
    void nodeTests();
};

void TestEvaluatorNodes::nodeTests()
{
    const QDir root(dataRoot() + QStringLiteral("/node"));
    if (!root.exists())
        QSKIP("libonnx-testdata is not installed (scripts/install-deps.sh installs it)");
    const bool verbose = qEnvironmentVariableIntValue("WB_CONFORMANCE_VERBOSE") != 0;
    int agree = 0, notCovered = 0, testsUsed = 0;
    QStringList disagreements, declined;
    std::map<std::string, int> perOp;
    for (const QString& test : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        onnx::ModelProto model;
        if (!readProto(root.filePath(test + QStringLiteral("/model.onnx")), &model))
            continue;
        const onnx::GraphProto& g = model.graph();
        bool usable = g.node_size() > 0 && g.initializer_size() == 0;
        for (const auto& node : g.node())
            usable = usable && (node.domain().empty() || node.domain() == "ai.onnx") && isEvaluatedOp(node.op_type());
        if (!usable)
            continue;
        ++testsUsed;
        const int opset = defaultOpset(model);
        const QDir testDir(root.filePath(test));
        for (const QString& set : testDir.entryList({ QStringLiteral("test_data_set_*") }, QDir::Dirs, QDir::Name)) {
            const QString where = test + QLatin1Char('/') + set;
            std::map<std::string, FoldTensor> values;
            QString skipWhy;
            for (int i = 0; i < g.input_size() && skipWhy.isEmpty(); ++i) {
                onnx::TensorProto proto;
                if (!readProto(testDir.filePath(set + QStringLiteral("/input_%1.pb").arg(i)), &proto)) {
                    skipWhy = QStringLiteral("input_%1.pb is not a tensor").arg(i);
                    break;
                }
                // A few old tests store bfloat16 data as uint16 bit patterns: such data does not fit the model.
                const int declared = g.input(i).type().tensor_type().elem_type();
                if (proto.data_type() != declared) {
                    skipWhy = QStringLiteral("input_%1.pb holds %2, the model declares %3")
                                  .arg(i)
                                  .arg(dtypeName(proto.data_type()), dtypeName(declared));
                    break;
                }
                QString why;
                auto t = foldTensorFromProto(proto, &why);
                if (!t)
                    skipWhy = QStringLiteral("input %1: %2").arg(i).arg(why);
                else
                    values[g.input(i).name()] = std::move(*t);
            }
            for (const auto& node : g.node()) {
                if (!skipWhy.isEmpty())
                    break;
                std::vector<const FoldTensor*> inputs;
                for (const auto& in : node.input())
                    inputs.push_back(in.empty() ? nullptr : &values.at(in));
                EvalOutcome outcome = evaluateNode(node, opset, inputs, int64_t(1) << 24);
                if (outcome.status == EvalOutcome::Status::NotCovered) {
                    skipWhy = QStringLiteral("%1: %2").arg(QString::fromStdString(node.op_type()), outcome.message);
                    break;
                }
                if (outcome.status != EvalOutcome::Status::Done) {
                    disagreements.append(QStringLiteral("%1: %2 refused valid data: %3")
                                             .arg(where, QString::fromStdString(node.op_type()), outcome.message));
                    skipWhy = QStringLiteral("refused");
                    break;
                }
                for (int k = 0; k < node.output_size(); ++k) {
                    if (!node.output(k).empty())
                        values[node.output(k)] = std::move(outcome.outputs[static_cast<size_t>(k)]);
                }
            }
            if (skipWhy == QLatin1String("refused"))
                continue;
            if (!skipWhy.isEmpty()) {
                ++notCovered;
                declined.append(where + QStringLiteral(": ") + skipWhy);
                continue;
            }
            QString problem;
            for (int i = 0; i < g.output_size() && problem.isEmpty(); ++i) {
                onnx::TensorProto proto;
                QString why;
                std::optional<FoldTensor> expected;
                if (readProto(testDir.filePath(set + QStringLiteral("/output_%1.pb").arg(i)), &proto))
                    expected = foldTensorFromProto(proto, &why);
                if (!expected) {
                    problem = QStringLiteral("output_%1.pb cannot be read: %2").arg(i).arg(why);
                    break;
                }
                const auto it = values.find(g.output(i).name());
                problem = it == values.end() ? QStringLiteral("output %1 was not computed").arg(i)
                                             : compare(it->second, *expected);
                if (!problem.isEmpty())
                    problem = QStringLiteral("output %1: %2").arg(i).arg(problem);
            }
            if (problem.isEmpty()) {
                ++agree;
                for (const auto& node : g.node())
                    ++perOp[node.op_type()];
            } else {
                disagreements.append(where + QStringLiteral(": ") + problem);
            }
        }
    }
    std::printf("Evaluator vs libonnx-testdata node tests: %d tests of evaluated operators; data sets: %d agree, "
                "%lld disagree, %d not covered\n",
        testsUsed, agree, static_cast<long long>(disagreements.size()), notCovered);
    QStringList ops;
    for (const auto& [op, n] : perOp)
        ops.append(QStringLiteral("%1 %2").arg(QString::fromStdString(op)).arg(n));
    std::printf("Agreeing data sets per operator: %s\n", qPrintable(ops.join(QStringLiteral(", "))));
    if (verbose) {
        for (const QString& d : declined)
            std::printf("  not covered: %s\n", qPrintable(d));
    }
    for (const QString& d : disagreements)
        std::printf("  DISAGREE: %s\n", qPrintable(d));
    std::fflush(stdout);
    QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.mid(0, 5).join(QLatin1Char('\n'))));
    QVERIFY2(agree >= kMinimumAgreeing, qPrintable(QStringLiteral("only %1 data sets agreed").arg(agree)));
}

QTEST_APPLESS_MAIN(TestEvaluatorNodes)
#include "tst_evaluatornodes.moc"
