#include "profilecsv.h"

#include "util/units.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace wb {

namespace {

constexpr int kNamedSkips = 5; // skipped rows named one by one in warnings
constexpr size_t kMaxRecordBytes = 16 * 1024 * 1024; // a "line" longer than this is not a profile CSV

std::string_view trimmed(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.remove_suffix(1);
    return v;
}

bool isNa(std::string_view v)
{
    return v.empty() || v == "N/A" || v == "NA" || v == "n/a" || v == "-";
}

std::optional<double> number(std::string_view v)
{
    if (isNa(v))
        return std::nullopt;
    if (!v.empty() && v.front() == '+')
        v.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc() || end != v.data() + v.size() || !(value >= 0) || value > 1e15)
        return std::nullopt;
    return value;
}

// "Task Duration(us)" -> "task duration", "Device_id" -> "device id", "aicore_time(us)" -> "aicore time".
QString normalizedHeader(std::string_view v)
{
    QString s = QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size())).toLower();
    const qsizetype paren = s.indexOf(QLatin1Char('('));
    if (paren > 0)
        s.truncate(paren);
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    return s.simplified();
}

QString text(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

struct OpAccumulator {
    std::string type;
    std::string taskType;
    std::vector<double> durations;
    double total = 0;
    qint64 order = 0; // first row, to keep file order among equal totals
};

struct TypeAccumulator {
    std::string taskType;
    bool taskTypesAgree = true;
    qint64 count = 0;
    double total = 0;
};

} // namespace

struct ProfileCsvReader::Private {
    // Across files
    std::optional<ProfileKind> kind;
    std::optional<Error> error;
    QStringList files;
    std::unordered_map<std::string, OpAccumulator> ops;
    std::vector<std::string> opOrder;
    std::unordered_map<std::string, TypeAccumulator> types; // op_statistic
    std::vector<std::string> typeOrder;
    std::unordered_set<long long> iterations;
    bool iterationColumnSeen = false;
    qint64 rowsRead = 0;
    qint64 rowsSkipped = 0;
    QStringList warnings;

    // Current file
    QString file;
    std::string pending;
    bool firstRecord = true;
    bool headerSeen = false;
    qint64 line = 0; // physical line of the record being handled
    qint64 probed = 0; // bytes checked for NUL
    size_t headerFields = 0;
    int colName = -1, colType = -1, colTaskType = -1, colDuration = -1, colIteration = -1;
    int colCount = -1, colTotal = -1; // op_statistic
    QString durationHeader;

    // Scratch
    std::string scratch;
    std::vector<std::pair<size_t, size_t>> spans;
    std::vector<std::string_view> fields;
    std::string key;

    void fail(const QString& code, const QString& message)
    {
        if (!error)
            error = Error { code, message, {} };
    }

    void skip(const QString& why)
    {
        ++rowsSkipped;
        if (rowsSkipped <= kNamedSkips)
            warnings.append(QStringLiteral("%1 line %2: %3; row skipped").arg(file).arg(line).arg(why));
    }

