// wb_bench_profile: import of a generated 1,000,000-row msprof op_summary CSV by wb::loadProfile against Python's
// csv module reading the same file in the same run (read only, and read + sum per op, the fair comparison), as a
// ratio; and the profile's overlay for a 20k-node model (mapping + marks + OverlayModel::setMarks) against a frame.
//   wb_bench_profile [--rows N] [--ops N] [--repeat N] [--dir DIR] [--python PATH] [--markdown FILE]
// A program to run by hand (README.md), not a ctest test.
#include "graph/overlaymodel.h"
#include "profile/profilefiles.h"
#include "profile/profilemap.h"
#include "profile/profilemarks.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

QString arg(const QStringList& args, const QString& name, const QString& fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// The current msprof header (units, Device_id, Model Name, Infer ID, Mix Block Dim) and realistic cells.
bool writeCsv(const QString& path, qint64 rows, int ops)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("Device_id,Model Name,Model ID,Task ID,Stream ID,Infer ID,Op Name,OP Type,OP State,Task Type,"
            "Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,Input Shapes,"
            "Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats\n");
    static const char* types[] = { "Conv2D", "Relu", "TransData", "MatMulV2", "Add", "Cast", "SoftmaxV2", "Mul" };
    static const char* tasks[] = { "AI_CORE", "AI_VECTOR_CORE", "AI_CPU", "MIX_AIC" };
    QByteArray line;
    for (qint64 i = 0; i < rows; ++i) {
        const int op = int(i % ops);
        const qint64 iteration = i / ops + 1;
        line.clear();
        line += "0,resnet,1," + QByteArray::number(i % 65535) + ",2," + QByteArray::number(iteration) + ",/layer"
            + QByteArray::number(op / 8) + "/op" + QByteArray::number(op) + "/Conv," + types[op % 8] + ",static,"
            + tasks[op % 4] + "," + QByteArray::number(1700000000000.0 + double(i) * 3.5, 'f', 3) + "\t,"
            + QByteArray::number(1.0 + double((i * 7919) % 1000) / 37.0, 'f', 3)
            + ",0.12\t,8,0,\"1,64,56,56;64,64,3,3\",FLOAT16,NC1HWC0,\"\"\"1,64,56,56\"\"\",FLOAT16,NC1HWC0\n";
        f.write(line);
    }
    return f.error() == QFile::NoError;
}

const char* kPythonRead = R"(import csv, sys, time
t = time.perf_counter()
with open(sys.argv[1], newline='') as f:
    r = csv.reader(f)
    next(r)
    n = 0
    for row in r:
        n += 1
print(time.perf_counter() - t, n)
)";

const char* kPythonSum = R"(import csv, sys, time
t = time.perf_counter()
ops = {}
with open(sys.argv[1], newline='') as f:
    r = csv.reader(f)
    h = next(r)
    name, dur = h.index('Op Name'), h.index('Task Duration(us)')
    for row in r:
        d = ops.setdefault(row[name], [])
        d.append(float(row[dur]))
for d in ops.values():
    d.sort()
print(time.perf_counter() - t, len(ops))
)";

