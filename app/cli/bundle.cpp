// atcwb bundle OUT_DIR RECIPE_OR_OM...: a deployment bundle (run/bundle.h) for om_dispatch and om-runner --bundle.
#include "run/bundle.h"
#include "commands.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace wb::cli {

namespace {

QString omLine(const BundleOm& om)
{
    QStringList gears;
    for (qint64 g : om.gears)
        gears << QString::number(g);
    QStringList inputs;
    for (const BundleTensor& t : om.inputs) {
        QStringList dims;
        for (qint64 d : t.shape)
            dims << QString::number(d);
        inputs << QStringLiteral("%1 %2 [%3]").arg(t.name, t.dtype, dims.join(QLatin1Char(',')));
    }
    return QStringLiteral("  %1  %2  %3  sha256 %4\n")
        .arg(om.file,
            om.gears.isEmpty() ? QStringLiteral("batch %1").arg(om.batch)
                               : QStringLiteral("gears %1").arg(gears.join(QLatin1Char(','))),
            inputs.join(QStringLiteral("; ")), om.sha256.left(16));
}

} // namespace

int runBundle(const QStringList& args)
{
    const QString command = QStringLiteral("bundle");
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print deploy.json's content as JSON."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ json, help });
    parser.addPositionalArgument(QStringLiteral("OUT_DIR"), QStringLiteral("The bundle folder (created)."));
    parser.addPositionalArgument(QStringLiteral("RECIPE_OR_OM"),
        QStringLiteral("OMs converted by ATC Workbench, or the <name>.om.recipe.json beside each."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb bundle") } + args))
        return usageError(command, parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb bundle OUT_DIR RECIPE_OR_OM... [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2)
            + QStringLiteral("\nCopies the OMs into OUT_DIR and writes OUT_DIR/deploy.json (model name and sha256, "
                             "SoC, toolkit version, and per OM: file, sha256, batch or dynamic gears, inputs and "
                             "outputs). Every OM must be whole and built for one SoC from one model with the same "
                             "inputs; a mismatch is an error naming the file.\nExit status: 0 written, 1 bad input "
                             "(nothing written), 2 bad usage.\n"));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usageError(command, QStringLiteral("expected OUT_DIR and at least one OM or recipe"), wantJson);
    QStringList warnings;
    const Result<BundleManifest> written = writeBundle(positional.mid(1), positional.first(), &warnings);
    if (!written.ok())
        return inputError(written.error(), wantJson);
    const QString manifestPath = QDir(positional.first()).absoluteFilePath(QStringLiteral("deploy.json"));
    if (wantJson) {
        QJsonObject out = bundleManifestToJson(written.value());
        out.insert(QStringLiteral("manifest"), manifestPath);
        out.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        printJson(out);
        return Ok;
    }
    QString text = QStringLiteral("Wrote %1: %2 for %3 (%4 OM(s))\n")
                       .arg(QDir::toNativeSeparators(manifestPath), written.value().modelName,
                           written.value().soc.isEmpty() ? QStringLiteral("no SoC") : written.value().soc)
                       .arg(written.value().oms.size());
    for (const BundleOm& om : written.value().oms)
        text += omLine(om);
    for (const QString& w : warnings)
        text += QStringLiteral("warning: %1\n").arg(w);
    printText(text);
    return Ok;
}

namespace {
const bool registered = registerCommand({ "bundle", "bundle OUT_DIR RECIPE_OR_OM... [--json]",
    "Deployment bundle: copy OMs of one model (one per batch size and/or a dynamic-batch one) into a folder with\n"
    "deploy.json, checked, for om_dispatch and `om-runner --bundle` / `atcwb bench --bundle`.",
    &runBundle, 72 });
} // namespace

} // namespace wb::cli