    void split(const char* data, size_t size)
    {
        scratch.clear();
        spans.clear();
        size_t i = 0;
        while (true) {
            const size_t begin = scratch.size();
            // Leading blanks before an opening quote
            size_t j = i;
            while (j < size && (data[j] == ' ' || data[j] == '\t'))
                ++j;
            if (j < size && data[j] == '"') {
                i = j + 1;
                while (i < size) {
                    if (data[i] == '"') {
                        if (i + 1 < size && data[i + 1] == '"') {
                            scratch.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    scratch.push_back(data[i++]);
                }
            }
            while (i < size && data[i] != ',')
                scratch.push_back(data[i++]);
            spans.emplace_back(begin, scratch.size() - begin);
            if (i >= size)
                break;
            ++i; // the comma
        }
        fields.clear();
        for (const auto& [begin, length] : spans)
            fields.push_back(trimmed(std::string_view(scratch).substr(begin, length)));
    }

    void header()
    {
        QStringList names;
        for (std::string_view f : fields)
            names.append(normalizedHeader(f));
        headerFields = fields.size();
        while (headerFields > 0 && names.at(static_cast<qsizetype>(headerFields) - 1).isEmpty())
            --headerFields; // a trailing comma
        auto col = [&](std::initializer_list<const char*> candidates) {
            for (const char* c : candidates) {
                const qsizetype at = names.indexOf(QLatin1String(c));
                if (at >= 0)
                    return static_cast<int>(at);
            }
            return -1;
        };
        const QString found = names.join(QStringLiteral(", "));
        ProfileKind fileKind;
        if (col({ "op name" }) >= 0) {
            fileKind = ProfileKind::OpSummary;
            colName = col({ "op name" });
            colType = col({ "op type" });
            colTaskType = col({ "task type" });
            colDuration = col({ "task duration", "task time", "duration" });
            colIteration = col({ "infer id", "step id", "iteration id", "iteration" });
            durationHeader = QStringLiteral("Task Duration(us)");
        } else if (col({ "name" }) >= 0 && (col({ "accelerator core" }) >= 0 || col({ "duration" }) >= 0)) {
            fileKind = ProfileKind::KernelDetails;
            colName = col({ "name" });
            colType = col({ "type" });
            colTaskType = col({ "accelerator core", "task type" });
            colDuration = col({ "duration", "task duration" });
            colIteration = col({ "step id", "infer id" });
            durationHeader = QStringLiteral("Duration(us)");
        } else if (col({ "op type" }) >= 0 && col({ "core type", "count" }) >= 0) {
            fileKind = ProfileKind::OpStatistic;
            colType = col({ "op type" });
            colTaskType = col({ "core type", "task type" });
            colCount = col({ "count" });
            colTotal = col({ "total time" });
            if (colCount < 0 || colTotal < 0) {
                fail(QStringLiteral("missing_column"),
                    QStringLiteral("%1: an op_statistic file without a '%2' column (columns found: %3); msprof "
                                   "writes OP Type, Core Type, Count, Total Time(us)")
                        .arg(file, colCount < 0 ? QStringLiteral("Count") : QStringLiteral("Total Time(us)"), found));
                return;
            }
        } else {
            QString start = text(std::string_view(scratch).substr(0, std::min<size_t>(scratch.size(), 80)));
            fail(QStringLiteral("not_profile_csv"),
                QStringLiteral("%1 is not an msprof op_summary / op_statistic or torch_npu kernel_details CSV: its "
                               "first line (\"%2\") has no Op Name, Name or OP Type column")
                    .arg(file, start));
            return;
        }
        if (fileKind != ProfileKind::OpStatistic && colDuration < 0) {
            fail(QStringLiteral("missing_column"),
                QStringLiteral("%1: a %2 file without a '%3' column (columns found: %4); export it again with "
                               "msprof --export=on, or give the file that holds the durations")
                    .arg(file, profileKindName(fileKind), durationHeader, found));
            return;
        }
        if (kind && *kind != fileKind) {
            fail(QStringLiteral("mixed_kinds"),
                QStringLiteral("%1 is a %2 file but the files before it are %3; read one kind at a time")
                    .arg(file, profileKindName(fileKind), profileKindName(*kind)));
            return;
        }
        kind = fileKind;
        if (colIteration >= 0)
            iterationColumnSeen = true;
        headerSeen = true;
    }

    std::string_view at(int column) const
    {
        return column >= 0 && static_cast<size_t>(column) < fields.size() ? fields[static_cast<size_t>(column)]
                                                                          : std::string_view();
    }

    void row()
    {
        ++rowsRead;
        size_t n = fields.size();
        while (n > headerFields && fields[n - 1].empty())
            --n; // trailing commas
        if (n != headerFields) {
            skip(QStringLiteral("%1 fields where the header has %2").arg(n).arg(headerFields));
            return;
        }
        if (*kind == ProfileKind::OpStatistic) {
            const auto total = number(at(colTotal));
            const auto count = number(at(colCount));
            if (!total) {
                skip(QStringLiteral("no Total Time (\"%1\")").arg(text(at(colTotal))));
                return;
            }
            std::string_view type = at(colType);
            key.assign(isNa(type) ? std::string_view("(no type)") : type);
            auto [it, inserted] = types.try_emplace(key);
            if (inserted) {
                typeOrder.push_back(key);
                it->second.taskType = std::string(isNa(at(colTaskType)) ? std::string_view() : at(colTaskType));
            } else if (it->second.taskType != (isNa(at(colTaskType)) ? std::string_view() : at(colTaskType))) {
                it->second.taskTypesAgree = false;
            }
            it->second.count += count ? static_cast<qint64>(*count) : 0;
            it->second.total += *total;
            return;
        }
        const auto duration = number(at(colDuration));
        if (!duration) {
            skip(QStringLiteral("no %1 (\"%2\")").arg(durationHeader, text(at(colDuration))));
            return;
        }
        std::string_view name = at(colName);
        key.assign(isNa(name) ? std::string_view("(no name)") : name);
        auto [it, inserted] = ops.try_emplace(key);
        OpAccumulator& op = it->second;
        if (inserted) {
            opOrder.push_back(key);
            op.order = static_cast<qint64>(opOrder.size());
            op.type = std::string(isNa(at(colType)) ? std::string_view() : at(colType));
            op.taskType = std::string(isNa(at(colTaskType)) ? std::string_view() : at(colTaskType));
        }
        op.durations.push_back(*duration);
        op.total += *duration;
        if (colIteration >= 0) {
            std::string_view iteration = at(colIteration);
            long long value = 0;
            const auto [end, ec] = std::from_chars(iteration.data(), iteration.data() + iteration.size(), value);
            if (ec == std::errc() && end == iteration.data() + iteration.size())
                iterations.insert(value);
        }
    }

    void record(const char* data, size_t size)
    {
        ++line;
        for (size_t i = 0; i < size; ++i)
            line += data[i] == '\n';
        if (firstRecord) {
            firstRecord = false;
            if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
                data += 3;
                size -= 3;
            }
        }
        const std::string_view whole = trimmed(std::string_view(data, size));
        if (whole.empty() || whole.front() == '#')
            return;
        split(data, size);
        if (!headerSeen)
            header();
        else
            row();
    }

    // Handles every complete record in `pending`.
    void drain()
    {
        size_t pos = 0;
        const char* base = pending.data();
        const size_t size = pending.size();
        while (pos < size && !error) {
            const void* nl = std::memchr(base + pos, '\n', size - pos);
            if (!nl)
                break;
            size_t end = static_cast<size_t>(static_cast<const char*>(nl) - base);
            if (std::memchr(base + pos, '"', end - pos)) {
                // Quoted cells may hold line ends: find the end outside quotes.
                bool quoted = false;
                size_t i = pos;
                for (; i < size; ++i) {
                    if (base[i] == '"')
                        quoted = !quoted;
                    else if (base[i] == '\n' && !quoted)
                        break;
                }
                if (i >= size)
                    break;
                end = i;
            }
            record(base + pos, end - pos);
            pos = end + 1;
        }
        pending.erase(0, pos);
        if (pending.size() > kMaxRecordBytes)
            fail(QStringLiteral("not_profile_csv"),
                QStringLiteral("%1 is not a profile CSV: no line end in %2")
                    .arg(file, formatBytes(qint64(kMaxRecordBytes))));
    }
};

QString profileKindName(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::OpSummary:
        return QStringLiteral("op_summary");
    case ProfileKind::OpStatistic:
        return QStringLiteral("op_statistic");
    case ProfileKind::KernelDetails:
        return QStringLiteral("kernel_details");
    case ProfileKind::Runner:
        return QStringLiteral("runner");
    }
    return {};
}

