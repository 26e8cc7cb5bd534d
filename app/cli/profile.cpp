// atcwb profile: a per-operator NPU profile (msprof op_summary / op_statistic, torch_npu kernel_details) as a table,
// on the ONNX graph, against another profile, exported.
#include "commands.h"
#include "graph/graphdocument.h"
#include "om/ommodel.h"
#include "onnx/onnxmodel.h"
#include "profile/profilefiles.h"
#include "profile/profilejson.h"
#include "profile/profilemap.h"
#include "profile/profilenetron.h"
#include "profile/profileom.h"
#include "profile/profiletext.h"
#include "util/atomicfile.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace wb::cli {

namespace {

const char* const kSynopsis = "profile PROF_DIR|op_summary.csv [--om M.om|OM.json] [--model M.onnx] [--against OTHER] "
                              "[--top N] [--json] [--csv FILE] [--node-data FILE] [--netron FILE.onnx]";

int runProfile(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print the profile as JSON (README)."));
    const QCommandLineOption omOpt(QStringLiteral("om"),
        QStringLiteral("The OM (or its atc --mode=1 JSON): map fused ops to their ONNX nodes."), QStringLiteral("OM"));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
        QStringLiteral("The source ONNX model: put op time on its nodes."), QStringLiteral("ONNX"));
    const QCommandLineOption againstOpt(QStringLiteral("against"),
        QStringLiteral("Compare with another profile (ops aligned by name)."), QStringLiteral("OTHER"));
    const QCommandLineOption csvOpt(
        QStringLiteral("csv"), QStringLiteral("Write the op table as CSV."), QStringLiteral("FILE"));
    const QCommandLineOption nodeDataOpt(QStringLiteral("node-data"),
        QStringLiteral("Write per-node times as Model Explorer node data JSON (needs --model)."),
        QStringLiteral("FILE"));
    const QCommandLineOption netronOpt(QStringLiteral("netron"),
        QStringLiteral("Write a copy of the model with per-node times for Netron (needs --model)."),
        QStringLiteral("FILE"));
    const QCommandLineOption topOpt(QStringLiteral("top"),
        QStringLiteral("Ops listed in the text table (default 25, 0 = all)."), QStringLiteral("N"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ jsonOpt, omOpt, modelOpt, againstOpt, csvOpt, nodeDataOpt, netronOpt, topOpt, help });
    parser.addPositionalArgument(QStringLiteral("PROFILE"),
        QStringLiteral("A PROF_* folder, an op_summary_*.csv / op_statistic_*.csv, or a kernel_details.csv."));
    if (!parser.parse(QStringList { QStringLiteral("atcwb profile") } + args))
        return usageError(QStringLiteral("profile"), parser.errorText(), json);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb %1\n\n").arg(QString::fromUtf8(kSynopsis))
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(
            QStringLiteral("profile"), QStringLiteral("expected one PROFILE (a PROF_* folder or a CSV)"), json);
    int top = 25;
    if (parser.isSet(topOpt)) {
        bool ok = false;
        top = parser.value(topOpt).toInt(&ok);
        if (!ok || top < 0)
            return usageError(QStringLiteral("profile"), QStringLiteral("--top needs a number >= 0"), json);
    }
    if ((parser.isSet(nodeDataOpt) || parser.isSet(netronOpt)) && !parser.isSet(modelOpt))
        return usageError(QStringLiteral("profile"), QStringLiteral("--node-data and --netron need --model"), json);

    auto profile = loadProfile(parser.positionalArguments().constFirst());
    if (!profile)
        return inputError(profile.error(), json);

    std::optional<ProfileMapping> mapping;
    QList<ProfileGraphNode> graphNodes;
    OnnxModelPtr model;
    QHash<QString, QStringList> origins; // OM op -> its ONNX nodes
    std::optional<OmModel> om;
    if (parser.isSet(omOpt)) {
        auto read = readOmFile(parser.value(omOpt));
        if (!read)
            return inputError(read.error(), json);
        om = std::move(read).value();
        origins = profileOriginsFromOm(*om);
    }
    if (parser.isSet(modelOpt)) {
        auto loaded = OnnxModel::load(parser.value(modelOpt));
        if (!loaded)
            return inputError(loaded.error(), json);
        model = loaded.value();
        const graph::GraphDocumentPtr doc = graph::GraphDocument::build(*model);
        for (const graph::Node& n : doc->nodes()) {
            if (n.kind == graph::Node::Kind::Operator)
                graphNodes.append(
                    { n.name, n.opType, n.outputs.isEmpty() ? QString() : n.outputs.constFirst().tensor });
        }
        mapping = mapProfileToGraph(profile.value(), graphNodes, origins);
    } else if (om) {
        // No ONNX file: the nodes the OM names as origins stand for the graph.
        for (const QString& node : onnxNodesNamedByOm(*om))
            graphNodes.append({ node, QString(), QString() });
        mapping = mapProfileToGraph(profile.value(), graphNodes, origins);
    }
    std::optional<ProfileComparison> comparison;
    if (parser.isSet(againstOpt)) {
        auto other = loadProfile(parser.value(againstOpt));
        if (!other)
            return inputError(other.error(), json);
        comparison = compareProfiles(profile.value(), other.value());
    }
    const ProfileMapping* m = mapping ? &*mapping : nullptr;
    if (parser.isSet(csvOpt)) {
        auto written = writeFileAtomically(parser.value(csvOpt), profileToCsv(profile.value(), m));
        if (!written)
            return inputError(written.error(), json);
    }
    if (parser.isSet(nodeDataOpt)) {
        const QByteArray bytes
            = QJsonDocument(modelExplorerNodeData(*mapping, graphNodes)).toJson(QJsonDocument::Indented);
        auto written = writeFileAtomically(parser.value(nodeDataOpt), bytes);
        if (!written)
            return inputError(written.error(), json);
    }
    if (parser.isSet(netronOpt)) {
        auto written = writeNetronAttachment(*model, *mapping, parser.value(netronOpt));
        if (!written)
            return inputError(written.error(), json);
    }
    if (json)
        printJson(profileToJson(profile.value(), m, comparison ? &*comparison : nullptr));
    else
        printText(profileToText(profile.value(), m, comparison ? &*comparison : nullptr, top));
    return Ok;
}

} // namespace

const bool profileRegistered = registerCommand({ "profile", kSynopsis,
    "Per-operator NPU time from msprof (op_summary / op_statistic) or torch_npu (kernel_details): ops by time,\n"
    "time by op type, on the ONNX graph (--model), against another profile (--against), exported (--csv,\n"
    "--node-data for Model Explorer, --netron).",
    &runProfile, 60 });

} // namespace wb::cli
