#include "fakeatc_args.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace fakeatc {

namespace {

// ATC's flags ([GE26] atc_flags.cc, reference/atc.md §2.2), with a short description for help and errors.
struct Flag {
    std::string_view name;
    std::string_view help;
};
constexpr Flag Flags[] = {
    { "model", "Model file" },
    { "weight", "Weight file. Required when framework is Caffe" },
    { "framework", "Framework type. 0:Caffe; 1:MindSpore; 3:Tensorflow; 5:Onnx" },
    { "output", "Output file path&name(needn't suffix, will add .om/.exeom automatically)" },
    { "soc_version", "The soc version." },
    { "mode", "Run mode. 0(default): generate offline model; 1: convert model to JSON format; 3: only pre-check" },
    { "input_format", "Format of input data. E.g.: \"NCHW\"" },
    { "input_shape", "Shape of input data. Separate multiple nodes with semicolons (;)." },
    { "input_shape_range", "Shape range of input data (deprecated)" },
    { "input_hint_shape", "Hint shape of input data" },
    { "dynamic_batch_size", "Set dynamic batch size. E.g.: \"batchsize1,batchsize2,batchsize3\"" },
    { "dynamic_image_size", "Set dynamic image size. E.g.: \"imagesize1_height,imagesize1_width;...\"" },
    { "dynamic_dims", "Set dynamic dims. E.g.: \"dims1_n1,dims1_n2;dims2_n1,dims2_n2\"" },
    { "singleop", "Single op definition file." },
    { "output_type", "Set net output type. Support FP32, FP16, UINT8, INT8." },
    { "out_nodes", "Output nodes designated by users. E.g.: \"node_name1:0;node_name1:1;node_name2:0\"" },
    { "check_report", "The pre-checking report file. Default value is: \"check_result.json\"" },
    { "om", "The model file to be converted to json" },
    { "json", "The output json file path&name which is converted from a model" },
    { "virtual_type", "Enable virtualization. 0(default): disable; 1: enable" },
    { "core_type", "Set core type AiCore or VectorCore." },
    { "aicore_num", "Set aicore num" },
    { "insert_op_conf", "Config file to insert new op" },
    { "op_name_map", "Custom op name mapping file" },
    { "input_fp16_nodes", "Input node datatype is fp16. Separate multiple nodes with semicolons (;)." },
    { "is_input_adjust_hw_layout", "Input node datatype is fp16 and format is NC1HWC0." },
    { "is_output_adjust_hw_layout", "Net output node datatype is fp16 and format is NC1HWC0." },
    { "external_weight", "Convert const to file constant." },
    { "disable_reuse_memory", "The switch of reuse memory. Default value is : 0. 0 means reuse memory" },
    { "fusion_switch_file", "Set fusion switch file path" },
    { "enable_scope_fusion_passes", "validate the non-general scope fusion passes" },
    { "enable_single_stream", "Enable single stream. true: enable; false(default): disable" },
    { "ac_parallel_enable", "Enable engines such as Aicpu to parallel with other engines in dynamic shape graphs." },
    { "tiling_schedule_optimize", "Enable tiling schedule optimize." },
    { "quant_dumpable", "Ensure that the input and output of quant nodes can be dumped." },
    { "cluster_config", "Cluster config file" },
    { "hccl_sub_comm_config", "HCCL sub communication config file" },
    { "enable_small_channel", "Set enable small channel. 0(default): disable; 1: enable" },
    { "enable_compress_weight", "Enable compress weight. true: enable; false(default): disable" },
    { "compress_weight_conf", "Config file to compress weight" },
    { "compression_optimize_conf", "Config file to compress optimize" },
    { "enable_attr_compression", "Enable attr compression." },
    { "sparsity", "Optional; enable structured sparse. 0(default): disable; 1: enable" },
    { "buffer_optimize", "Set buffer optimize. Support \"l2_optimize\" (default), \"l1_optimize\", \"off_optimize\"" },
    { "mdl_bank_path", "Set the path of the custom repository generated after model tuning." },
    { "op_bank_path", "Set the path of the custom repository generated after operator tuning." },
    { "oo_level", "The graph optimization level. O1, O3(default)" },
    { "op_precision_mode", "Set the path of operator precision mode configuration file (.ini)" },
    { "allow_hf32", "enable hf32. false: disable; true: enable. (not support, reserved)" },
    { "precision_mode", "precision mode, support force_fp16(default), force_fp32, ..." },
    { "precision_mode_v2", "precision mode, support fp16(default), origin, cube_fp16in_fp32out, ..." },
    { "modify_mixlist", "Set the path of operator mixed precision configuration file." },
    { "keep_dtype",
        "Retains the precision of certain operators in inference scenarios by using a configuration "
        "file." },
    { "customize_dtypes", "Set the path of custom dtypes configuration file." },
    { "is_weight_clip", "Weight clip. 0: disable; 1(default): enable" },
    { "op_select_implmode", "Set op select implmode. Support high_precision, high_performance (default)" },
    { "optypelist_for_implmode", "Appoint which op to select implmode, cooperated with op_select_implmode." },
    { "jit_compile", "Whether to compile online. 0: binary first; 1(default): online compile" },
    { "op_debug_level", "Debug enable for TBE operator building." },
    { "debug_dir", "Set the save path of operator compilation intermediate files." },
    { "op_debug_config", "Debug enable for operator memory detection" },
    { "status_check", "switch for op status check such as overflow. 0(default): off; 1: on" },
    { "save_original_model", "Control whether to output original model. E.g.: true: output original model" },
    { "log", "Generate log with level. Support debug, info, warning, error, null(default)" },
    { "dump_mode", "The switch of dump json with shape, to be used with mode 1." },
    { "op_compiler_cache_dir", "Set the save path of operator compilation cache files." },
    { "op_compiler_cache_mode",
        "Set the operator compilation cache mode. Options are disable(default), "
        "enable and force" },
    { "display_model_info", "enable for display model info; 0(default): close display, 1: open display." },
    { "device_id", "The device id." },
    { "atomic_clean_policy", "Atomic clean policy. 0(default): centralized clean; 1: separate clean" },
    { "deterministic", "Whether to enable deterministic computation. 0(default): disable; 1: enable" },
    { "host_env_os", "OS type of the target execution environment." },
    { "host_env_cpu", "CPU type of the target execution environment." },
};

const Flag* findFlag(std::string_view name)
{
    const auto it = std::find_if(std::begin(Flags), std::end(Flags), [&](const Flag& f) { return f.name == name; });
    return it == std::end(Flags) ? nullptr : &*it;
}

bool isHelp(std::string_view name)
{
    return name == "help" || name == "h";
}

} // namespace

