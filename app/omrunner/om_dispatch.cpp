#include "om_dispatch.h"

#include "run/omfileheader.h"
#include "tensors.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

namespace omd {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// A small JSON reader, enough for deploy.json (objects, arrays, strings with escapes, numbers, literals).

struct Value {
    enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string text;
    std::vector<Value> items;
    std::vector<std::pair<std::string, Value>> members;

    const Value* member(const char* name) const
    {
        for (const auto& [key, value] : members) {
            if (key == name)
                return &value;
        }
        return nullptr;
    }
};

class Reader {
public:
    explicit Reader(const std::string& text)
        : m_text(text)
    {
    }

    bool parse(Value& value, std::string& error)
    {
        if (!parseValue(value, 0) || (skipSpace(), m_pos != m_text.size())) {
            error = m_error.empty() ? "unexpected text at byte " + std::to_string(m_pos) : m_error;
            return false;
        }
        return true;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && std::strchr(" \t\r\n", m_text[m_pos]) && m_text[m_pos] != '\0')
            ++m_pos;
    }
    bool fail(const std::string& what)
    {
        if (m_error.empty())
            m_error = what + " at byte " + std::to_string(m_pos);
        return false;
    }
    bool literal(const char* word)
    {
        const std::size_t n = std::strlen(word);
        if (m_text.compare(m_pos, n, word) != 0)
            return fail("unexpected text");
        m_pos += n;
        return true;
    }
    static void appendUtf8(std::string& out, unsigned code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }
    bool parseString(std::string& out)
    {
        ++m_pos; // the opening quote
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                if (m_pos + 4 > m_text.size())
                    return fail("a short \\u escape");
                const std::string hex = m_text.substr(m_pos, 4);
                char* end = nullptr;
                const unsigned long code = std::strtoul(hex.c_str(), &end, 16);
                if (*end != '\0')
                    return fail("a bad \\u escape");
                appendUtf8(out, static_cast<unsigned>(code));
                m_pos += 4;
                break;
            }
            default:
                out += e; // \" \\ \/
            }
        }
        return fail("an unterminated string");
    }
    bool parseValue(Value& value, int depth)
    {
        if (depth > 64)
            return fail("nesting too deep");
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unexpected end");
        const char c = m_text[m_pos];
        if (c == '{') {
            value.type = Value::Type::Object;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            while (true) {
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return fail("expected a member name");
                std::string key;
                if (!parseString(key))
                    return false;
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    return fail("expected ':'");
                ++m_pos;
                Value member;
                if (!parseValue(member, depth + 1))
                    return false;
                value.members.emplace_back(std::move(key), std::move(member));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    ++m_pos;
                    return true;
                }
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            value.type = Value::Type::Array;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            while (true) {
                Value item;
                if (!parseValue(item, depth + 1))
                    return false;
                value.items.push_back(std::move(item));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                    ++m_pos;
                    return true;
                }
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            value.type = Value::Type::String;
            return parseString(value.text);
        }
        if (c == 't' || c == 'f') {
            value.type = Value::Type::Bool;
            value.boolean = c == 't';
            return literal(c == 't' ? "true" : "false");
        }
        if (c == 'n')
            return literal("null");
        const char* start = m_text.c_str() + m_pos;
        char* end = nullptr;
        value.number = std::strtod(start, &end);
        if (end == start)
            return fail("unexpected text");
        value.type = Value::Type::Number;
        m_pos += static_cast<std::size_t>(end - start);
        return true;
    }

    const std::string& m_text;
    std::size_t m_pos = 0;
    std::string m_error;
};

// ---------------------------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4).

