#include "graphutil_p.h"
#include "onnxproto_p.h"
#include "wirestrip_p.h"

#include "util/checkedsize.h"

#include <QFile>

#include <sys/mman.h>
#include <unistd.h>

#include <limits>
#include <vector>

namespace wb::detail {

namespace {

enum WireType : std::uint32_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

// Field numbers from onnx.proto.
namespace f {
constexpr std::uint32_t ModelGraph = 7;
constexpr std::uint32_t GraphNode = 1, GraphInitializer = 5;
constexpr std::uint32_t NodeAttribute = 5;
constexpr std::uint32_t AttrT = 5, AttrG = 6, AttrTensors = 10, AttrGraphs = 11;
constexpr std::uint32_t TensorDims = 1, TensorDataType = 2, TensorFloat = 4, TensorInt32 = 5, TensorInt64 = 7,
                        TensorRaw = 9, TensorDouble = 10, TensorUint64 = 11, TensorExternal = 13, TensorLocation = 14;
constexpr std::uint32_t EntryKey = 1, EntryValue = 2;
} // namespace f

struct Span {
    const std::uint8_t* begin;
    const std::uint8_t* end;
    std::size_t size() const { return static_cast<std::size_t>(end - begin); }
};

bool readVarint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& value)
{
    value = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const std::uint8_t byte = *p++;
        value |= std::uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

void writeVarint(std::string& out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void writeTag(std::string& out, std::uint32_t field, std::uint32_t wire)
{
    writeVarint(out, (std::uint64_t(field) << 3) | wire);
}

void writeBytes(std::string& out, std::uint32_t field, const std::string& bytes)
{
    writeTag(out, field, LengthDelimited);
    writeVarint(out, bytes.size());
    out += bytes;
}

// One field of a message: where it starts (tag included), its number, wire type and payload.
struct Field {
    const std::uint8_t* start;
    std::uint32_t number;
    std::uint32_t wire;
    std::uint64_t varint; // for Varint
    Span payload; // for LengthDelimited
    const std::uint8_t* next;
};

bool nextField(const std::uint8_t* p, const std::uint8_t* end, Field& field)
{
    field.start = p;
    std::uint64_t tag = 0;
    if (!readVarint(p, end, tag))
        return false;
    field.number = static_cast<std::uint32_t>(tag >> 3);
    field.wire = static_cast<std::uint32_t>(tag & 7);
    if (field.number == 0)
        return false;
    switch (field.wire) {
    case Varint:
        if (!readVarint(p, end, field.varint))
            return false;
        break;
    case Fixed64:
        if (end - p < 8)
            return false;
        p += 8;
        break;
    case Fixed32:
        if (end - p < 4)
            return false;
        p += 4;
        break;
    case LengthDelimited: {
        std::uint64_t length = 0;
        if (!readVarint(p, end, length) || length > std::uint64_t(end - p))
            return false;
        field.payload = { p, p + length };
        p += length;
        break;
    }
    default:
        return false; // groups are not used by onnx.proto; treat as malformed
    }
    field.next = p;
    return true;
}

class Stripper {
public:
    Stripper(const std::uint8_t* base, std::size_t threshold, bool releaseMappedPages)
        : m_base(base)
        , m_threshold(threshold)
        , m_releasePages(releaseMappedPages)
        , m_released(reinterpret_cast<std::uintptr_t>(base))
    {
    }

    using Rewrite = bool (Stripper::*)(Span, std::string&);

    bool model(Span in, std::string& out) { return rewrite(in, out, { { f::ModelGraph, &Stripper::graph } }); }

private:
    struct Rule {
        std::uint32_t field;
        Rewrite rewrite;
    };

    bool graph(Span in, std::string& out)
    {
        return rewrite(in, out, { { f::GraphNode, &Stripper::node }, { f::GraphInitializer, &Stripper::tensor } });
    }
    bool node(Span in, std::string& out) { return rewrite(in, out, { { f::NodeAttribute, &Stripper::attribute } }); }
    bool attribute(Span in, std::string& out)
    {
        return rewrite(in, out,
            { { f::AttrT, &Stripper::tensor }, { f::AttrTensors, &Stripper::tensor }, { f::AttrG, &Stripper::graph },
                { f::AttrGraphs, &Stripper::graph } });
    }

    // Copies every field, sending the length-delimited ones named in `rules` through their rewrite. Messages nested
    // deeper than protobuf's default recursion limit are refused, as protobuf refuses them, before the recursion
    // can exhaust the stack (a crafted file of a few hundred KB nests graphs tens of thousands deep).
    bool rewrite(Span in, std::string& out, std::initializer_list<Rule> rules)
    {
        if (m_depth >= kMaxDepth)
            return false;
        ++m_depth;
        const bool ok = copyFields(in, out, rules);
        --m_depth;
        return ok;
    }

    bool copyFields(Span in, std::string& out, std::initializer_list<Rule> rules)
    {
        Field field {};
        for (const std::uint8_t* p = in.begin; p < in.end; p = field.next) {
            if (!nextField(p, in.end, field))
                return false;
            Rewrite handler = nullptr;
            if (field.wire == LengthDelimited) {
                for (const Rule& rule : rules) {
                    if (rule.field == field.number)
                        handler = rule.rewrite;
                }
            }
            if (!handler) {
                out.append(reinterpret_cast<const char*>(field.start), field.next - field.start);
                releaseBehind(field.next);
                continue;
            }
            std::string inner;
            if (!(this->*handler)(field.payload, inner))
                return false;
            writeBytes(out, field.number, inner);
            releaseBehind(field.next);
        }
        return true;
    }

    // Drops this process's mapping of the file pages behind the cursor (already copied or skipped), so the resident
    // part of a large model stays a small window. Only for a read-only file mapping: the pages are re-read from the
    // page cache if touched again, whereas on ordinary memory this would discard data.
    void releaseBehind(const std::uint8_t* cursor)
    {
        if (!m_releasePages)
            return;
        static const std::uintptr_t page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
        constexpr std::uintptr_t kBatch = std::uintptr_t(1) << 18; // release in 256 KiB steps
        constexpr std::uintptr_t kFaultAround = std::uintptr_t(1) << 16; // the kernel maps 64 KiB around a fault
        const std::uintptr_t upTo = reinterpret_cast<std::uintptr_t>(cursor) & ~(page - 1);
        if (upTo < m_released + kBatch)
            return;
        const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(m_base);
        const std::uintptr_t from = m_released - base > kFaultAround ? m_released - kFaultAround : base;
        ::madvise(reinterpret_cast<void*>(from), upTo - from, MADV_DONTNEED);
        m_released = upTo;
    }

    bool tensor(Span in, std::string& out)
    {
        if (in.size() < m_threshold) {
            out.append(reinterpret_cast<const char*>(in.begin), in.size());
            return true;
        }
        std::string kept;
        // The declared size goes into the marker's "length". Dims whose product overflows (a corrupt or hostile
        // file) declare no size: -1, and the message's own length stands in below.
        qint64 elements = 1;
        const auto multiply = [&elements](std::uint64_t dim) {
            elements = dim > std::uint64_t(std::numeric_limits<qint64>::max())
                ? -1
                : sizes::checkedMul(elements, qint64(dim)).value_or(-1);
        };
        int dataType = 0;
        Field field {};
        for (const std::uint8_t* p = in.begin; p < in.end; p = field.next) {
            if (!nextField(p, in.end, field))
                return false;
            switch (field.number) {
            case f::TensorExternal:
            case f::TensorLocation:
                // Already external: nothing inline to skip.
                out.append(reinterpret_cast<const char*>(in.begin), in.size());
                return true;
            case f::TensorDims:
                if (field.wire == Varint) {
                    multiply(field.varint);
                } else if (field.wire == LengthDelimited) { // packed
                    for (const std::uint8_t* q = field.payload.begin; q < field.payload.end;) {
                        std::uint64_t dim = 0;
                        if (!readVarint(q, field.payload.end, dim))
                            return false;
                        multiply(dim);
                    }
                }
                break;
            case f::TensorDataType:
                dataType = static_cast<int>(field.varint);
                break;
            default:
                break;
            }
            const bool isData = field.number == f::TensorFloat || field.number == f::TensorInt32
                || field.number == f::TensorInt64 || field.number == f::TensorRaw || field.number == f::TensorDouble
                || field.number == f::TensorUint64;
            if (!isData)
                kept.append(reinterpret_cast<const char*>(field.start), field.next - field.start);
        }
        out += kept;
        writeTag(out, f::TensorLocation, Varint);
        writeVarint(out, 1); // EXTERNAL
        const qint64 bytes = sizes::checkedMul(elements, qint64(dtypeSize(dataType))).value_or(-1);
        const std::pair<const char*, std::string> entries[] = {
            { "location", kInlineLocation },
            { "offset", std::to_string(in.begin - m_base) },
            { "length", std::to_string(bytes > 0 ? bytes : qint64(in.size())) },
            { "wb_message_length", std::to_string(in.size()) },
        };
        for (const auto& [key, value] : entries) {
            std::string entry;
            writeBytes(entry, f::EntryKey, key);
            writeBytes(entry, f::EntryValue, value);
            writeBytes(out, f::TensorExternal, entry);
        }
        return true;
    }

    static constexpr int kMaxDepth = 100; // google::protobuf::io::CodedInputStream's default recursion limit

    const std::uint8_t* m_base;
    std::size_t m_threshold;
    int m_depth = 0;
    bool m_releasePages;
    std::uintptr_t m_released;
};

void collectMarked(onnx::GraphProto* g, std::vector<onnx::TensorProto*>& out)
{
    auto consider = [&out](onnx::TensorProto* t) {
        if (t->data_location() == onnx::TensorProto_DataLocation_EXTERNAL && t->external_data_size() > 0
            && t->external_data(0).key() == "location" && t->external_data(0).value() == kInlineLocation)
            out.push_back(t);
    };
    for (auto& t : *g->mutable_initializer())
        consider(&t);
    for (auto& node : *g->mutable_node()) {
        for (auto& attr : *node.mutable_attribute()) {
            if (attr.has_t())
                consider(attr.mutable_t());
            for (auto& t : *attr.mutable_tensors())
                consider(&t);
            if (attr.has_g())
                collectMarked(attr.mutable_g(), out);
            for (auto& sub : *attr.mutable_graphs())
                collectMarked(&sub, out);
        }
    }
}

} // namespace

bool stripTensorData(
    const std::uint8_t* data, std::size_t size, std::size_t threshold, std::string* out, bool releaseMappedPages)
{
    out->clear();
    Stripper stripper(data, threshold, releaseMappedPages);
    return stripper.model({ data, data + size }, *out);
}

QString restoreStrippedTensors(onnx::ModelProto& model, const QString& sourcePath)
{
    std::vector<onnx::TensorProto*> marked;
    collectMarked(model.mutable_graph(), marked);
    if (marked.empty())
        return {};
    QFile file(sourcePath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return QStringLiteral("%1 cannot be read again for its weights: %2").arg(sourcePath, file.errorString());
    for (onnx::TensorProto* t : marked) {
        const ExternalDataRef ref = readExternalData(*t);
        const qint64 offset = ref.offset;
        const qint64 length = ref.messageLength;
        if (!ref.ok())
            return ref.problem(qs(t->name()));
        if (offset < 0 || length < 0 || !file.seek(offset))
            return QStringLiteral("tensor '%1' has a damaged weight reference").arg(qs(t->name()));
        if (offset > file.size() || length > file.size() - offset) // read nothing the file does not hold
            return QStringLiteral("the weights of tensor '%1' changed on disk since the model was opened; open it "
                                  "again")
                .arg(qs(t->name()));
        const QByteArray bytes = file.read(length);
        onnx::TensorProto original;
        if (bytes.size() != length || !original.ParseFromArray(bytes.constData(), int(bytes.size())))
            return QStringLiteral("the weights of tensor '%1' changed on disk since the model was opened; open it "
                                  "again")
                .arg(qs(t->name()));
        *t = std::move(original);
    }
    return {};
}

} // namespace wb::detail