ParseResult parseArgs(int argc, char** argv)
{
    ParseResult result;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::string name;
        if (arg.rfind("--", 0) == 0)
            name = arg.substr(2);
        else if (arg.size() >= 3 && arg[0] == '-' && arg[1] != '-')
            name = arg.substr(1); // -soc_version -> --soc_version
        else if (arg == "-h")
            name = "h";
        else {
            result.error = "ERROR: Non-option parameter: " + arg;
            return result;
        }
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        std::replace(name.begin(), name.end(), '-', '_');
        if (isHelp(name)) {
            result.args.flags["help"] = "true";
            result.args.order.push_back("help");
            continue;
        }
        const Flag* flag = findFlag(name);
        if (!flag) {
            result.error = "ERROR: unknown command line flag '" + name + "'";
            return result;
        }
        if (!value) {
            if (i + 1 >= argc) {
                result.error = "ERROR: flag '" + name
                    + "' is missing its argument; flag description: " + std::string(flag->help);
                return result;
            }
            value = argv[++i];
        }
        result.args.flags[name] = *value;
        result.args.order.push_back(name);
    }
    return result;
}

std::string helpText()
{
    std::string text = "usage: atc <args>\n"
                       "generate offline model example:\n"
                       "atc --model=./alexnet.prototxt --weight=./alexnet.caffemodel --framework=0 "
                       "--output=./domi --soc_version=<soc_version> \n"
                       "\n===== Basic Functionality =====\n[General]\n";
    for (const Flag& flag : Flags) {
        text += "  --";
        text += flag.name;
        text.append(flag.name.size() < 28 ? 28 - flag.name.size() : 1, ' ');
        text += flag.help;
        text += '\n';
    }
    text += "  --help                        Shows this message\n";
    return text;
}

std::vector<std::string> splitList(const std::string& text, char separator)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        if (end > start)
            items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

std::vector<std::string> inputShapeNames(const std::string& spec)
{
    std::vector<std::string> names;
    for (const std::string& item : splitList(spec, ';'))
        names.push_back(item.substr(0, std::min(item.rfind(':'), item.size())));
    return names;
}

} // namespace fakeatc