const ProfileOp* OpProfile::op(const QString& name) const
{
    for (const ProfileOp& o : ops) {
        if (o.name == name)
            return &o;
    }
    return nullptr;
}

ProfileCsvReader::ProfileCsvReader()
    : d(std::make_unique<Private>())
{
}

ProfileCsvReader::~ProfileCsvReader() = default;

void ProfileCsvReader::beginFile(const QString& name)
{
    d->file = name;
    d->files.append(name);
    d->pending.clear();
    d->firstRecord = true;
    d->headerSeen = false;
    d->line = 0;
    d->probed = 0;
    d->headerFields = 0;
    d->colName = d->colType = d->colTaskType = d->colDuration = d->colIteration = d->colCount = d->colTotal = -1;
}

bool ProfileCsvReader::feed(QByteArrayView chunk)
{
    if (d->error)
        return false;
    if (d->probed < 4096) {
        const qsizetype n = std::min<qsizetype>(chunk.size(), 4096 - d->probed);
        if (std::memchr(chunk.data(), '\0', static_cast<size_t>(n))) {
            d->fail(QStringLiteral("binary_file"),
                QStringLiteral("%1 is not a CSV file: it holds binary data. Give an msprof op_summary_*.csv, "
                               "op_statistic_*.csv, a torch_npu kernel_details.csv or a PROF_* folder")
                    .arg(d->file));
            return false;
        }
        d->probed += n;
    }
    d->pending.append(chunk.data(), static_cast<size_t>(chunk.size()));
    d->drain();
    return !d->error;
}

bool ProfileCsvReader::endFile()
{
    if (!d->error && !d->pending.empty()) {
        d->pending.push_back('\n');
        d->drain();
        if (!d->error && !d->pending.empty()) { // an unterminated quote: take the rest as the last record
            const std::string rest = std::move(d->pending);
            d->pending.clear();
            d->record(rest.data(), rest.size());
        }
    }
    if (!d->error && !d->headerSeen)
        d->fail(QStringLiteral("not_profile_csv"),
            QStringLiteral("%1 is empty: no header line of an op_summary, op_statistic or kernel_details CSV")
                .arg(d->file));
    return !d->error;
}

