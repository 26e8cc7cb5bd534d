#include "fakeatc_onnx.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>

namespace fakeatc {

namespace {

struct Field {
    std::uint32_t number = 0;
    std::uint64_t varint = 0; // for varint fields
    std::string_view bytes; // for length-delimited fields
    bool isBytes = false;
};

// Calls onField for each varint and length-delimited field of one protobuf message (all this reader needs;
// fixed-width fields are skipped). False on malformed input.
bool walk(std::string_view msg, const std::function<void(const Field&)>& onField)
{
    std::size_t pos = 0;
    auto varint = [&](std::uint64_t& value) {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= msg.size())
                return false;
            const auto byte = static_cast<std::uint8_t>(msg[pos++]);
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0)
                return true;
        }
        return false;
    };
    while (pos < msg.size()) {
        std::uint64_t key = 0;
        if (!varint(key))
            return false;
        Field field;
        field.number = static_cast<std::uint32_t>(key >> 3);
        switch (key & 7) {
        case 0:
            if (!varint(field.varint))
                return false;
            onField(field);
            break;
        case 1:
            pos += 8;
            break;
        case 5:
            pos += 4;
            break;
        case 2: {
            std::uint64_t length = 0;
            if (!varint(length) || length > msg.size() - pos)
                return false;
            field.bytes = msg.substr(pos, length);
            field.isBytes = true;
            onField(field);
            pos += length;
            break;
        }
        default:
            return false; // groups: not used by ONNX
        }
        if (pos > msg.size())
            return false;
    }
    return true;
}

// The string field `number` of a message ("" when absent).
std::string stringField(std::string_view msg, std::uint32_t number)
{
    std::string value;
    walk(msg, [&](const Field& f) {
        if (f.number == number && f.isBytes)
            value = std::string(f.bytes);
    });
    return value;
}

} // namespace

std::optional<std::string> readFile(const std::string& path)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return std::nullopt;
    std::string bytes;
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        bytes.append(buffer, n);
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed)
        return std::nullopt;
    return bytes;
}

OnnxInfo readOnnx(const std::string& path)
{
    OnnxInfo info;
    const std::optional<std::string> bytes = readFile(path);
    if (!bytes)
        return info;
    std::vector<std::string> declaredInputs;
    std::set<std::string> initializers;
    const bool modelOk = walk(*bytes, [&](const Field& model) {
        if (model.number == 8 && model.isBytes) { // opset_import {domain = 1, version = 2}
            std::int64_t version = 0;
            walk(model.bytes, [&](const Field& f) {
                if (f.number == 2 && !f.isBytes)
                    version = static_cast<std::int64_t>(f.varint);
            });
            info.opsets[stringField(model.bytes, 1)] = version;
        } else if (model.number == 7 && model.isBytes) { // graph
            walk(model.bytes, [&](const Field& g) {
                if (!g.isBytes)
                    return;
                if (g.number == 2)
                    info.graphName = std::string(g.bytes);
                else if (g.number == 1) // node {name = 3, op_type = 4, domain = 7}
                    info.nodes.push_back(
                        OnnxNode { stringField(g.bytes, 3), stringField(g.bytes, 4), stringField(g.bytes, 7) });
                else if (g.number == 5) // initializer {name = 8}
                    initializers.insert(stringField(g.bytes, 8));
                else if (g.number == 11) // input {name = 1}
                    declaredInputs.push_back(stringField(g.bytes, 1));
            });
        }
    });
    info.ok = modelOk;
    std::copy_if(declaredInputs.begin(), declaredInputs.end(), std::back_inserter(info.inputs),
        [&](const std::string& name) { return initializers.count(name) == 0; });
    return info;
}

} // namespace fakeatc
