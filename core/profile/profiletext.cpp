#include "profiletext.h"

#include <algorithm>

namespace wb {

namespace {

QString us(double v)
{
    return QString::number(v, 'f', v < 10 ? 3 : (v < 1000 ? 2 : 1));
}

QString padded(const QString& s, int width)
{
    return s.size() > width ? s.left(width - 1) + QChar(0x2026) : s.leftJustified(width);
}

} // namespace

QString profileToText(const OpProfile& p, const ProfileMapping* mapping, const ProfileComparison* cmp, int top)
{
    QString out = QStringLiteral("%1 from %2 file(s): %3 op(s), %4 iteration(s)%5, %6 us of op time per iteration\n")
                      .arg(profileKindName(p.kind))
                      .arg(p.files.size())
                      .arg(p.kind == ProfileKind::OpStatistic ? QStringLiteral("-") : QString::number(p.ops.size()))
                      .arg(p.iterations)
                      .arg(p.kind == ProfileKind::Runner ? QStringLiteral(" (timed loop)")
                              : p.iterationsFromColumn   ? QStringLiteral(" (Infer ID / Step Id)")
                                                         : QString())
                      .arg(us(p.totalUsPerIteration()));
    if (p.hostUsPerIteration)
        out += QStringLiteral("host time outside ops: %1 us per iteration (not in the shares below)\n")
                   .arg(us(*p.hostUsPerIteration));
    if (!p.ops.isEmpty()) {
        out += QStringLiteral("\n%1 %2 %3 %4 %5 %6\n")
                   .arg(padded(QStringLiteral("op"), 40), padded(QStringLiteral("type"), 16),
                       padded(QStringLiteral("task type"), 14), QStringLiteral("us/iter").rightJustified(10),
                       QStringLiteral("%").rightJustified(7), QStringLiteral("cum %").rightJustified(7));
        double cumulative = 0;
        int shown = 0;
        for (const ProfileOp& op : p.ops) {
            cumulative += op.percent;
            if (top > 0 && shown++ >= top) {
                out += QStringLiteral("... %1 more op(s) (--top 0 lists all)\n").arg(p.ops.size() - top);
                break;
            }
            out += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                       .arg(padded(op.name, 40), padded(op.type, 16), padded(op.taskType, 14),
                           us(op.perIterationUs).rightJustified(10),
                           QString::number(op.percent, 'f', 2).rightJustified(7),
                           QString::number(cumulative, 'f', 2).rightJustified(7));
        }
    }
    out += QStringLiteral("\n%1 %2 %3 %4\n")
               .arg(padded(QStringLiteral("op type"), 24), QStringLiteral("count").rightJustified(8),
                   QStringLiteral("us/iter").rightJustified(12), QStringLiteral("%").rightJustified(7));
    for (const ProfileType& t : p.byType)
        out += QStringLiteral("%1 %2 %3 %4\n")
                   .arg(padded(t.type, 24), QString::number(t.count).rightJustified(8),
                       us(t.totalUs / std::max(1, p.iterations)).rightJustified(12),
                       QString::number(t.percent, 'f', 2).rightJustified(7));
    if (p.rowsSkipped > 0)
        out += QStringLiteral("\n%1 of %2 row(s) skipped:\n").arg(p.rowsSkipped).arg(p.rowsRead);
    for (const QString& w : p.warnings)
        out += QStringLiteral("  %1\n").arg(w);
    if (mapping) {
        out += QStringLiteral("\non the ONNX graph (by %1): %2 op(s) on %3 node(s); %4 op(s) without an ONNX node\n")
                   .arg(mapping->throughOm ? QStringLiteral("OM origins") : QStringLiteral("name"))
                   .arg(mapping->mappedOps)
                   .arg(mapping->nodes.size())
                   .arg(mapping->unmapped.size());
        for (const QString& op : mapping->unmapped) {
            const ProfileOp* o = p.op(op);
            out += QStringLiteral("  unmapped: %1 (%2, %3 %)\n")
                       .arg(op, o ? o->type : QString(), o ? QString::number(o->percent, 'f', 2) : QString());
        }
    }
    if (cmp) {
        out += QStringLiteral("\nagainst %1: %2 us vs %3 us per iteration, speed-up %4; %5 new, %6 vanished\n")
                   .arg(cmp->otherSource, us(cmp->thisUs), us(cmp->otherUs),
                       cmp->speedup ? QString::number(*cmp->speedup, 'f', 3) + QLatin1Char('x') : QStringLiteral("-"))
                   .arg(cmp->newOps)
                   .arg(cmp->vanishedOps);
        out += QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(padded(cmp->byType ? QStringLiteral("op type") : QStringLiteral("op"), 40),
                       QStringLiteral("this us").rightJustified(10), QStringLiteral("other us").rightJustified(10),
                       QStringLiteral("speed-up").rightJustified(9), QStringLiteral("status"));
        int shown = 0;
        for (const ProfileCompareRow& r : cmp->rows) {
            if (top > 0 && shown++ >= top && r.status == QLatin1String("both"))
                continue;
            out += QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(padded(r.name, 40), (r.thisUs ? us(*r.thisUs) : QStringLiteral("-")).rightJustified(10),
                           (r.otherUs ? us(*r.otherUs) : QStringLiteral("-")).rightJustified(10),
                           (r.speedup ? QString::number(*r.speedup, 'f', 2) + QLatin1Char('x') : QStringLiteral("-"))
                               .rightJustified(9),
                           r.status);
        }
    }
    return out;
}

} // namespace wb
