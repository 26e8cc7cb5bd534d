#pragma once

// What ATC made of a model: the content of an Ascend offline model (.om) as a value, read either from the .om itself
// (header, partition table, the protobuf ModelDef partition; weights are never read) or from the JSON that
// `atc --mode=1 --om=M.om --json=M.json` writes (the same ModelDef, as JSON). See README.md "Inside the OM".
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace wb {

// Where an op runs, from its `_ge_attr_op_kernel_lib_name` attribute.
enum class OmEngine { AiCore, AiCpu, GeLocal, Rts, Other };
constexpr int OmEngineCount = 5;

// "ai_core", "ai_cpu", "ge_local", "rts", "other" (the inspect JSON contract's names).
QString omEngineName(OmEngine engine);
// "AI Core", "AI CPU", "GE local", "RTS", "other" (for people).
QString omEngineTitle(OmEngine engine);
// AIcoreEngine -> AiCore; aicpu_ascend_kernel, aicpu_tf_kernel (any aicpu_*) -> AiCpu; DNN_VM_GE_LOCAL_OP_STORE ->
// GeLocal; DNN_VM_RTS_OP_STORE -> Rts; anything else, or empty -> Other.
OmEngine omEngineFromKernelLib(const QString& kernelLibName);

// One input or output of an op (GE's TensorDescriptor).
struct OmTensorDesc {
    QString name; // often empty in OMs
    QString dtype; // GE's name without its DT_ prefix: "FLOAT", "FLOAT16", "INT64"; empty when not stated
    QString format; // GE's layout: "NCHW", "NC1HWC0", "ND", "FRACTAL_Z"; empty when not stated
    std::optional<QList<qint64>> shape; // nullopt when the OM does not state one; -1 for a dynamic dim
    bool operator==(const OmTensorDesc&) const = default;
};

// A tensor's shape for people: "[1, 3, 224, 224]", "?" when the OM does not state one.
QString omShapeText(const OmTensorDesc& tensor);

// One op of the OM's graph, in file order.
struct OmOp {
    QString name;
    QString type; // GE op type: "Conv2D", "TransData", "Cast", "Data", "Const", "NetOutput", ...
    QString graph; // the graph (ModelDef.graph[].name) it belongs to
    OmEngine engine = OmEngine::Other;
    QString kernelLib; // _ge_attr_op_kernel_lib_name as stored; empty when the op has none
    QStringList onnxNodes; // _datadump_original_op_names: the source model's nodes fused into this op
    QStringList passes; // pass_name: the fusion passes that made it
    std::optional<qint64> blockDim; // tvm_blockdim (AI Core ops)
    QStringList inputs; // OpDef.input: "producer:index" ("producer:-1" is a control edge)
    QList<OmTensorDesc> inputDescs;
    QList<OmTensorDesc> outputDescs;
    QMap<QString, QString> aipp; // Data ops with AIPP: the aipp config's fields as text; empty otherwise
    bool operator==(const OmOp&) const = default;
};

// One entry of the binary OM's partition table.
struct OmPartition {
    int type = 0; // 0 model def, 1 weights, 2 task info, 3 TBE kernels, 4 custom AI CPU kernels, 5 SO bins, ...
    quint64 offset = 0; // from the start of the file
    quint64 size = 0;
    bool operator==(const OmPartition&) const = default;
};
QString omPartitionName(int type); // "model_def", "weights", "task_info", "tbe_kernels", ... or "type_N"

struct OmModel {
    enum class Source { OmFile, AtcJson };
    QString path; // the file read
    Source source = Source::OmFile;
    QString name; // ModelDef.name (the header's name when the model def has none)

    // Model attributes; nullopt (null in JSON) where the OM does not say. Older OMs lack some.
    std::optional<QString> socVersion;
    std::optional<QString> atcVersion;
    std::optional<QString> oppVersion;
    std::optional<QString> atcCmdline;
    std::optional<QString> frameworkType; // "Onnx", "TensorFlow", "Caffe", "MindSpore", or as stored
    std::optional<qint64> memorySize; // bytes of device memory at run time
    std::optional<qint64> weightSize; // bytes
    std::optional<qint64> streamNum;
    std::optional<qint64> eventNum;
    std::optional<QStringList> outNodes; // attr_model_out_nodes_name

    QList<OmTensorDesc> inputs; // the Data ops' outputs, in op order (name = the Data op's name)
    QList<OmTensorDesc> outputs; // NetOutput's inputs (name = the producing op's "name:index")
    QList<OmOp> ops; // every op of every graph, in file order (graph[0], the main graph, first)
    QList<OmPartition> partitions; // binary .om only
    QStringList warnings; // what could not be read, one sentence each

    std::array<int, OmEngineCount> engineCounts() const;
    // Index of the op named `name` in ops, or -1.
    int indexOfOp(const QString& name) const;
    // The value of --model= (or --model ...) in atc_cmdline; empty when there is no command line or no --model.
    QString sourceModelFromCmdline() const;
    // The value of --input_shape= in atc_cmdline, empty when absent.
    QString inputShapeFromCmdline() const;
    bool operator==(const OmModel&) const = default;
};

// Reads an .om (starts with "IMOD") or an `atc --mode=1` JSON (starts with '{'), whichever `path` holds. Errors name
// the file and say what is wrong and what to do: codes "not_found", "unreadable", "not_om" (neither: a PNG, an
// ONNX model, ...), "truncated", "bad_partitions", "bad_model_def", "encrypted", "bad_json", "not_om_json".
Result<OmModel> readOmFile(const QString& path);

// Whether `path` is an OM or the JSON of `atc --mode=1` rather than an ONNX model or a recipe: the .om suffix, or
// the first bytes ("IMOD", or a JSON object with a "graph" or "attr" key and no "recipe" key in its first 4 KiB).
// Reads at most 4 KiB.
bool isOmFile(const QString& path);

// The JSON written by `atc --mode=1` (GE's Pb2Json of the ModelDef: maps as [{key, value}], bytes C-escaped).
// `path` is only for messages and OmModel::path.
Result<OmModel> parseOmJson(const QByteArray& json, const QString& path);

// The `atcwb inspect M.om --json` contract: {"kind": "om", "name", "soc_version", "atc_version", "opp_version",
// "framework_type", "atc_cmdline", "memory_size", "weight_size", "stream_num", "out_nodes", "inputs", "outputs",
// "ops": [{"name", "type", "engine", "onnx_nodes", "passes", "block_dim", "inputs", "outputs"}],
// "engines": {"ai_core": N, ...}, "partitions", "warnings"}; null where the OM does not say.
QJsonObject omModelToJson(const OmModel& model);
QJsonObject omTensorToJson(const OmTensorDesc& tensor);

} // namespace wb