class Sha256 {
public:
    void add(const unsigned char* data, std::size_t size)
    {
        m_length += size;
        while (size > 0) {
            const std::size_t take = std::min(size, std::size_t { 64 } - m_fill);
            std::memcpy(m_block + m_fill, data, take);
            m_fill += take;
            data += take;
            size -= take;
            if (m_fill == 64) {
                compress(m_block);
                m_fill = 0;
            }
        }
    }
    std::string hex()
    {
        const std::uint64_t bits = m_length * 8;
        const unsigned char one = 0x80;
        add(&one, 1);
        const unsigned char zero = 0;
        while (m_fill != 56)
            add(&zero, 1);
        unsigned char length[8];
        for (int i = 0; i < 8; ++i)
            length[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
        add(length, 8);
        static const char Digits[] = "0123456789abcdef";
        std::string out;
        for (std::uint32_t word : m_h) {
            for (int shift = 28; shift >= 0; shift -= 4)
                out += Digits[(word >> shift) & 0xF];
        }
        return out;
    }

private:
    static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
    void compress(const unsigned char* block)
    {
        static const std::uint32_t K[64] = { 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
            0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
            0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
            0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c,
            0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
            0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2 };
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i) {
            w[i] = static_cast<std::uint32_t>(block[4 * i]) << 24 | static_cast<std::uint32_t>(block[4 * i + 1]) << 16
                | static_cast<std::uint32_t>(block[4 * i + 2]) << 8 | static_cast<std::uint32_t>(block[4 * i + 3]);
        }
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = m_h[0], b = m_h[1], c = m_h[2], d = m_h[3], e = m_h[4], f = m_h[5], g = m_h[6], h = m_h[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        m_h[0] += a;
        m_h[1] += b;
        m_h[2] += c;
        m_h[3] += d;
        m_h[4] += e;
        m_h[5] += f;
        m_h[6] += g;
        m_h[7] += h;
    }

    std::uint32_t m_h[8]
        = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    unsigned char m_block[64] = {};
    std::size_t m_fill = 0;
    std::uint64_t m_length = 0;
};

std::string joinPath(const std::string& folder, const std::string& file)
{
    if (folder.empty() || (!file.empty() && file[0] == '/'))
        return file;
    return folder + (folder.back() == '/' ? "" : "/") + file;
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? "," : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string tensorText(const BundleTensor& t)
{
    return "'" + t.name + "' " + t.dtype + " " + shapeText(t.shape);
}

// The same inputs apart from the batch dim (the leading one).
bool sameAfterBatch(const BundleTensor& a, const BundleTensor& b)
{
    return a.name == b.name && a.dtype == b.dtype && a.shape.size() == b.shape.size()
        && std::equal(
            a.shape.begin() + (a.shape.empty() ? 0 : 1), a.shape.end(), b.shape.begin() + (b.shape.empty() ? 0 : 1));
}

bool readTensors(const Value* list, const char* what, std::vector<BundleTensor>& out, std::string& error)
{
    if (!list || list->type != Value::Type::Array) {
        error = std::string("has no \"") + what + "\" list";
        return false;
    }
    for (const Value& item : list->items) {
        BundleTensor t;
        const Value* name = item.member("name");
        const Value* dtype = item.member("dtype");
        const Value* format = item.member("format");
        const Value* shape = item.member("shape");
        if (item.type != Value::Type::Object || !name || name->type != Value::Type::String || !dtype
            || dtype->type != Value::Type::String || !shape || shape->type != Value::Type::Array) {
            error = std::string("has an entry of \"") + what + "\" without name, dtype and shape";
            return false;
        }
        t.name = name->text;
        t.dtype = dtype->text;
        t.format = format && format->type == Value::Type::String ? format->text : "ND";
        for (const Value& dim : shape->items) {
            if (dim.type != Value::Type::Number) {
                error = std::string("has a shape in \"") + what + "\" that is not a list of numbers";
                return false;
            }
            t.shape.push_back(static_cast<std::int64_t>(dim.number));
        }
        out.push_back(std::move(t));
    }
    return true;
}

std::string textMember(const Value& object, const char* name)
{
    const Value* v = object.member(name);
    return v && v->type == Value::Type::String ? v->text : std::string();
}

} // namespace

std::string sha256File(const std::string& path, std::string& error)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        error = "cannot be read: " + std::string(std::strerror(errno));
        return {};
    }
    Sha256 hash;
    std::vector<char> buffer(1 << 16);
    while (file) {
        file.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::streamsize got = file.gcount();
        if (got > 0)
            hash.add(reinterpret_cast<const unsigned char*>(buffer.data()), static_cast<std::size_t>(got));
    }
    if (file.bad()) {
        error = "could not be read to the end";
        return {};
    }
    return hash.hex();
}

