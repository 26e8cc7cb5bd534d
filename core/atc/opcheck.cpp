// Operator and opset rules: what ATC's ONNX parser will refuse before it compiles anything (E19010/E16002/E16005).
#include "modelfacts.h"
#include "opsupport.h"

#include <QCoreApplication>
#include <QMap>

#include "atc/checkstr_p.h"

namespace wb {

namespace {

const QString kExtract = QStringLiteral("`atcwb extract MODEL OUT --outputs <tensors before it>`");
// Built when used, not at start-up: the translation is installed after static initialisation.
QString extractGui()
{
    return Tr::tr("*Extract Sub-model* on the Shapes page");
}

QString nodeCount(int n)
{
    return n == 1 ? Tr::tr("1 node") : Tr::tr("%1 nodes").arg(n);
}

QString cannName(const QString& version)
{
    return version.isEmpty() ? Tr::tr("ATC's ONNX parser plugins") : Tr::tr("CANN %1").arg(version);
}

// Ordered groups of node labels, keyed by op (or domain::op).
using Groups = QMap<QString, QStringList>;

struct OpsetCheck {
    const AtcModelFacts& model;
    const AtcOpTable& table;
    QString version;
    QList<AtcFinding> findings;

    void checkImports()
    {
        int defaults = 0;
        QStringList others;
        for (const OpsetInfo& o : model.summary.opsets) {
            if (o.domain.isEmpty() || o.domain == QLatin1String("ai.onnx"))
                ++defaults;
            else
                others.append(QStringLiteral("%1 %2").arg(o.domain).arg(o.version));
        }
        if (defaults > 1)
            findings.append({ AtcSeverity::Error, QStringLiteral("opset_duplicate_default"), {},
                Tr::tr("The model has %1 opset_import entries for the default ONNX domain; ATC's parser accepts "
                       "only one and stops with E16005 (\"The model has [%1] [--domain_version] fields, but "
                       "only one is allowed\").")
                    .arg(defaults),
                Tr::tr("Keep a single ai.onnx entry in opset_import (re-export, or edit model.opset_import with "
                       "the onnx Python API)."),
                {}, QStringLiteral("E16005") });
        if (!others.isEmpty()) {
            const bool old = !version.isEmpty() && compareCannVersions(version, QStringLiteral("7")) < 0;
            findings.append({ old ? AtcSeverity::Error : AtcSeverity::Warning, QStringLiteral("opset_extra_domain"), {},
                Tr::tr("Besides ai.onnx the model imports %1. Older ATC ONNX parsers accept only one opset "
                       "domain and stop with E16005%2.")
                    .arg(others.join(QStringLiteral(", ")),
                        old ? Tr::tr(" (this toolkit is CANN %1)").arg(version)
                            : Tr::tr("; newer ones map domains per node")),
                Tr::tr("Drop the extra opset_import entries the graph does not need (tf2onnx adds ai.onnx.ml), "
                       "or replace the nodes of that domain with standard ONNX operators."),
                {}, QStringLiteral("E16005") });
        }
    }