std::optional<Error> ProfileCsvReader::error() const
{
    return d->error;
}

Result<OpProfile> ProfileCsvReader::finish()
{
    if (d->error)
        return *d->error;
    OpProfile p;
    p.kind = d->kind.value_or(ProfileKind::OpSummary);
    p.files = d->files;
    p.rowsRead = d->rowsRead;
    p.rowsSkipped = d->rowsSkipped;
    p.warnings = d->warnings;
    if (d->rowsSkipped > kNamedSkips)
        p.warnings.append(QStringLiteral("... and %1 more rows skipped").arg(d->rowsSkipped - kNamedSkips));
    if (p.kind == ProfileKind::OpStatistic) {
        for (const std::string& name : d->typeOrder) {
            const TypeAccumulator& t = d->types.at(name);
            ProfileType type;
            type.type = QString::fromStdString(name);
            type.taskType = t.taskTypesAgree ? QString::fromStdString(t.taskType) : QString();
            type.count = static_cast<int>(t.count);
            type.totalUs = t.total;
            p.byType.append(type);
            p.totalUs += t.total;
        }
    } else {
        int smallestCount = 0;
        p.ops.reserve(static_cast<qsizetype>(d->opOrder.size()));
        for (const std::string& name : d->opOrder) {
            OpAccumulator& a = d->ops.at(name);
            std::sort(a.durations.begin(), a.durations.end());
            ProfileOp op;
            op.name = QString::fromStdString(name);
            op.type = QString::fromStdString(a.type);
            op.taskType = QString::fromStdString(a.taskType);
            op.count = static_cast<int>(a.durations.size());
            op.totalUs = a.total;
            op.minUs = a.durations.front();
            op.maxUs = a.durations.back();
            const size_t mid = a.durations.size() / 2;
            op.medianUs = a.durations.size() % 2 ? a.durations[mid] : (a.durations[mid - 1] + a.durations[mid]) / 2;
            op.meanUs = a.total / op.count;
            smallestCount = smallestCount == 0 ? op.count : std::min(smallestCount, op.count);
            p.ops.append(op);
            p.totalUs += a.total;
        }
        if (d->iterationColumnSeen && !d->iterations.empty()) {
            p.iterations = static_cast<int>(d->iterations.size());
            p.iterationsFromColumn = true;
        } else {
            p.iterations = std::max(1, smallestCount);
            if (p.iterations > 1)
                p.warnings.append(QStringLiteral("no Infer ID / Step Id column: %1 iterations assumed (the smallest "
                                                 "number of rows of any op)")
                                      .arg(p.iterations));
        }
    }
    if (d->rowsRead == 0)
        p.warnings.append(QStringLiteral("no data rows: the profile is empty"));
    finalizeProfile(p);
    return p;
}

void finalizeProfile(OpProfile& p)
{
    if (p.kind != ProfileKind::OpStatistic) {
        p.totalUs = 0;
        for (const ProfileOp& op : p.ops)
            p.totalUs += op.totalUs;
        QHash<QString, qsizetype> typeIndex;
        p.byType.clear();
        for (const ProfileOp& op : p.ops) {
            const QString type = op.type.isEmpty() ? QStringLiteral("(no type)") : op.type;
            auto it = typeIndex.find(type);
            if (it == typeIndex.end()) {
                it = typeIndex.insert(type, p.byType.size());
                p.byType.append({ type, op.taskType, 0, 0, 0 });
            }
            ProfileType& t = p.byType[*it];
            if (t.taskType != op.taskType)
                t.taskType.clear();
            t.count += op.count;
            t.totalUs += op.totalUs;
        }
    }
    const double total = p.totalUs;
    const int iterations = std::max(1, p.iterations);
    for (ProfileOp& op : p.ops) {
        op.percent = total > 0 ? op.totalUs / total * 100.0 : 0;
        op.perIterationUs = op.totalUs / iterations;
    }
    for (ProfileType& t : p.byType)
        t.percent = total > 0 ? t.totalUs / total * 100.0 : 0;
    std::stable_sort(
        p.ops.begin(), p.ops.end(), [](const ProfileOp& a, const ProfileOp& b) { return a.totalUs > b.totalUs; });
    std::stable_sort(p.byType.begin(), p.byType.end(),
        [](const ProfileType& a, const ProfileType& b) { return a.totalUs > b.totalUs; });
}

Result<OpProfile> parseProfileCsv(const QByteArray& bytes, const QString& name)
{
    ProfileCsvReader reader;
    reader.beginFile(name);
    reader.feed(bytes);
    reader.endFile();
    return reader.finish();
}

} // namespace wb