bool readBundle(const std::string& manifestPath, Bundle& bundle, std::string& error, bool verifySha256)
{
    bundle = Bundle {};
    bundle.manifest = manifestPath;
    const std::size_t slash = manifestPath.rfind('/');
    bundle.folder = slash == std::string::npos ? "." : manifestPath.substr(0, slash == 0 ? 1 : slash);
    std::ifstream file(manifestPath, std::ios::binary);
    if (!file) {
        error = manifestPath + " cannot be read: " + std::strerror(errno)
            + ". Pass the deploy.json that `atcwb bundle` wrote.";
        return false;
    }
    std::stringstream content;
    content << file.rdbuf();
    const std::string text = content.str();
    Value root;
    std::string why;
    if (!Reader(text).parse(root, why) || root.type != Value::Type::Object) {
        error = manifestPath + " is not valid JSON (" + (why.empty() ? "not an object" : why)
            + "). Write it again with `atcwb bundle`.";
        return false;
    }
    const Value* version = root.member("version");
    if (textMember(root, "format") != "atc-workbench-bundle" || !version || version->type != Value::Type::Number
        || version->number != 1) {
        error = manifestPath
            + " is not an ATC Workbench bundle manifest (\"format\": \"atc-workbench-bundle\", "
              "\"version\": 1).";
        return false;
    }
    if (const Value* model = root.member("model"); model && model->type == Value::Type::Object) {
        bundle.modelName = textMember(*model, "name");
        bundle.modelSha256 = textMember(*model, "sha256");
    }
    bundle.soc = textMember(root, "soc");
    bundle.toolkitVersion = textMember(root, "toolkit_version");
    const Value* oms = root.member("oms");
    if (!oms || oms->type != Value::Type::Array || oms->items.empty()) {
        error = manifestPath + " lists no OMs (\"oms\" is missing or empty).";
        return false;
    }
    for (const Value& item : oms->items) {
        BundleOm om;
        om.file = item.type == Value::Type::Object ? textMember(item, "file") : std::string();
        if (om.file.empty()) {
            error = manifestPath + " has an entry of \"oms\" without a \"file\".";
            return false;
        }
        const std::string where = manifestPath + ": " + om.file + " ";
        om.sha256 = textMember(item, "sha256");
        const Value* batch = item.member("batch");
        const Value* gears = item.member("dynamic_batch");
        if (batch && batch->type == Value::Type::Number && batch->number >= 1)
            om.batch = static_cast<std::uint64_t>(batch->number);
        if (gears && gears->type == Value::Type::Array) {
            for (const Value& g : gears->items) {
                if (g.type == Value::Type::Number && g.number >= 1)
                    om.gears.push_back(static_cast<std::uint64_t>(g.number));
            }
        }
        if ((om.batch == 0) == om.gears.empty()) {
            error = where + "needs either \"batch\" (a whole number from 1) or \"dynamic_batch\" (its gears).";
            return false;
        }
        if (!readTensors(item.member("inputs"), "inputs", om.inputs, why)
            || !readTensors(item.member("outputs"), "outputs", om.outputs, why)) {
            error = where + why + ".";
            return false;
        }
        const std::string path = joinPath(bundle.folder, om.file);
        std::ifstream omFile(path, std::ios::binary | std::ios::ate);
        if (!omFile) {
            error = joinPath(bundle.folder, om.file) + " is listed in " + manifestPath
                + " but is missing or unreadable. Copy the whole bundle folder, or write it again with `atcwb "
                  "bundle`.";
            return false;
        }
        const auto size = static_cast<std::uint64_t>(omFile.tellg());
        unsigned char start[wb::om::BytesToParse] = {};
        omFile.seekg(0);
        omFile.read(reinterpret_cast<char*>(start), sizeof start);
        const wb::om::FileHeader header
            = wb::om::parseFileHeader(start, static_cast<std::size_t>(omFile.gcount()), size);
        if (!header.valid) {
            error = path + " " + header.message;
            return false;
        }
        if (verifySha256) {
            const std::string actual = sha256File(path, why);
            if (actual.empty()) {
                error = path + " " + why + ".";
                return false;
            }
            if (actual != om.sha256) {
                error = path + " does not match its sha256 in " + manifestPath + " (" + actual + " here, "
                    + (om.sha256.empty() ? std::string("none") : om.sha256)
                    + " listed): the file changed after the bundle was written. Write the bundle again with "
                      "`atcwb bundle`.";
                return false;
            }
        }
        if (!bundle.oms.empty()) {
            const BundleOm& first = bundle.oms.front();
            bool same = first.inputs.size() == om.inputs.size();
            for (std::size_t i = 0; same && i < om.inputs.size(); ++i)
                same = sameAfterBatch(first.inputs[i], om.inputs[i]);
            if (!same) {
                std::string mine, theirs;
                for (const BundleTensor& t : om.inputs)
                    mine += (mine.empty() ? "" : ", ") + tensorText(t);
                for (const BundleTensor& t : first.inputs)
                    theirs += (theirs.empty() ? "" : ", ") + tensorText(t);
                error = path + " has other inputs (" + mine + ") than " + first.file + " (" + theirs
                    + "): a bundle holds one model at several batch sizes.";
                return false;
            }
        }
        bundle.oms.push_back(std::move(om));
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatcher

namespace {

struct LoadedOm {
    std::string file;
    std::uint32_t modelId = 0;
    aclmdlDesc* desc = nullptr;
    aclmdlDataset* input = nullptr;
    aclmdlDataset* output = nullptr;
    std::vector<void*> inputMemory; // data inputs only (the batch-shape input is not listed)
    std::vector<void*> outputMemory;
    std::vector<std::size_t> inputIndex; // dataset index of each data input
    std::vector<std::uint64_t> gears; // empty for a static OM
    std::uint64_t batch = 0; // static batch, or the largest gear
    std::size_t dynamicIndex = 0;
    std::uint64_t currentGear = 0;
};

} // namespace

struct Dispatcher::Private {
    const AclApi* api = nullptr;
    std::vector<std::function<aclError()>> undo;
    std::vector<LoadedOm> oms;
    std::vector<std::size_t> inputSample;
    std::vector<std::size_t> outputSample;
    std::string soc;
    bool chunking = true;
    // Per strategy: the batches and, for each, the OM (index into oms).
    std::vector<std::uint64_t> batches[3];
    std::vector<std::size_t> targets[3];
    std::vector<wb::dispatch::Step> steps;
    std::string none;

    bool check(aclError rc, const char* call, const std::string& file, std::string& error)
    {
        if (rc == acl::Success)
            return true;
        const char* recent = api->aclGetRecentErrMsg ? api->aclGetRecentErrMsg() : nullptr;
        error = std::string(call) + " failed with " + std::to_string(rc) + (file.empty() ? "" : " for " + file)
            + (recent && *recent ? std::string(": ") + recent : std::string()) + ".";
        return false;
    }
};

Dispatcher::Dispatcher()
    : d(std::make_unique<Private>())
{
    d->steps.reserve(16);
}

Dispatcher::~Dispatcher()
{
    while (!d->undo.empty()) {
        d->undo.back()();
        d->undo.pop_back();
    }
}

std::size_t Dispatcher::inputCount() const
{
    return d->inputSample.size();
}
std::size_t Dispatcher::outputCount() const
{
    return d->outputSample.size();
}
std::size_t Dispatcher::inputSampleBytes(std::size_t index) const
{
    return d->inputSample.at(index);
}
std::size_t Dispatcher::outputSampleBytes(std::size_t index) const
{
    return d->outputSample.at(index);
}
std::string Dispatcher::socName() const
{
    return d->soc;
}
const std::vector<std::uint64_t>& Dispatcher::batches(wb::dispatch::Strategy strategy) const
{
    return d->batches[static_cast<int>(strategy)];
}
const std::string& Dispatcher::targetFile(wb::dispatch::Strategy strategy, std::size_t index) const
{
    const std::vector<std::size_t>& t = d->targets[static_cast<int>(strategy)];
    return index < t.size() ? d->oms[t[index]].file : d->none;
}
const std::vector<wb::dispatch::Step>& Dispatcher::lastSteps() const
{
    return d->steps;
}

bool Dispatcher::open(const AclApi& api, const Bundle& bundle, const DispatchOptions& options, std::string& error)
{
    d->api = &api;
    d->chunking = options.chunking;
    const AclApi* a = &api;
    if (!d->check(api.aclInit(nullptr), "aclInit", {}, error))
        return false;
    d->undo.emplace_back([a] { return a->aclFinalize(); });
    const std::int32_t device = options.device;
    if (!d->check(api.aclrtSetDevice(device), "aclrtSetDevice", {}, error))
        return false;
    d->undo.emplace_back([a, device] { return a->aclrtResetDevice(device); });
    aclrtContext context = nullptr;
    if (!d->check(api.aclrtCreateContext(&context, device), "aclrtCreateContext", {}, error))
        return false;
    d->undo.emplace_back([a, context] { return a->aclrtDestroyContext(context); });
    aclrtStream stream = nullptr;
    if (!d->check(api.aclrtCreateStream(&stream), "aclrtCreateStream", {}, error))
        return false;
    d->undo.emplace_back([a, stream] { return a->aclrtDestroyStream(stream); });
    const char* soc = api.aclrtGetSocName ? api.aclrtGetSocName() : nullptr;
    d->soc = soc ? soc : "";
    if (!bundle.soc.empty() && !d->soc.empty() && d->soc != bundle.soc) {
        error = bundle.manifest + " holds OMs built for " + bundle.soc + ", but device " + std::to_string(device)
            + " is " + d->soc + ": convert the model again with --soc_version=" + d->soc + ".";
        return false;
    }

    for (const BundleOm& entry : bundle.oms) {
        LoadedOm om;
        om.file = entry.file;
        const std::string path = joinPath(bundle.folder, entry.file);
        if (!d->check(api.aclmdlLoadFromFile(path.c_str(), &om.modelId), "aclmdlLoadFromFile", path, error))
            return false;
        const std::uint32_t id = om.modelId;
        d->undo.emplace_back([a, id] { return a->aclmdlUnload(id); });
        om.desc = api.aclmdlCreateDesc();
        if (!om.desc) {
            error = "aclmdlCreateDesc returned no object for " + path + ".";
            return false;
        }
        aclmdlDesc* desc = om.desc;
        d->undo.emplace_back([a, desc] { return a->aclmdlDestroyDesc(desc); });
        if (!d->check(api.aclmdlGetDesc(desc, id), "aclmdlGetDesc", path, error))
            return false;
        aclmdlBatch gears {};
        if (api.aclmdlGetDynamicBatch(desc, &gears) == acl::Success)
            om.gears.assign(gears.batch, gears.batch + std::min<std::size_t>(gears.batchCount, 128));
        if (!om.gears.empty()
            && !d->check(api.aclmdlGetInputIndexByName(desc, acl::DynamicTensorName, &om.dynamicIndex),
                "aclmdlGetInputIndexByName", path, error))
            return false;
        // What AscendCL says against the manifest: batch or gears, then every data input.
        std::vector<std::uint64_t> listed = entry.gears;
        std::vector<std::uint64_t> actual = om.gears;
        std::sort(listed.begin(), listed.end());
        std::sort(actual.begin(), actual.end());
        if (listed != actual) {
            error = path + (actual.empty() ? " is a static OM" : " has batch gears") + " but deploy.json lists it "
                + (listed.empty() ? "as static" : "with other gears") + ": write the bundle again with `atcwb bundle`.";
            return false;
        }
        const std::size_t inputs = api.aclmdlGetNumInputs(desc);
        std::size_t dataInput = 0;
        if (!d->check((om.input = api.aclmdlCreateDataset()) ? acl::Success : -1, "aclmdlCreateDataset", path, error))
            return false;
        aclmdlDataset* inputSet = om.input;
        d->undo.emplace_back([a, inputSet] { return a->aclmdlDestroyDataset(inputSet); });
        const auto addBuffer = [&](aclmdlDataset* set, std::size_t size, std::vector<void*>* keep) {
            void* memory = nullptr;
            if (!d->check(api.aclrtMalloc(&memory, size, acl::MallocHugeFirst), "aclrtMalloc", path, error))
                return false;
            d->undo.emplace_back([a, memory] { return a->aclrtFree(memory); });
            if (!d->check(api.aclrtMemset(memory, size, 0, size), "aclrtMemset", path, error))
                return false;
            aclDataBuffer* buffer = api.aclCreateDataBuffer(memory, size);
            if (!buffer) {
                error = "aclCreateDataBuffer returned no object for " + path + ".";
                return false;
            }
            d->undo.emplace_back([a, buffer] { return a->aclDestroyDataBuffer(buffer); });
            if (keep)
                keep->push_back(memory);
            return d->check(api.aclmdlAddDatasetBuffer(set, buffer), "aclmdlAddDatasetBuffer", path, error);
        };
        om.batch = om.gears.empty() ? entry.batch : *std::max_element(om.gears.begin(), om.gears.end());
        std::vector<std::size_t> inputSample;
        for (std::size_t i = 0; i < inputs; ++i) {
            const std::size_t size = api.aclmdlGetInputSizeByIndex(desc, i);
            const bool batchShape = !om.gears.empty() && i == om.dynamicIndex;
            if (!addBuffer(inputSet, size, batchShape ? nullptr : &om.inputMemory))
                return false;
            if (batchShape)
                continue;
            aclmdlIODims dims {};
            if (!d->check(api.aclmdlGetInputDims(desc, i, &dims), "aclmdlGetInputDims", path, error))
                return false;
            BundleTensor seen;
            const char* name = api.aclmdlGetInputNameByIndex(desc, i);
            seen.name = name ? name : "";
            seen.dtype = omr::dtypeName(api.aclmdlGetInputDataType(desc, i));
            seen.shape.assign(dims.dims, dims.dims + std::min<std::size_t>(dims.dimCount, 128));
            const BundleTensor* want = dataInput < entry.inputs.size() ? &entry.inputs[dataInput] : nullptr;
            if (!want || want->name != seen.name || want->dtype != seen.dtype || want->shape != seen.shape) {
                error = path + ": input " + std::to_string(dataInput) + " is " + tensorText(seen)
                    + " as AscendCL describes it, but deploy.json says "
                    + (want ? tensorText(*want) : std::string("there is no such input"))
                    + ". Write the bundle again with `atcwb bundle`.";
                return false;
            }
            if (om.batch == 0 || size % om.batch != 0) {
                error = path + ": input '" + seen.name + "' has " + std::to_string(size)
                    + " bytes, not a whole number of samples of batch " + std::to_string(om.batch) + ".";
                return false;
            }
            om.inputIndex.push_back(i);
            inputSample.push_back(size / om.batch);
            ++dataInput;
        }
        if (dataInput != entry.inputs.size()) {
            error = path + " has " + std::to_string(dataInput) + " inputs, deploy.json lists "
                + std::to_string(entry.inputs.size()) + ".";
            return false;
        }
        if (!d->check((om.output = api.aclmdlCreateDataset()) ? acl::Success : -1, "aclmdlCreateDataset", path, error))
            return false;
        aclmdlDataset* outputSet = om.output;
        d->undo.emplace_back([a, outputSet] { return a->aclmdlDestroyDataset(outputSet); });
        std::vector<std::size_t> outputSample;
        const std::size_t outputs = api.aclmdlGetNumOutputs(desc);
        for (std::size_t o = 0; o < outputs; ++o) {
            const std::size_t size = api.aclmdlGetOutputSizeByIndex(desc, o);
            if (size == 0 || size % om.batch != 0) {
                error = path + ": output " + std::to_string(o) + " has " + std::to_string(size)
                    + " bytes, not a whole number of samples of batch " + std::to_string(om.batch)
                    + " (an output whose shape is only known at run time cannot be dispatched).";
                return false;
            }
            if (!addBuffer(outputSet, size, &om.outputMemory))
                return false;
            outputSample.push_back(size / om.batch);
        }
        if (d->oms.empty()) {
            d->inputSample = inputSample;
            d->outputSample = outputSample;
        } else if (inputSample != d->inputSample || outputSample != d->outputSample) {
            error = path + " has other sample sizes than " + d->oms.front().file
                + ": a bundle holds one model at several batch sizes.";
            return false;
        }
        d->oms.push_back(std::move(om));
    }

    // Targets per strategy.
    using wb::dispatch::Strategy;
    const auto add = [this](Strategy s, std::uint64_t batch, std::size_t om) {
        d->batches[static_cast<int>(s)].push_back(batch);
        d->targets[static_cast<int>(s)].push_back(om);
    };
    std::size_t largest = d->oms.size();
    for (std::size_t i = 0; i < d->oms.size(); ++i) {
        if (!d->oms[i].gears.empty())
            continue;
        add(Strategy::PerBatch, d->oms[i].batch, i);
        if (largest == d->oms.size() || d->oms[i].batch > d->oms[largest].batch)
            largest = i;
    }
    if (largest != d->oms.size())
        add(Strategy::Max, d->oms[largest].batch, largest);
    for (std::size_t i = 0; i < d->oms.size(); ++i) {
        if (d->oms[i].gears.empty())
            continue;
        for (std::uint64_t gear : d->oms[i].gears)
            add(Strategy::Dynamic, gear, i);
        break;
    }
    return true;
}

bool Dispatcher::infer(std::uint64_t n, const void* const* inputs, void* const* outputs,
    wb::dispatch::Strategy strategy, std::string& error)
{
    const int s = static_cast<int>(strategy);
    if (!d->api) {
        error = "the dispatcher has no bundle open";
        return false;
    }
    if (!wb::dispatch::planRequest(n, d->batches[s], d->chunking, d->steps, &error)) {
        if (d->batches[s].empty())
            error = std::string("the bundle has no OM for the ") + wb::dispatch::strategyName(strategy) + " strategy"
                + (strategy == wb::dispatch::Strategy::Dynamic ? " (it needs an OM with dynamic batch gears)"
                                                               : " (it needs an OM of a static batch size)");
        return false;
    }
    const AclApi& api = *d->api;
    const std::int32_t toDevice = acl::MemcpyHostToDevice;
    const std::int32_t toHost = acl::MemcpyDeviceToHost;
    std::uint64_t done = 0; // samples of the request already run
    for (const wb::dispatch::Step& step : d->steps) {
        LoadedOm& om = d->oms[d->targets[s][step.target]];
        for (std::size_t i = 0; i < om.inputMemory.size(); ++i) {
            const std::size_t sample = d->inputSample[i];
            const std::size_t real = static_cast<std::size_t>(step.samples) * sample;
            const std::size_t capacity = static_cast<std::size_t>(om.batch) * sample;
            auto* memory = static_cast<unsigned char*>(om.inputMemory[i]);
            const auto* source = static_cast<const unsigned char*>(inputs[i]) + done * sample;
            if (real > 0
                && !d->check(api.aclrtMemcpy(memory, capacity, source, real, toDevice), "aclrtMemcpy", om.file, error))
                return false;
            const std::size_t padding = static_cast<std::size_t>(step.padding) * sample;
            if (padding > 0
                && !d->check(
                    api.aclrtMemset(memory + real, capacity - real, 0, padding), "aclrtMemset", om.file, error))
                return false;
        }
        if (!om.gears.empty() && om.currentGear != step.batch) {
            if (!d->check(api.aclmdlSetDynamicBatchSize(om.modelId, om.input, om.dynamicIndex, step.batch),
                    "aclmdlSetDynamicBatchSize", om.file, error))
                return false;
            om.currentGear = step.batch;
        }
        if (!d->check(api.aclmdlExecute(om.modelId, om.input, om.output), "aclmdlExecute", om.file, error))
            return false;
        for (std::size_t o = 0; outputs && o < om.outputMemory.size(); ++o) {
            if (!outputs[o])
                continue;
            const std::size_t sample = d->outputSample[o];
            const std::size_t real = static_cast<std::size_t>(step.samples) * sample;
            auto* target = static_cast<unsigned char*>(outputs[o]) + done * sample;
            if (real > 0
                && !d->check(
                    api.aclrtMemcpy(target, real, om.outputMemory[o], real, toHost), "aclrtMemcpy", om.file, error))
                return false;
        }
        done += step.samples;
    }
    return true;
}

} // namespace omd