    void checkNodes()
    {
        const std::optional<qint64> opset = model.summary.defaultOpset();
        const AtcOpsetRange range = table.defaultDomainRange(version);
        Groups unsupported, gaps, custom, controlFlow;
        QStringList everyDefault, affected; // in graph order
        for (const AtcNodeFact& n : model.nodes) {
            if (!n.domain.isEmpty()) {
                (n.domain == QLatin1String("ai.onnx.ml") ? unsupported
                                                         : custom)[n.domain + QLatin1String("::") + n.opType]
                    .append(n.label);
                continue;
            }
            if (table.isParserHandled(n.opType))
                continue;
            everyDefault.append(n.label);
            if (n.opType == QLatin1String("If") || n.opType == QLatin1String("Loop")
                || n.opType == QLatin1String("Scan")) {
                controlFlow[n.opType].append(n.label);
                continue;
            }
            const AtcOpSupport* op = table.find(n.opType);
            if (!op) {
                unsupported[n.opType].append(n.label);
            } else if (opset && !op->supports(int(*opset))) {
                gaps[n.opType].append(n.label);
                affected.append(n.label);
            }
        }
        if (opset && (*opset > range.max || *opset < range.min)) {
            gaps.clear(); // one finding covers every node: the opset is the problem, not the operators
            findings.append({ AtcSeverity::Error, QStringLiteral("opset_range"), {},
                Tr::tr("The model imports ai.onnx opset %1, but %2 %3 opset %4-%5: ATC looks every node up "
                       "as ai.onnx::%1::<Op>, finds no parser and stops with E19010.")
                    .arg(*opset)
                    .arg(cannName(version), version.isEmpty() ? Tr::tr("accept") : Tr::tr("accepts"))
                    .arg(range.min)
                    .arg(range.max),
                Tr::tr("Re-export with opset %1 or lower (torch.onnx.export(..., opset_version=%1)), or convert "
                       "the file with onnx.version_converter.convert_version(model, %1).")
                    .arg(qMin<qint64>(range.max, qMax<qint64>(range.min, *opset))),
                affected.isEmpty() ? everyDefault : affected, QStringLiteral("E19010") });
        }
        for (auto it = unsupported.cbegin(); it != unsupported.cend(); ++it) {
            const QString reason = table.noPluginReason(it.key());
            findings.append({ AtcSeverity::Error, QStringLiteral("op_unsupported"), {},
                Tr::tr("ATC has no ONNX parser for operator %1 (%2)%3, so conversion stops with E19010 (\"No "
                       "parser is registered for Op\").")
                    .arg(it.key(), nodeCount(int(it->size())),
                        reason.isEmpty()
                            ? Tr::tr(": it is not among the %1 operators with an ATC plugin").arg(table.size())
                            : Tr::tr(": %1").arg(reason)),
                Tr::tr("Export the model so %1 is expressed with supported operators, or cut it out with %2 and "
                       "run that part on the host.")
                    .arg(it.key(), kExtract),
                *it, QStringLiteral("E19010") });
        }
        for (auto it = gaps.cbegin(); it != gaps.cend(); ++it) {
            const AtcOpSupport* op = table.find(it.key());
            findings.append({ AtcSeverity::Error, QStringLiteral("op_opset_unsupported"), {},
                Tr::tr("ATC registers %1 only for opsets %2; this model imports ai.onnx opset %3, so ATC finds "
                       "no parser for ai.onnx::%3::%1 (%4) and stops with E19010.")
                    .arg(it.key(), op->opsetsText)
                    .arg(*opset)
                    .arg(nodeCount(int(it->size()))),
                Tr::tr("Re-export the model with an opset that %1 is registered for (%2).")
                    .arg(it.key(), op->opsetsText),
                *it, QStringLiteral("E19010") });
        }
        for (auto it = custom.cbegin(); it != custom.cend(); ++it) {
            findings.append({ AtcSeverity::Error, QStringLiteral("custom_domain_op"), {},
                Tr::tr("Operator %1 (%2) is from a custom domain. ATC has no parser for it unless a custom "
                       "operator package with an ONNX plugin for it is installed ($ASCEND_OPP_PATH/framework/"
                       "custom or ASCEND_CUSTOM_OPP_PATH); otherwise conversion stops with E19010.")
                    .arg(it.key(), nodeCount(int(it->size()))),
                Tr::tr("Install the vendor's custom operator package, re-export with standard ONNX operators, "
                       "or cut the node out with %1 and run it on the host.")
                    .arg(kExtract),
                *it, QStringLiteral("E19010") });
        }
        for (auto it = controlFlow.cbegin(); it != controlFlow.cend(); ++it) {
            const bool parsed = table.find(it.key()) != nullptr;
            findings.append({ parsed ? AtcSeverity::Warning : AtcSeverity::Error, QStringLiteral("control_flow_op"), {},
                parsed ? Tr::tr("%1 (%2) is control flow: ATC parses it (opsets %3) and compiles every branch "
                                "as a subgraph; a condition computed from input data stays a run-time branch, "
                                "which often fails to compile or runs slowly on the NPU.")
                             .arg(it.key(), nodeCount(int(it->size())), table.find(it.key())->opsetsText)
                       : Tr::tr("%1 (%2) is control flow ATC has no ONNX parser for (%3); conversion stops with "
                                "E19010.")
                             .arg(it.key(), nodeCount(int(it->size())), table.noPluginReason(it.key())),
                parsed ? Tr::tr("If the condition is fixed for your deployment, export with that branch only "
                                "(or fold it with onnx-simplifier) so ATC sees a plain graph.")
                       : Tr::tr("Unroll the loop at export time (fixed trip count, traced export) or cut it out "
                                "with %1 and run it on the host.")
                             .arg(kExtract),
                *it, parsed ? QString() : QStringLiteral("E19010") });
        }
    }
};

} // namespace

QList<AtcFinding> checkOperators(const AtcModelFacts& model, const AtcOpTable& table, const QString& cannVersion)
{
    OpsetCheck check { model, table, cannVersion, {} };
    check.checkImports();
    check.checkNodes();
    // The fixes name `atcwb extract`; the GUI's form names the button that does the same.
    for (AtcFinding& f : check.findings) {
        if (f.fix.contains(kExtract)) {
            f.cliFix = f.fix;
            f.fix.replace(kExtract, extractGui());
        }
    }
    return check.findings;
}

} // namespace wb