double runPython(const QString& python, const char* script, const QString& file)
{
    QProcess p;
    p.start(python, { QStringLiteral("-c"), QString::fromUtf8(script), file });
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        return -1;
    return QString::fromUtf8(p.readAllStandardOutput()).section(QLatin1Char(' '), 0, 0).toDouble();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 rows = arg(args, QStringLiteral("--rows"), QStringLiteral("1000000")).toLongLong();
    const int ops = arg(args, QStringLiteral("--ops"), QStringLiteral("500")).toInt();
    const int repeat = arg(args, QStringLiteral("--repeat"), QStringLiteral("3")).toInt();
    const QString python = arg(args, QStringLiteral("--python"), QStringLiteral("python3"));
    QTemporaryDir scratch;
    const QString dir = arg(args, QStringLiteral("--dir"), scratch.path());
    const QString csv = dir + QStringLiteral("/op_summary_bench.csv");
    std::fprintf(stderr, "writing %lld rows to %s ...\n", static_cast<long long>(rows), qPrintable(csv));
    if (!writeCsv(csv, rows, ops))
        return 1;
    const double mb = double(QFile(csv).size()) / 1048576.0;

    std::vector<double> ours, pyRead, pySum;
    qint64 opsRead = 0;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        auto p = wb::loadProfile(csv);
        ours.push_back(double(t.nsecsElapsed()) / 1e9);
        if (!p) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(p.error().message));
            return 1;
        }
        opsRead = p.value().ops.size();
        pyRead.push_back(runPython(python, kPythonRead, csv));
        pySum.push_back(runPython(python, kPythonSum, csv));
    }

    // Overlay for a 20k-node model: 20k nodes, every one profiled, plus 2k inserted ops without a node.
    constexpr int kNodes = 20000;
    QList<wb::ProfileGraphNode> nodes;
    wb::OpProfile profile;
    for (int i = 0; i < kNodes; ++i) {
        const QString name = QStringLiteral("/block%1/op%2").arg(i / 50).arg(i);
        nodes.append({ name, QStringLiteral("Conv"), name + QStringLiteral("_out") });
        wb::ProfileOp op;
        op.name = name;
        op.count = 1;
        op.totalUs = 1.0 + i % 97;
        profile.ops.append(op);
        if (i % 10 == 0) {
            op.name = QStringLiteral("trans_TransData_%1").arg(i);
            profile.ops.append(op);
        }
        profile.totalUs += op.totalUs;
    }
    // Wall time, and this thread's CPU time (what the work costs when the machine is not shared).
    const auto cpuNs = [] {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
    };
    // As the app does it (hot-spot marks only), and the worst case: a mark with its message on every node.
    std::vector<double> overlayMs, overlayCpuMs, everyMs, everyCpuMs;
    wb::graph::OverlayModel overlay;
    for (int i = 0; i < std::max(5, repeat); ++i) {
        for (const bool every : { false, true }) {
            QElapsedTimer t;
            t.start();
            const double c0 = cpuNs();
            const wb::ProfileMapping mapping = wb::mapProfileToGraph(profile, nodes);
            overlay.setMarks(QStringLiteral("profile"), wb::profileMarks(mapping, every ? 0.0 : 10.0));
            (every ? everyCpuMs : overlayCpuMs).push_back((cpuNs() - c0) / 1e6);
            (every ? everyMs : overlayMs).push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }

    const double o = median(ours), r = median(pyRead), s = median(pySum);
    QString md = QStringLiteral("| measure | ATC Workbench | Python csv | ratio |\n|---|---|---|---|\n");
    md += QStringLiteral("| import %1 rows (%2 MB, %3 ops), median of %4 | %5 s | read only: %6 s | %7x |\n")
              .arg(rows)
              .arg(mb, 0, 'f', 0)
              .arg(opsRead)
              .arg(repeat)
              .arg(o, 0, 'f', 2)
              .arg(r, 0, 'f', 2)
              .arg(o > 0 ? r / o : 0, 0, 'f', 1);
    md += QStringLiteral("| same, Python also sums per op | %1 s | read + per-op lists: %2 s | %3x |\n")
              .arg(o, 0, 'f', 2)
              .arg(s, 0, 'f', 2)
              .arg(o > 0 ? s / o : 0, 0, 'f', 1);
    md += QStringLiteral("| profile onto a 20,000-node model (map + hot-spot marks + setMarks), median | %1 ms wall, "
                         "%2 ms CPU | | |\n")
              .arg(median(overlayMs), 0, 'f', 2)
              .arg(median(overlayCpuMs), 0, 'f', 2);
    md += QStringLiteral("| the same with a mark and its message on every node (worst case), median | %1 ms wall, "
                         "%2 ms CPU | | |\n")
              .arg(median(everyMs), 0, 'f', 2)
              .arg(median(everyCpuMs), 0, 'f', 2);
    std::fputs(qPrintable(md), stdout);
    const QString out = arg(args, QStringLiteral("--markdown"), QString());
    if (!out.isEmpty()) {
        QFile f(out);
        if (f.open(QIODevice::WriteOnly))
            f.write(md.toUtf8());
    }
    return 0;
}
