#include "synthgraph.h"

#include "util/percentile.h"
#include "util/splitmix64.h"

#include <QDateTime>
#include <QFile>
#include <QString>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <unordered_set>

#include <time.h>

namespace {

// The tree's splitmix64 (util/splitmix64.h): fully specified, so the graphs are the same on every platform and run.
class Rng {
public:
    explicit Rng(uint64_t seed)
        : m_generator { seed }
    {
    }
    uint64_t next() { return m_generator.next(); }
    int below(int n) { return static_cast<int>(m_generator.below(static_cast<uint64_t>(n))); }

private:
    wb::SplitMix64 m_generator;
};

} // namespace

namespace wbbench {

SynthGraph generateGraph(int count, uint64_t seed)
{
    SynthGraph g;
    g.name
        = count % 1000 == 0 ? "synthetic-" + std::to_string(count / 1000) + "k" : "synthetic-" + std::to_string(count);
    Rng rng(seed ^ static_cast<uint64_t>(count));
    auto add = [&](Role role) {
        if (static_cast<int>(g.sizes.size()) >= count)
            return -1;
        g.sizes.push_back(QSizeF(80 + 8 * rng.below(11), 40));
        g.roles.push_back(role);
        return static_cast<int>(g.sizes.size()) - 1;
    };
    std::unordered_set<uint64_t> seen;
    auto edge = [&](int a, int b) {
        if (a < 0 || b < 0 || a == b)
            return;
        if (seen.insert((uint64_t(uint32_t(a)) << 32) | uint32_t(b)).second)
            g.edges.push_back({ a, b });
    };
    struct Pending {
        long at;
        int from;
    };
    std::vector<Pending> pending;
    constexpr long kStage = 256, kLevel = 32, kLevels = 4;

    int tail = add(Role::Input);
    std::vector<int> main { tail };
    for (long step = 1; static_cast<int>(g.sizes.size()) < count; ++step) {
        if (step % 60 == 30) {
            const int heads = 2 + rng.below(3);
            std::vector<int> ends;
            for (int h = 0; h < heads; ++h) {
                int prev = tail;
                const int len = 2 + rng.below(3);
                for (int j = 0; j < len; ++j) {
                    const int v = add(Role::Head);
                    edge(prev, v);
                    prev = v;
                }
                ends.push_back(prev);
            }
            const int c = add(Role::Concat);
            for (int e : ends)
                edge(e, c);
            if (c < 0)
                break;
            tail = c;
            main.push_back(c);
            continue;
        }
        const int v = add(Role::Main);
        if (v < 0)
            break;
        edge(tail, v);
        if (step % 4 == 0 && main.size() >= 4) {
            edge(main[main.size() - 4], v);
            g.roles[static_cast<size_t>(v)] = Role::Join;
        }
        if (step % 3 == 1)
            edge(add(Role::Source), v);
        if (step % 40 == 20) {
            int prev = v;
            for (int j = 0; j < 3; ++j) {
                const int s = add(Role::Side);
                edge(prev, s);
                prev = s;
            }
            pending.push_back({ step + 6, prev });
        }
        const long pos = step % kStage;
        if (pos > 0 && pos % kLevel == 0 && pos / kLevel < kLevels)
            pending.push_back({ step - pos + kStage - pos, v }); // encoder level k -> decoder at stage end - k
        for (auto it = pending.begin(); it != pending.end();) {
            if (it->at == step) {
                edge(it->from, v);
                g.roles[static_cast<size_t>(v)] = Role::Join;
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
        main.push_back(v);
        tail = v;
    }
    return g;
}

std::string format(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return wb::percentileOfSortedSamples(v, 50); // the middle one, or the mean of the middle two
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

std::string machineLine()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    QString load;
    if (f.open(QIODevice::ReadOnly))
        load = QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
    return format("%s, %d CPUs (QThread::idealThreadCount), %s %s, load average before the run %s",
        QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString().c_str(),
        QThread::idealThreadCount(), QSysInfo::prettyProductName().toStdString().c_str(),
        QSysInfo::kernelVersion().toStdString().c_str(), load.toStdString().c_str());
}

} // namespace wbbench
