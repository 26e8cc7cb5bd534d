#pragma once

// Just enough of the ONNX protobuf wire format for the fake atc to name real nodes and inputs in its errors.
// Test double only: never installed or shipped.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fakeatc {

struct OnnxNode {
    std::string name;
    std::string opType;
    std::string domain;
};

struct OnnxInfo {
    bool ok = false; // the file could be read and walked as a ModelProto
    std::string graphName;
    std::vector<std::string> inputs; // graph inputs that are not initializers
    std::vector<OnnxNode> nodes; // main graph only
    std::map<std::string, std::int64_t> opsets; // domain ("" = ai.onnx) -> version
};

OnnxInfo readOnnx(const std::string& path);

// The whole file, or nothing when it cannot be read.
std::optional<std::string> readFile(const std::string& path);

} // namespace fakeatc
