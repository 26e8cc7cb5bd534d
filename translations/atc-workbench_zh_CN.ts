<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AtcChecks</name>
    <message>
        <source>Fix the model where it is exported: ATC stops at this node too.</source>
        <translation>请在导出模型的地方修正它：ATC 也会在这个节点处停止。</translation>
    </message>
    <message>
        <source>Output(s) %1 depend on data by inference, but the model declares them static and ONNX Runtime gives exactly those shapes, so they are treated as static.</source>
        <translation>按推断，输出 %1 依赖于数据，但模型把它们声明为静态，且 ONNX Runtime 给出的正是这些形状，因此按静态处理。</translation>
    </message>
    <message>
        <source>If ATC still rejects them, write a copy with *Save Simplified Copy…* on the Shapes page and convert that, so the sizes are folded.</source>
        <translation>如果 ATC 仍然拒绝，请在“形状”页用 *保存简化副本…* 写出一份副本并转换它，这样尺寸会被折叠。</translation>
    </message>
    <message>
        <source>The shape of output(s) %1 is unknown here, which does not make them dynamic: %2</source>
        <translation>输出 %1 的形状在此处未知，但这并不表示它们是动态的：%2</translation>
    </message>
    <message>
        <source>Nothing to do unless ATC reports a shape error at %1.</source>
        <translation>除非 ATC 在 %1 处报告形状错误，否则无需处理。</translation>
    </message>
    <message>
        <source>(unknown shape)</source>
        <translation>（形状未知）</translation>
    </message>
    <message>
        <source>Cut the post-processing out with *Extract Sub-model* on the Shapes page (it proposes the outputs %1) %2. Convert the part it writes and run the rest on the host.</source>
        <translation>在“形状”页用 *提取子模型* 切掉后处理（它建议的输出为 %1）%2。转换它写出的部分，其余部分在主机上运行。</translation>
    </message>
    <message>
        <source>The data-dependent part is not only post-processing: cutting before %1 would move %2 node(s), including %3, off the NPU. Keep the model whole and build it with dynamic shapes (on a SoC that supports them), or give the data-dependent step a fixed size (a constant k for TopK, a fixed box count).</source>
        <translation>依赖数据的部分不只是后处理：在 %1 之前切开会把 %2 个节点（包括 %3）移出 NPU。请保持模型完整并以动态形状构建（在支持动态形状的 SoC 上），或者给依赖数据的步骤一个固定尺寸（TopK 用常量 k，固定的框数）。</translation>
    </message>
    <message>
        <source>Move the data-dependent step out of the graph with *Extract Sub-model* on the Shapes page and run it on the host.</source>
        <translation>在“形状”页用 *提取子模型* 把依赖数据的步骤移出计算图，并在主机上运行它。</translation>
    </message>
    <message>
        <source>Output(s) %1 stay dynamic even with every input fixed: %2. ATC compiles for fixed shapes; such outputs need dynamic-shape support from the operator and the SoC (none on Ascend310/310B) and often fail to compile.</source>
        <translation>即使每个输入都已固定，输出 %1 仍是动态的：%2。ATC 按固定形状编译；这样的输出需要算子和 SoC 支持动态形状（Ascend310/310B 不支持），并且常常编译失败。</translation>
    </message>
    <message>
        <source>their size depends on input values</source>
        <translation>它们的尺寸取决于输入的值</translation>
    </message>
    <message>
        <source> (and %1 more such node(s))</source>
        <translation>（另有 %1 个这样的节点）</translation>
    </message>
    <message>
        <source>dim %1 = %2 (%3)</source>
        <translation>第 %1 维 = %2（%3）</translation>
    </message>
    <message>
        <source> The model suggests %1.</source>
        <translation>模型建议 %1。</translation>
    </message>
    <message>
        <source>The ATC pre-check report is not a check_result.json object with an &quot;op&quot; list%1.</source>
        <translation>ATC 预检报告不是带有 &quot;op&quot; 列表的 check_result.json 对象%1。</translation>
    </message>
    <message>
        <source>ATC has no parser for %1 at opset %2: re-export with an opset ATC registers for %1, replace the operator, or cut it out with %3.</source>
        <translation>ATC 没有 opset %2 下 %1 的解析器：请用 ATC 为 %1 注册的 opset 重新导出、替换该算子，或用 %3 把它切掉。</translation>
    </message>
    <message>
        <source>Replace the operator or cut it out with %1.</source>
        <translation>替换该算子，或用 %1 把它切掉。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check rejected node %1 (%2): %3</source>
        <translation>ATC 预检拒绝了节点 %1（%2）：%3</translation>
    </message>
    <message>
        <source>no reason given.</source>
        <translation>未给出原因。</translation>
    </message>
    <message>
        <source>*Extract Sub-model* on the Shapes page</source>
        <translation>“形状”页的 *提取子模型*</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check failed without naming an operator.</source>
        <translation>ATC 预检失败，但没有指出是哪个算子。</translation>
    </message>
    <message>
        <source>Read ATC&apos;s console output and log for the reason.</source>
        <translation>请查看 ATC 的控制台输出和日志了解原因。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check passed all %1 operators.</source>
        <translation>ATC 预检通过了全部 %1 个算子。</translation>
    </message>
    <message>
        <source> ATC&apos;s pre-check confirms this.</source>
        <translation>ATC 预检确认了这一点。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check was not run: no ATC was found (looked in: %1).</source>
        <translation>未运行 ATC 预检：没有找到 ATC（查找过：%1）。</translation>
    </message>
    <message>
        <source>nowhere yet</source>
        <translation>尚未查找</translation>
    </message>
    <message>
        <source>no ATC toolkit</source>
        <translation>没有 ATC 工具包</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check was not run: cannot create a scratch folder in %1: %2.</source>
        <translation>未运行 ATC 预检：无法在 %1 中创建临时文件夹：%2。</translation>
    </message>
    <message>
        <source>Free some space in %1 or point TMPDIR at a writable folder.</source>
        <translation>请释放 %1 中的空间，或把 TMPDIR 指向一个可写的文件夹。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check report %1 cannot be read: %2.</source>
        <translation>无法读取 ATC 预检报告 %1：%2。</translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation>文件太大</translation>
    </message>
    <message>
        <source>Run the command shown in the log by hand and read check_result.json.</source>
        <translation>请手动运行日志中显示的命令，并查看 check_result.json。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check passed every operator, but ATC failed afterwards: %1</source>
        <translation>ATC 预检通过了所有算子，但 ATC 随后失败：%1</translation>
    </message>
    <message>
        <source>Fix what ATC reports; the checks above may name the flag.</source>
        <translation>请修正 ATC 报告的问题；上面的检查可能指出了相关选项。</translation>
    </message>
    <message>
        <source>This ATC writes a report this app cannot read; read ATC&apos;s console output instead.</source>
        <translation>此 ATC 写出的报告本应用无法读取；请改为查看 ATC 的控制台输出。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check did not finish: %1</source>
        <translation>ATC 预检未完成：%1</translation>
    </message>
    <message>
        <source>Run the pre-check again; pre-checking a large model can take minutes.</source>
        <translation>请再次运行预检；预检大模型可能需要几分钟。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check was not run: %1</source>
        <translation>未运行 ATC 预检：%1</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check ended without writing %1.</source>
        <translation>ATC 预检结束，但没有写出 %1。</translation>
    </message>
    <message>
        <source>This ATC may not support --mode=3 with --check_report; convert and read ATC&apos;s errors, or update CANN.</source>
        <translation>此 ATC 可能不支持 --mode=3 与 --check_report 一起使用；请直接转换并查看 ATC 的错误，或升级 CANN。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check failed before writing %1: %2</source>
        <translation>ATC 预检在写出 %1 之前失败：%2</translation>
    </message>
    <message>
        <source>Fix what ATC reports, or read its log (--log=error) for the reason.</source>
        <translation>请修正 ATC 报告的问题，或查看其日志（--log=error）了解原因。</translation>
    </message>
    <message>
        <source>ATC&apos;s pre-check was interrupted.</source>
        <translation>ATC 预检被中断。</translation>
    </message>
    <message>
        <source>Run it again.</source>
        <translation>请再运行一次。</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 个节点</translation>
    </message>
    <message>
        <source>%1 nodes</source>
        <translation>%1 个节点</translation>
    </message>
    <message>
        <source>ATC&apos;s ONNX parser plugins</source>
        <translation>ATC 的 ONNX 解析器插件</translation>
    </message>
    <message>
        <source>CANN %1</source>
        <translation>CANN %1</translation>
    </message>
    <message>
        <source>The model has %1 opset_import entries for the default ONNX domain; ATC&apos;s parser accepts only one and stops with E16005 (&quot;The model has [%1] [--domain_version] fields, but only one is allowed&quot;).</source>
        <translation>模型为默认 ONNX 域声明了 %1 个 opset_import 条目；ATC 的解析器只接受一个，并以 E16005 停止（&quot;The model has [%1] [--domain_version] fields, but only one is allowed&quot;）。</translation>
    </message>
    <message>
        <source>Keep a single ai.onnx entry in opset_import (re-export, or edit model.opset_import with the onnx Python API).</source>
        <translation>在 opset_import 中只保留一个 ai.onnx 条目（重新导出，或用 onnx Python API 编辑 model.opset_import）。</translation>
    </message>
    <message>
        <source>Besides ai.onnx the model imports %1. Older ATC ONNX parsers accept only one opset domain and stop with E16005%2.</source>
        <translation>除 ai.onnx 外，模型还导入了 %1。较旧的 ATC ONNX 解析器只接受一个 opset 域，并以 E16005 停止%2。</translation>
    </message>
    <message>
        <source> (this toolkit is CANN %1)</source>
        <translation>（此工具包为 CANN %1）</translation>
    </message>
    <message>
        <source>; newer ones map domains per node</source>
        <translation>；较新的解析器按节点映射域</translation>
    </message>
    <message>
        <source>Drop the extra opset_import entries the graph does not need (tf2onnx adds ai.onnx.ml), or replace the nodes of that domain with standard ONNX operators.</source>
        <translation>删除计算图不需要的多余 opset_import 条目（tf2onnx 会添加 ai.onnx.ml），或用标准 ONNX 算子替换该域的节点。</translation>
    </message>
    <message>
        <source>The model imports ai.onnx opset %1, but %2 %3 opset %4-%5: ATC looks every node up as ai.onnx::%1::&lt;Op&gt;, finds no parser and stops with E19010.</source>
        <translation>模型导入的是 ai.onnx opset %1，但 %2 %3 opset %4-%5：ATC 以 ai.onnx::%1::&lt;Op&gt; 查找每个节点，找不到解析器，并以 E19010 停止。</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>accepts</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Re-export with opset %1 or lower (torch.onnx.export(..., opset_version=%1)), or convert the file with onnx.version_converter.convert_version(model, %1).</source>
        <translation>用 opset %1 或更低版本重新导出（torch.onnx.export(..., opset_version=%1)），或用 onnx.version_converter.convert_version(model, %1) 转换该文件。</translation>
    </message>
    <message>
        <source>ATC has no ONNX parser for operator %1 (%2)%3, so conversion stops with E19010 (&quot;No parser is registered for Op&quot;).</source>
        <translation>ATC 没有算子 %1（%2）的 ONNX 解析器%3，因此转换会以 E19010 停止（&quot;No parser is registered for Op&quot;）。</translation>
    </message>
    <message>
        <source>: it is not among the %1 operators with an ATC plugin</source>
        <translation>：它不在有 ATC 插件的 %1 个算子之中</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>Export the model so %1 is expressed with supported operators, or cut it out with %2 and run that part on the host.</source>
        <translation>导出模型时用受支持的算子表达 %1，或用 %2 把它切掉，并在主机上运行那部分。</translation>
    </message>
    <message>
        <source>ATC registers %1 only for opsets %2; this model imports ai.onnx opset %3, so ATC finds no parser for ai.onnx::%3::%1 (%4) and stops with E19010.</source>
        <translation>ATC 只为 opset %2 注册了 %1；此模型导入的是 ai.onnx opset %3，因此 ATC 找不到 ai.onnx::%3::%1 的解析器（%4），并以 E19010 停止。</translation>
    </message>
    <message>
        <source>Re-export the model with an opset that %1 is registered for (%2).</source>
        <translation>请用 %1 已注册的 opset（%2）重新导出模型。</translation>
    </message>
    <message>
        <source>Operator %1 (%2) is from a custom domain. ATC has no parser for it unless a custom operator package with an ONNX plugin for it is installed ($ASCEND_OPP_PATH/framework/custom or ASCEND_CUSTOM_OPP_PATH); otherwise conversion stops with E19010.</source>
        <translation>算子 %1（%2）来自自定义域。除非安装了带有其 ONNX 插件的自定义算子包（$ASCEND_OPP_PATH/framework/custom 或 ASCEND_CUSTOM_OPP_PATH），ATC 没有它的解析器；否则转换会以 E19010 停止。</translation>
    </message>
    <message>
        <source>Install the vendor&apos;s custom operator package, re-export with standard ONNX operators, or cut the node out with %1 and run it on the host.</source>
        <translation>安装厂商的自定义算子包、用标准 ONNX 算子重新导出，或用 %1 把该节点切掉并在主机上运行。</translation>
    </message>
    <message>
        <source>%1 (%2) is control flow: ATC parses it (opsets %3) and compiles every branch as a subgraph; a condition computed from input data stays a run-time branch, which often fails to compile or runs slowly on the NPU.</source>
        <translation>%1（%2）是控制流：ATC 能解析它（opset %3），并把每个分支编译为子图；由输入数据算出的条件仍是运行时分支，常常编译失败或在 NPU 上运行缓慢。</translation>
    </message>
    <message>
        <source>%1 (%2) is control flow ATC has no ONNX parser for (%3); conversion stops with E19010.</source>
        <translation>%1（%2）是 ATC 没有 ONNX 解析器的控制流（%3）；转换会以 E19010 停止。</translation>
    </message>
    <message>
        <source>If the condition is fixed for your deployment, export with that branch only (or fold it with onnx-simplifier) so ATC sees a plain graph.</source>
        <translation>如果在你的部署中条件是固定的，请只导出该分支（或用 onnx-simplifier 折叠它），让 ATC 看到一个普通的计算图。</translation>
    </message>
    <message>
        <source>Unroll the loop at export time (fixed trip count, traced export) or cut it out with %1 and run it on the host.</source>
        <translation>在导出时展开循环（固定迭代次数、追踪式导出），或用 %1 把它切掉并在主机上运行。</translation>
    </message>
    <message>
        <source>--%1 is missing: %2.</source>
        <translation>缺少 --%1：%2。</translation>
    </message>
    <message>
        <source>ATC needs the .onnx file to convert and stops with E10054</source>
        <translation>ATC 需要要转换的 .onnx 文件，否则以 E10054 停止</translation>
    </message>
    <message>
        <source>Choose the ONNX model.</source>
        <translation>请选择 ONNX 模型。</translation>
    </message>
    <message>
        <source>ATC compiles for one chip and stops with E10054 without it</source>
        <translation>ATC 针对一种芯片编译，缺少它会以 E10054 停止</translation>
    </message>
    <message>
        <source>Set the SoC of the device that will run the model: `npu-smi info` there shows the Name column (e.g. 310P3), prefix it with Ascend (Ascend310P3).</source>
        <translation>请设置将运行模型的设备的 SoC：在该设备上 `npu-smi info` 的 Name 列会显示它（例如 310P3），前面加上 Ascend（Ascend310P3）。</translation>
    </message>
    <message>
        <source>ATC needs the path of the .om to write (without the .om suffix) and stops with E10054</source>
        <translation>ATC 需要要写出的 .om 路径（不带 .om 后缀），否则以 E10054 停止</translation>
    </message>
    <message>
        <source>Set the output path, e.g. the model&apos;s path without .onnx.</source>
        <translation>请设置输出路径，例如去掉 .onnx 的模型路径。</translation>
    </message>
    <message>
        <source>modes 1 and 6 read the model given by --om (E10004)</source>
        <translation>模式 1 和 6 读取 --om 指定的模型（E10004）</translation>
    </message>
    <message>
        <source>Choose the .om (or, for mode 1, the .onnx) to display.</source>
        <translation>请选择要显示的 .om（模式 1 也可以是 .onnx）。</translation>
    </message>
    <message>
        <source>mode 1 writes the model as JSON to --json (E10004)</source>
        <translation>模式 1 把模型以 JSON 写到 --json（E10004）</translation>
    </message>
    <message>
        <source>Set where the JSON file goes.</source>
        <translation>请设置 JSON 文件的位置。</translation>
    </message>
    <message>
        <source>--%1 names %2, which is not a file; ATC cannot load it (E10041).</source>
        <translation>--%1 指定的 %2 不是文件；ATC 无法加载它（E10041）。</translation>
    </message>
    <message>
        <source>Choose an existing model file.</source>
        <translation>请选择一个已存在的模型文件。</translation>
    </message>
    <message>
        <source>The AIPP configuration file %1 (--insert_op_conf) does not exist; ATC stops with E10052.</source>
        <translation>AIPP 配置文件 %1（--insert_op_conf）不存在；ATC 会以 E10052 停止。</translation>
    </message>
    <message>
        <source>--%1 names %2, which does not exist; ATC stops (E10410).</source>
        <translation>--%1 指定的 %2 不存在；ATC 会停止（E10410）。</translation>
    </message>
    <message>
        <source>Choose an existing file for --%1, or clear the field.</source>
        <translation>请为 --%1 选择一个已存在的文件，或清空该字段。</translation>
    </message>
    <message>
        <source>--output=%1 is a folder; ATC needs a file name to which it appends .om (E10022).</source>
        <translation>--output=%1 是一个文件夹；ATC 需要一个文件名，并在其后加上 .om（E10022）。</translation>
    </message>
    <message>
        <source>Add a file name, e.g. %1/model.</source>
        <translation>请加上文件名，例如 %1/model。</translation>
    </message>
    <message>
        <source>--output=%1 ends in .om; ATC appends .om itself and writes %1.om.</source>
        <translation>--output=%1 以 .om 结尾；ATC 会自行加上 .om，写出 %1.om。</translation>
    </message>
    <message>
        <source>Drop the .om suffix: --output=%1.</source>
        <translation>请去掉 .om 后缀：--output=%1。</translation>
    </message>
    <message>
        <source>The folder %1 for --output does not exist yet; the conversion creates it when it starts.</source>
        <translation>--output 的文件夹 %1 尚不存在；转换开始时会创建它。</translation>
    </message>
    <message>
        <source>To run the command by hand, create it first: mkdir -p %1</source>
        <translation>如需手动运行该命令，请先创建它：mkdir -p %1</translation>
    </message>
    <message>
        <source>The folder %1 for --%2 %3; ATC cannot write there.</source>
        <translation>--%2 的文件夹 %1 %3；ATC 无法写入。</translation>
    </message>
    <message>
        <source>is not writable</source>
        <translation>不可写</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>Choose a folder that exists and that you can write to.</source>
        <translation>请选择一个已存在且你可写入的文件夹。</translation>
    </message>
    <message>
        <source>No ATC was found (looked in: %1), so the command uses plain `atc`, and SoC names, flags and opsets were checked against built-in data instead of an installed toolkit.</source>
        <translation>没有找到 ATC（查找过：%1），因此命令使用裸的 `atc`，SoC 名称、选项和 opset 是按内置数据而不是已安装的工具包检查的。</translation>
    </message>
    <message>
        <source>%1 is a nano SoC that ATC only accepts with --mode=30 (execute-om), which this app does not produce (E10055).</source>
        <translation>%1 是 nano SoC，ATC 只在 --mode=30（execute-om）下接受它，而本应用不生成这种模型（E10055）。</translation>
    </message>
    <message>
        <source>Pick the SoC of an Atlas inference or training device.</source>
        <translation>请选择 Atlas 推理或训练设备的 SoC。</translation>
    </message>
    <message>
        <source>--soc_version=%1 is not one of the %2 SoCs this toolkit has a platform config for (%3); ATC refuses it (E10001).</source>
        <translation>--soc_version=%1 不在此工具包有平台配置的 %2 个 SoC 之中（%3）；ATC 会拒绝它（E10001）。</translation>
    </message>
    <message>
        <source>--soc_version=%1 is not in the built-in SoC list (no toolkit to ask).</source>
        <translation>--soc_version=%1 不在内置 SoC 列表中（没有可查询的工具包）。</translation>
    </message>
    <message>
        <source>Use one of: %1.</source>
        <translation>请使用以下之一：%1。</translation>
    </message>
    <message>
        <source>SoC names are case-sensitive: use %1.</source>
        <translation>SoC 名称区分大小写：请使用 %1。</translation>
    </message>
    <message>
        <source>This ATC (%1) does not list --%2 in `atc --help`; it would stop with &quot;ERROR: unknown command line flag &apos;%2&apos;&quot;.</source>
        <translation>此 ATC（%1）的 `atc --help` 中没有 --%2；它会以 &quot;ERROR: unknown command line flag &apos;%2&apos;&quot; 停止。</translation>
    </message>
    <message>
        <source>Clear --%1, or use a toolkit that has it.</source>
        <translation>请清除 --%1，或使用支持它的工具包。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a flag name (letters, digits and &apos;_&apos;, without the leading --)</source>
        <translation>&apos;%1&apos; 不是选项名（只能含字母、数字和 &apos;_&apos;，不带前导 --）</translation>
    </message>
    <message>
        <source>--%1 has its own field; setting it here too would pass it twice</source>
        <translation>--%1 有自己的字段；在这里再设置会传两次</translation>
    </message>
    <message>
        <source>--%1 is given twice</source>
        <translation>--%1 给出了两次</translation>
    </message>
    <message>
        <source>Extra flag: %1.</source>
        <translation>额外选项：%1。</translation>
    </message>
    <message>
        <source>Fix the name, or use the flag&apos;s own field.</source>
        <translation>请修正名称，或使用该选项自己的字段。</translation>
    </message>
    <message>
        <source> NHWC is for TensorFlow models; ONNX inputs are NCHW.</source>
        <translation>NHWC 用于 TensorFlow 模型；ONNX 输入是 NCHW。</translation>
    </message>
    <message>
        <source>--%1=%2 is not a value ATC accepts for ONNX (%3).%4</source>
        <translation>--%1=%2 不是 ATC 对 ONNX 接受的值（%3）。%4</translation>
    </message>
    <message>
        <source>--output_type entry &apos;%1&apos; is not a type (%2) or node:index:TYPE (E10001).</source>
        <translation>--output_type 条目 &apos;%1&apos; 不是类型（%2），也不是 node:index:TYPE（E10001）。</translation>
    </message>
    <message>
        <source>Write e.g. FP16, or per output node1:0:FP16;node2:1:FP32.</source>
        <translation>请写成例如 FP16，或按输出写 node1:0:FP16;node2:1:FP32。</translation>
    </message>
    <message>
        <source>--precision_mode=%1 and --precision_mode_v2=%2 are both set; ATC refuses both at once (E10056).</source>
        <translation>--precision_mode=%1 和 --precision_mode_v2=%2 同时设置了；ATC 不接受两者同时出现（E10056）。</translation>
    </message>
    <message>
        <source>Keep one: --precision_mode_v2 is the recommended one on toolkits that have it.</source>
        <translation>请只保留一个：在支持它的工具包上推荐 --precision_mode_v2。</translation>
    </message>
    <message>
        <source>--modify_mixlist only applies with a mixed precision mode, but precision_mode is &apos;%1&apos; and precision_mode_v2 is &apos;%2&apos; (E10001).</source>
        <translation>--modify_mixlist 只在混合精度模式下生效，但 precision_mode 是 &apos;%1&apos;，precision_mode_v2 是 &apos;%2&apos;（E10001）。</translation>
    </message>
    <message>
        <source>Set --precision_mode=allow_mix_precision (or --precision_mode_v2=mixed_float16), or clear --modify_mixlist.</source>
        <translation>请设置 --precision_mode=allow_mix_precision（或 --precision_mode_v2=mixed_float16），或清除 --modify_mixlist。</translation>
    </message>
    <message>
        <source>--optypelist_for_implmode is set without --op_select_implmode; ATC requires both at the same time (E10001).</source>
        <translation>设置了 --optypelist_for_implmode 但没有 --op_select_implmode；ATC 要求两者同时设置（E10001）。</translation>
    </message>
    <message>
        <source>Set --op_select_implmode (e.g. high_precision) for the listed operator types, or clear the list.</source>
        <translation>请为列出的算子类型设置 --op_select_implmode（例如 high_precision），或清空该列表。</translation>
    </message>
    <message>
        <source>--input_hint_shape cannot be combined with --dynamic_batch_size, --dynamic_image_size or --dynamic_dims (E10001).</source>
        <translation>--input_hint_shape 不能与 --dynamic_batch_size、--dynamic_image_size 或 --dynamic_dims 一起使用（E10001）。</translation>
    </message>
    <message>
        <source>Clear --input_hint_shape, or drop the profiles.</source>
        <translation>请清除 --input_hint_shape，或去掉档位。</translation>
    </message>
    <message>
        <source>--%1 has %2 value(s) but --%3 lists %4; ATC needs one true/false per entry (E10001).</source>
        <translation>--%1 有 %2 个值，但 --%3 列出了 %4 个；ATC 需要每个条目一个 true/false（E10001）。</translation>
    </message>
    <message>
        <source>Give exactly one true or false per --%1 entry.</source>
        <translation>请为每个 --%1 条目正好给一个 true 或 false。</translation>
    </message>
    <message>
        <source>Write node:index entries separated by &apos;;&apos;, e.g. conv1:0;fc:0.</source>
        <translation>请写成以 &apos;;&apos; 分隔的 node:index 条目，例如 conv1:0;fc:0。</translation>
    </message>
    <message>
        <source>--out_nodes entry &apos;%1&apos; has no &apos;:index&apos;; ATC&apos;s syntax is node:index.</source>
        <translation>--out_nodes 条目 &apos;%1&apos; 没有 &apos;:index&apos;；ATC 的语法是 node:index。</translation>
    </message>
    <message>
        <source>Write %1:0 for the node&apos;s first output.</source>
        <translation>节点的第一个输出请写 %1:0。</translation>
    </message>
    <message>
        <source>--out_nodes: node &apos;%1&apos; has %2 output(s), so index %3 does not exist (E11017).</source>
        <translation>--out_nodes：节点 &apos;%1&apos; 有 %2 个输出，因此索引 %3 不存在（E11017）。</translation>
    </message>
    <message>
        <source>--out_nodes: the main graph has no node named &apos;%1&apos;; ATC stops with E11017 (&quot;Failed to find node&quot;).</source>
        <translation>--out_nodes：主图中没有名为 &apos;%1&apos; 的节点；ATC 会以 E11017 停止（&quot;Failed to find node&quot;）。</translation>
    </message>
    <message>
        <source>Use node names of the main graph: pick them on the Graph page with *Use as out node*.</source>
        <translation>请使用主图的节点名称：在“计算图”页用 *用作输出节点* 选择它们。</translation>
    </message>
    <message>
        <source>--input_fp16_nodes names &apos;%1&apos;, which is not an input of the model (E10016).</source>
        <translation>--input_fp16_nodes 指定的 &apos;%1&apos; 不是模型的输入（E10016）。</translation>
    </message>
    <message>
        <source>Use input names: %1.</source>
        <translation>请使用输入名称：%1。</translation>
    </message>
    <message>
        <source>--%1 names &apos;%2&apos;, but the model has no input of that name; ATC stops with E10016.</source>
        <translation>--%1 指定了 &apos;%2&apos;，但模型没有这个名称的输入；ATC 会以 E10016 停止。</translation>
    </message>
    <message>
        <source>Use the model&apos;s input names: %1.</source>
        <translation>请使用模型的输入名称：%1。</translation>
    </message>
    <message>
        <source>--input_shape gives &apos;%1&apos; %2 dimension(s), but the model&apos;s input is %3 (rank %4).</source>
        <translation>--input_shape 为 &apos;%1&apos; 给出了 %2 个维度，但模型的输入是 %3（秩 %4）。</translation>
    </message>
    <message>
        <source>Give one size per dimension, e.g. %1.</source>
        <translation>请为每个维度给一个尺寸，例如 %1。</translation>
    </message>
    <message>
        <source>--input_shape sets dimension %1 of &apos;%2&apos; to %3, but the model fixes it to %4; the weights were exported for %4, so ATC or the run will likely fail.</source>
        <translation>--input_shape 把 &apos;%2&apos; 的第 %1 维设为 %3，但模型把它固定为 %4；权重是按 %4 导出的，因此 ATC 或推理很可能失败。</translation>
    </message>
    <message>
        <source>Use %1 for that dimension.</source>
        <translation>该维度请使用 %1。</translation>
    </message>
    <message>
        <source>%1 (dim %2)</source>
        <translation>%1（第 %2 维）</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; %2 needs a size for dynamic dimension(s) %3 in --input_shape; ATC stops with E10001 (&quot;maybe you should set input_shape to specify its shape&quot;).</source>
        <translation>输入 &apos;%1&apos; %2 需要在 --input_shape 中为动态维度 %3 给出尺寸；否则 ATC 会以 E10001 停止（&quot;maybe you should set input_shape to specify its shape&quot;）。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; has an unknown rank and is not in --input_shape; ATC cannot size it (E10001).</source>
        <translation>输入 &apos;%1&apos; 的秩未知，且不在 --input_shape 中；ATC 无法确定它的尺寸（E10001）。</translation>
    </message>
    <message>
        <source>Add it to --input_shape, e.g. %1%2.</source>
        <translation>请把它加入 --input_shape，例如 %1%2。</translation>
    </message>
    <message>
        <source> (or -1 for the batch with --dynamic_batch_size=1,2,4,8)</source>
        <translation>（或配合 --dynamic_batch_size=1,2,4,8 把 batch 写成 -1）</translation>
    </message>
    <message>
        <source>--input_shape has -1/-2 or ranges (%1) and no profile flag, so ATC builds a dynamic-shape model%2.</source>
        <translation>--input_shape 含有 -1/-2 或范围（%1），且没有档位选项，因此 ATC 会构建动态形状模型%2。</translation>
    </message>
    <message>
        <source>, which %1 does not support</source>
        <translation>，而 %1 不支持它</translation>
    </message>
    <message>
        <source>; it runs slower than a static one and is not supported on Ascend310 or Ascend310B SoCs</source>
        <translation>；它比静态模型运行得慢，且 Ascend310 和 Ascend310B SoC 不支持</translation>
    </message>
    <message>
        <source>Fix the sizes, or list the sizes you need with --dynamic_batch_size / --dynamic_dims.</source>
        <translation>请固定尺寸，或用 --dynamic_batch_size / --dynamic_dims 列出需要的尺寸。</translation>
    </message>
    <message>
        <source>%1 are set together; ATC takes only one of --dynamic_batch_size, --dynamic_image_size, --dynamic_dims and --input_shape_range (E10009).</source>
        <translation>%1 同时设置了；ATC 在 --dynamic_batch_size、--dynamic_image_size、--dynamic_dims 和 --input_shape_range 中只接受一个（E10009）。</translation>
    </message>
    <message>
        <source>Keep one kind of dynamic input and clear the others.</source>
        <translation>请只保留一种动态输入，清除其他的。</translation>
    </message>
    <message>
        <source>--input_shape_range is deprecated in current ATC (it prints a warning).</source>
        <translation>当前 ATC 已弃用 --input_shape_range（它会打印警告）。</translation>
    </message>
    <message>
        <source>--input_shape_range is deprecated, and with --input_shape also set ATC lets input_shape_range override it.</source>
        <translation>--input_shape_range 已弃用，而且同时设置 --input_shape 时，ATC 会让 input_shape_range 覆盖它。</translation>
    </message>
    <message>
        <source>Write the ranges in --input_shape instead, e.g. input:1~8,3,224,224.</source>
        <translation>请改为在 --input_shape 中写范围，例如 input:1~8,3,224,224。</translation>
    </message>
    <message>
        <source>Write name:[dims] entries separated by &apos;;&apos; (dims: size, -1 or lo~hi).</source>
        <translation>请写成以 &apos;;&apos; 分隔的 name:[dims] 条目（dims：尺寸、-1 或 lo~hi）。</translation>
    </message>
    <message>
        <source>--%1 has %2 profile(s); ATC needs %3 to %4 (%5).</source>
        <translation>--%1 有 %2 个档位；ATC 需要 %3 到 %4 个（%5）。</translation>
    </message>
    <message>
        <source>Give at least two profiles; for a single shape, put it in --input_shape and drop --%1.</source>
        <translation>请至少给出两个档位；只有一个形状时，把它写进 --input_shape 并去掉 --%1。</translation>
    </message>
    <message>
        <source>Keep at most 100 profiles (compile time grows with each one).</source>
        <translation>最多保留 100 个档位（每多一个，编译时间都会增加）。</translation>
    </message>
    <message>
        <source>--%1 lists profile %2 more than once (E10039).</source>
        <translation>--%1 多次列出了档位 %2（E10039）。</translation>
    </message>
    <message>
        <source>Remove the repeated profile.</source>
        <translation>请删除重复的档位。</translation>
    </message>
    <message>
        <source>--dynamic_batch_size has batch %1; %2.</source>
        <translation>--dynamic_batch_size 含有 batch %1；%2。</translation>
    </message>
    <message>
        <source>a batch must be at least 1 (E10038)</source>
        <translation>batch 至少为 1（E10038）</translation>
    </message>
    <message>
        <source>ATC&apos;s documentation supports 1 to 2048</source>
        <translation>ATC 文档支持 1 到 2048</translation>
    </message>
    <message>
        <source>Use batch sizes from 1 to 2048.</source>
        <translation>请使用 1 到 2048 的 batch 大小。</translation>
    </message>
    <message>
        <source>--dynamic_batch_size needs -1 as the first (batch) dimension of at least one input in --input_shape, and there is none (E10031).</source>
        <translation>--dynamic_batch_size 要求 --input_shape 中至少有一个输入的第一（batch）维为 -1，但一个也没有（E10031）。</translation>
    </message>
    <message>
        <source>With --dynamic_batch_size only the first dimension may be -1, but %1 has -1 elsewhere (E10018).</source>
        <translation>使用 --dynamic_batch_size 时只有第一维可以是 -1，但 %1 在其他位置有 -1（E10018）。</translation>
    </message>
    <message>
        <source>Write the batch as -1 and every other dimension as a size, e.g. input:-1,3,224,224.</source>
        <translation>请把 batch 写成 -1，其他每一维写成尺寸，例如 input:-1,3,224,224。</translation>
    </message>
    <message>
        <source>--dynamic_image_size needs NCHW (or, for TensorFlow, NHWC) inputs, but --input_format is %1 (E10001).</source>
        <translation>--dynamic_image_size 需要 NCHW（TensorFlow 为 NHWC）输入，但 --input_format 是 %1（E10001）。</translation>
    </message>
    <message>
        <source>Set --input_format=NCHW, or use --dynamic_dims with --input_format=ND.</source>
        <translation>请设置 --input_format=NCHW，或使用 --dynamic_dims 配合 --input_format=ND。</translation>
    </message>
    <message>
        <source>--dynamic_image_size needs an input with -1 as height and width in --input_shape, and there is none (E10019).</source>
        <translation>--dynamic_image_size 要求 --input_shape 中有一个输入的高和宽为 -1，但一个也没有（E10019）。</translation>
    </message>
    <message>
        <source>With --dynamic_image_size only height and width of a 4-D %1 input may be -1, but %2 differs (E10019).</source>
        <translation>使用 --dynamic_image_size 时，只有 4 维 %1 输入的高和宽可以是 -1，但 %2 不符合（E10019）。</translation>
    </message>
    <message>
        <source>Write e.g. input:1,3,-1,-1 (%1).</source>
        <translation>请写成例如 input:1,3,-1,-1（%1）。</translation>
    </message>
    <message>
        <source>--dynamic_dims needs -1 dimensions in --input_shape, and there are none (E10001).</source>
        <translation>--dynamic_dims 要求 --input_shape 中有 -1 维度，但一个也没有（E10001）。</translation>
    </message>
    <message>
        <source>--dynamic_dims profile %1 has %2 value(s), but --input_shape has %3 -1 dimension(s); each profile gives one value per -1, in order (E10045/E10046).</source>
        <translation>--dynamic_dims 档位 %1 有 %2 个值，但 --input_shape 有 %3 个 -1 维度；每个档位要按顺序为每个 -1 给一个值（E10045/E10046）。</translation>
    </message>
    <message>
        <source>Give exactly one value per -1 of --input_shape in every profile.</source>
        <translation>请在每个档位中为 --input_shape 的每个 -1 正好给一个值。</translation>
    </message>
    <message>
        <source>--dynamic_dims profile %1 has a 0; every value must be a positive size (E10001).</source>
        <translation>--dynamic_dims 档位 %1 含有 0；每个值都必须是正的尺寸（E10001）。</translation>
    </message>
    <message>
        <source>Use sizes of at least 1.</source>
        <translation>请使用至少为 1 的尺寸。</translation>
    </message>
    <message>
        <source>--dynamic_dims is meant for --input_format=ND, but it is %1.</source>
        <translation>--dynamic_dims 用于 --input_format=ND，但当前是 %1。</translation>
    </message>
    <message>
        <source>unset (NCHW)</source>
        <translation>未设置（NCHW）</translation>
    </message>
    <message>
        <source>Set --input_format=ND.</source>
        <translation>请设置 --input_format=ND。</translation>
    </message>
    <message>
        <source>--dynamic_dims cannot be used with AIPP (--insert_op_conf): &quot;The dynamic dims function does not support AIPP&quot; (E10001).</source>
        <translation>--dynamic_dims 不能与 AIPP（--insert_op_conf）一起使用：&quot;The dynamic dims function does not support AIPP&quot;（E10001）。</translation>
    </message>
    <message>
        <source>Drop the AIPP file, or use --dynamic_batch_size / --dynamic_image_size.</source>
        <translation>请去掉 AIPP 文件，或使用 --dynamic_batch_size / --dynamic_image_size。</translation>
    </message>
    <message>
        <source>See the syntax: --dynamic_batch_size=1,2,4; --dynamic_image_size=224,224;448,448; --dynamic_dims=1,224;2,448.</source>
        <translation>语法示例：--dynamic_batch_size=1,2,4；--dynamic_image_size=224,224;448,448；--dynamic_dims=1,224;2,448。</translation>
    </message>
    <message>
        <source>--%1 needs --input_shape with -1 where the profiles apply; ATC stops with E10004 (&quot;Value for --input_shape is empty&quot;).</source>
        <translation>--%1 需要 --input_shape，并在档位适用的位置写 -1；否则 ATC 会以 E10004 停止（&quot;Value for --input_shape is empty&quot;）。</translation>
    </message>
    <message>
        <source>Set --input_shape, e.g. input:-1,3,224,224.</source>
        <translation>请设置 --input_shape，例如 input:-1,3,224,224。</translation>
    </message>
    <message>
        <source>--input_shape entry %1 uses %2, which profiles do not allow: with --%3 only -1 marks a dynamic dimension (E10040).</source>
        <translation>--input_shape 条目 %1 使用了 %2，而档位不允许这样：使用 --%3 时只有 -1 表示动态维度（E10040）。</translation>
    </message>
    <message>
        <source>Write -1 instead of the range.</source>
        <translation>请用 -1 代替范围。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; is a scalar; with --%2 every scalar input must be listed in --input_shape as &apos;%1:&apos;.</source>
        <translation>输入 &apos;%1&apos; 是标量；使用 --%2 时，每个标量输入都必须以 &apos;%1:&apos; 的形式列在 --input_shape 中。</translation>
    </message>
    <message>
        <source>Add %1: to --input_shape.</source>
        <translation>请把 %1: 加入 --input_shape。</translation>
    </message>
    <message>
        <source>Write name:d0,d1,... per input, separated by &apos;;&apos; (a scalar as name:).</source>
        <translation>每个输入写成 name:d0,d1,...，以 &apos;;&apos; 分隔（标量写成 name:）。</translation>
    </message>
</context>
<context>
    <name>AtcErrorCatalogue</name>
    <message>
        <source>Read the Reason and fix that option on the Convert page. &apos;Value [-1] ... maybe you should set input_shape&apos; means an input is still dynamic: give it a static shape on the Shapes page.</source>
        <translation>阅读 Reason 部分，并在“转换”页修正该选项。“Value [-1] ... maybe you should set input_shape”表示某个输入仍是动态的：请在“形状”页为它指定静态形状。</translation>
    </message>
    <message>
        <source>Fix the static shape on the Shapes page; the --input_shape line there is always valid ATC syntax.</source>
        <translation>在“形状”页修正静态形状；那里给出的 --input_shape 一行始终是合法的 ATC 语法。</translation>
    </message>
    <message>
        <source>Edit the *Profiles* on the Convert page: digits and commas only, one value per -1 dimension.</source>
        <translation>在“转换”页编辑 *档位*：只能用数字和逗号，每个 -1 维度对应一个值。</translation>
    </message>
    <message>
        <source>Fill in the option on the Convert page; dynamic profiles also need the input shapes from the Shapes page.</source>
        <translation>在“转换”页填写该选项；动态档位还需要“形状”页中的输入形状。</translation>
    </message>
    <message>
        <source>Pick one of the offered values for that option on the Convert page.</source>
        <translation>在“转换”页为该选项选择一个给出的值。</translation>
    </message>
    <message>
        <source>Run the conversion with *Run ATC* on the Convert page, which always passes --framework=5; a bare `atc` call prints this too.</source>
        <translation>用“转换”页的 *运行 ATC* 进行转换，它总会传入 --framework=5；直接调用 `atc` 也会出现此信息。</translation>
    </message>
    <message>
        <source>Not relevant for ONNX: make sure --framework=5 is set (*Run ATC* on the Convert page does this).</source>
        <translation>与 ONNX 无关：请确认已设置 --framework=5（“转换”页的 *运行 ATC* 会自动设置）。</translation>
    </message>
    <message>
        <source>Choose a single kind of *Profiles* on the Convert page.</source>
        <translation>在“转换”页的 *档位* 中只选择一种类型。</translation>
    </message>
    <message>
        <source>Pick a *Log level* from the list on the Convert page.</source>
        <translation>在“转换”页从列表中选择 *日志级别*。</translation>
    </message>
    <message>
        <source>Give every input a static shape on the Shapes page, or add dynamic *Profiles* on the Convert page.</source>
        <translation>在“形状”页为每个输入指定静态形状，或在“转换”页添加动态 *档位*。</translation>
    </message>
    <message>
        <source>On the Shapes page put -1 only where the chosen dynamic mode allows it (batch: first dim; image size: H and W).</source>
        <translation>在“形状”页只在所选动态模式允许的位置使用 -1（batch：第一维；图像尺寸：H 和 W）。</translation>
    </message>
    <message>
        <source>Check the option on the Convert page against the range shown in its tooltip.</source>
        <translation>在“转换”页对照该选项提示中给出的范围检查它的值。</translation>
    </message>
    <message>
        <source>Use the exact input names from the Model page (the Shapes page fills --input_shape with them).</source>
        <translation>使用“模型”页中的确切输入名称（“形状”页会用这些名称填写 --input_shape）。</translation>
    </message>
    <message>
        <source>Enter the image-size *Profiles* on the Convert page as h,w pairs.</source>
        <translation>在“转换”页以 h,w 对的形式输入图像尺寸 *档位*。</translation>
    </message>
    <message>
        <source>Choose a shorter *Output folder* and *Output name* (without .om) on the Convert page.</source>
        <translation>在“转换”页选择更短的 *输出文件夹* 和 *输出名称*（不含 .om）。</translation>
    </message>
    <message>
        <source>Single-op mode is not used for ONNX conversion; remove --singleop from *Other flags* on the Convert page.</source>
        <translation>ONNX 转换不使用单算子模式；请从“转换”页的 *其他参数* 中删除 --singleop。</translation>
    </message>
    <message>
        <source>Fix the JSON file named in *Other flags* on the Convert page.</source>
        <translation>修正“转换”页 *其他参数* 中指定的 JSON 文件。</translation>
    </message>
    <message>
        <source>Remove the AIPP-connected input from --input_fp16_nodes in *Other flags* on the Convert page.</source>
        <translation>从“转换”页 *其他参数* 的 --input_fp16_nodes 中删除连接了 AIPP 的输入。</translation>
    </message>
    <message>
        <source>Give between 2 and 100 *Profiles* on the Convert page (or list sizes under *Batch variants* for one static OM each).</source>
        <translation>在“转换”页给出 2 到 100 个 *档位*（或在 *Batch 变体* 中列出尺寸，每个尺寸生成一个静态 OM）。</translation>
    </message>
    <message>
        <source>Use unique positive values of the same length in every one of the *Profiles* on the Convert page.</source>
        <translation>在“转换”页的每个 *档位* 中使用互不相同的正数，且长度一致。</translation>
    </message>
    <message>
        <source>Open the file on the Model page to see what is wrong with it; keep external-data files next to the .onnx.</source>
        <translation>在“模型”页打开该文件，查看它的问题；外部数据文件要放在 .onnx 旁边。</translation>
    </message>
    <message>
        <source>Free memory or add swap on the conversion host, then convert again.</source>
        <translation>在转换主机上释放内存或增加交换空间，然后重新转换。</translation>
    </message>
    <message>
        <source>Make the number of -1 dims on the Shapes page match the values per profile in *Profiles* on the Convert page.</source>
        <translation>让“形状”页中 -1 维度的个数与“转换”页 *档位* 中每个档位的值个数一致。</translation>
    </message>
    <message>
        <source>Clear one of the two options named in the message on the Convert page.</source>
        <translation>在“转换”页清除消息中提到的两个选项之一。</translation>
    </message>
    <message>
        <source>Use ranges (lo~hi) in the input shape on the Shapes page instead of the deprecated --input_shape_range.</source>
        <translation>在“形状”页的输入形状中使用范围（lo~hi），不要再用已弃用的 --input_shape_range。</translation>
    </message>
    <message>
        <source>Fix or remove the *AIPP file* on the Convert page.</source>
        <translation>在“转换”页修正或移除 *AIPP 文件*。</translation>
    </message>
    <message>
        <source>Fill in the *SoC version*, *Output folder* and *Output name* on the Convert page; when running the exported script keep the quotes around --input_shape.</source>
        <translation>在“转换”页填写 *SoC 版本*、*输出文件夹* 和 *输出名称*；运行导出的脚本时保留 --input_shape 两侧的引号。</translation>
    </message>
    <message>
        <source>Remove the option named in the Reason from the Convert page.</source>
        <translation>在“转换”页删除 Reason 中提到的选项。</translation>
    </message>
    <message>
        <source>Choose a single *Precision mode* on the Convert page and remove other precision flags from *Other flags*.</source>
        <translation>在“转换”页只选择一种 *精度模式*，并从 *其他参数* 中删除其他精度参数。</translation>
    </message>
    <message>
        <source>Set both options, or neither.</source>
        <translation>两个选项要么都设置，要么都不设置。</translation>
    </message>
    <message>
        <source>Read the message and the TraceBack lines; the plog under ~/ascend/log/debug/plog has the details.</source>
        <translation>阅读消息和 TraceBack 行；~/ascend/log/debug/plog 下的 plog 有详细信息。</translation>
    </message>
    <message>
        <source>Pick an existing file for that option on the Convert page.</source>
        <translation>在“转换”页为该选项选择一个存在的文件。</translation>
    </message>
    <message>
        <source>Set the toolkit in *Settings* (or source set_env.sh) so ASCEND_OPP_PATH points at the installed opp.</source>
        <translation>在 *设置* 中指定工具包（或 source set_env.sh），使 ASCEND_OPP_PATH 指向已安装的 opp。</translation>
    </message>
    <message>
        <source>Pick output nodes on the Graph page with *Use as out node*; they land in *Out nodes* on the Convert page.</source>
        <translation>在“计算图”页用 *用作输出节点* 选择输出节点；它们会出现在“转换”页的 *输出节点* 中。</translation>
    </message>
    <message>
        <source>Open the file on the Model page: it reports truncated or corrupt files and whether the ONNX checker accepts it.</source>
        <translation>在“模型”页打开该文件：它会报告文件是否被截断或损坏，以及 ONNX checker 是否接受它。</translation>
    </message>
    <message>
        <source>Replace the operator or install its plugin; the *Checks* on the Convert page list the ops ATC cannot parse.</source>
        <translation>替换该算子或安装它的插件；“转换”页的 *检查结果* 列出了 ATC 无法解析的算子。</translation>
    </message>
    <message>
        <source>Add --external_weight=1 to *Other flags* on the Convert page, or split the model with *Extract Sub-model* on the Shapes page.</source>
        <translation>在“转换”页的 *其他参数* 中加入 --external_weight=1，或用“形状”页的 *提取子模型* 拆分模型。</translation>
    </message>
    <message>
        <source>Check the attributes of the named node on the Graph page.</source>
        <translation>在“计算图”页检查所指节点的属性。</translation>
    </message>
    <message>
        <source>Check the model&apos;s inputs and outputs on the Model page.</source>
        <translation>在“模型”页检查模型的输入和输出。</translation>
    </message>
    <message>
        <source>Re-export the model with a lower opset (ATC supports up to opset 18) or replace the op; the *Checks* on the Convert page flag such ops.</source>
        <translation>用更低的 opset 重新导出模型（ATC 最高支持 opset 18），或替换该算子；“转换”页的 *检查结果* 会标出这类算子。</translation>
    </message>
    <message>
        <source>Re-export the model at an opset ATC registers the op for (18 or below in general, 11-13 for CANN 6); the *Checks* on the Convert page name the opsets per op and every node this affects.</source>
        <translation>用 ATC 为该算子注册的 opset 重新导出模型（一般为 18 及以下，CANN 6 为 11-13）；“转换”页的 *检查结果* 会给出每个算子的 opset 以及受影响的所有节点。</translation>
    </message>
    <message>
        <source>A lower opset will not help: replace the op with supported ONNX ops, install the plugin that parses it, or cut it out with *Extract Sub-model* on the Shapes page. The *Checks* on the Convert page list the nodes (and the opsets ATC registers a standard op for).</source>
        <translation>降低 opset 没有用：请用受支持的 ONNX 算子替换它，安装能解析它的插件，或用“形状”页的 *提取子模型* 把它切出去。“转换”页的 *检查结果* 列出了这些节点（以及 ATC 为标准算子注册的 opset）。</translation>
    </message>
    <message>
        <source>Open the file on the Model page to see what it contains; re-export the model.</source>
        <translation>在“模型”页打开该文件，查看其内容；然后重新导出模型。</translation>
    </message>
    <message>
        <source>Re-export with only the default ai.onnx opset (tf2onnx adds ai.onnx.ml); the Model page lists every opset domain.</source>
        <translation>只用默认的 ai.onnx opset 重新导出（tf2onnx 会加入 ai.onnx.ml）；“模型”页列出了所有 opset 域。</translation>
    </message>
    <message>
        <source>If the op&apos;s opset is above 18, re-export with opset 18 or below (11-13 for CANN 6); otherwise ATC does not know the op type: replace it or install its plugin. The *Checks* on the Convert page list the nodes.</source>
        <translation>如果该算子的 opset 高于 18，请用 opset 18 或更低版本重新导出（CANN 6 为 11-13）；否则是 ATC 不认识该算子类型：请替换它或安装它的插件。“转换”页的 *检查结果* 列出了这些节点。</translation>
    </message>
    <message>
        <source>Convert smaller static shapes (Shapes page) or fewer *Profiles*, or use a host with more memory.</source>
        <translation>转换更小的静态形状（“形状”页）或更少的 *档位*，或使用内存更大的主机。</translation>
    </message>
    <message>
        <source>Look at the TraceBack lines and the plog (~/ascend/log/debug/plog); re-run with *Log level* &apos;error&apos; on the Convert page.</source>
        <translation>查看 TraceBack 行和 plog（~/ascend/log/debug/plog）；在“转换”页把 *日志级别* 设为 error 后重新运行。</translation>
    </message>
    <message>
        <source>Try static shapes (Shapes page) or fewer *Profiles*; for a built-in op upgrade CANN; the node is marked on the Graph page.</source>
        <translation>尝试静态形状（“形状”页）或更少的 *档位*；内置算子请升级 CANN；该节点已在“计算图”页标出。</translation>
    </message>
    <message>
        <source>Fix the configuration file named in the message (*Other flags* or *AIPP file* on the Convert page).</source>
        <translation>修正消息中提到的配置文件（“转换”页的 *其他参数* 或 *AIPP 文件*）。</translation>
    </message>
    <message>
        <source>Put the CANN-supported Python first on PATH and set the toolkit in *Settings* / source set_env.sh.</source>
        <translation>把 CANN 支持的 Python 放在 PATH 最前面，并在 *设置* 中指定工具包 / source set_env.sh。</translation>
    </message>
    <message>
        <source>Set the toolkit in *Settings* (or source set_env.sh) and check the variable named in the message.</source>
        <translation>在 *设置* 中指定工具包（或 source set_env.sh），并检查消息中提到的环境变量。</translation>
    </message>
    <message>
        <source>pip3 install decorator sympy scipy psutil attrs &apos;numpy&lt;2&apos; into the python3 that ATC uses (the first on PATH), then set the toolkit in *Settings* / source set_env.sh.</source>
        <translation>把 decorator sympy scipy psutil attrs &apos;numpy&lt;2&apos; 用 pip3 安装到 ATC 使用的 python3（PATH 中的第一个）中，然后在 *设置* 中指定工具包 / source set_env.sh。</translation>
    </message>
    <message>
        <source>Try static shapes on the Shapes page; the failing node is marked on the Graph page.</source>
        <translation>在“形状”页尝试静态形状；失败的节点已在“计算图”页标出。</translation>
    </message>
    <message>
        <source>Try static shapes or another precision mode; otherwise report it with the plog.</source>
        <translation>尝试静态形状或其他精度模式；否则请附上 plog 报告问题。</translation>
    </message>
    <message>
        <source>For dynamic-shape models pass output sizes to the runner (msame --outputSize) or convert with static shapes (Shapes page).</source>
        <translation>对动态形状模型，请向运行程序传入输出大小（msame --outputSize），或用静态形状转换（“形状”页）。</translation>
    </message>
    <message>
        <source>Check the named node&apos;s shapes on the Shapes page and its attributes on the Graph page; static shapes often help.</source>
        <translation>在“形状”页检查所指节点的形状，在“计算图”页检查它的属性；静态形状通常有帮助。</translation>
    </message>
    <message>
        <source>Check that the *SoC version* on the Convert page is the chip that will run the model; otherwise replace the op.</source>
        <translation>确认“转换”页的 *SoC 版本* 就是将要运行模型的芯片；否则请替换该算子。</translation>
    </message>
    <message>
        <source>Install the ops package for the SoC (and point *Settings* at that toolkit) or replace/remove the op; the failing nodes are listed here.</source>
        <translation>安装该 SoC 的算子包（并让 *设置* 指向该工具包），或替换/移除该算子；失败的节点已在此列出。</translation>
    </message>
    <message>
        <source>Read the TraceBack lines and the plog under ~/ascend/log/debug/plog.</source>
        <translation>阅读 TraceBack 行和 ~/ascend/log/debug/plog 下的 plog。</translation>
    </message>
    <message>
        <source>Nothing to fix for the conversion; if latency matters, measure the OM on the Run page.</source>
        <translation>转换无需修改；如果关心时延，请在“推理”页测量该 OM。</translation>
    </message>
    <message>
        <source>Check the compression config file named in *Other flags* on the Convert page.</source>
        <translation>检查“转换”页 *其他参数* 中指定的压缩配置文件。</translation>
    </message>
    <message>
        <source>Check that the *SoC version* on the Convert page matches the target chip.</source>
        <translation>确认“转换”页的 *SoC 版本* 与目标芯片一致。</translation>
    </message>
    <message>
        <source>Check that the model and output paths exist and are readable; open the model on the Model page.</source>
        <translation>确认模型和输出路径存在且可读；在“模型”页打开该模型。</translation>
    </message>
    <message>
        <source>Check the options on the Convert page against the message.</source>
        <translation>对照消息检查“转换”页的选项。</translation>
    </message>
    <message>
        <source>Read the coded errors listed with it; the full log is in ~/ascend/log/debug/plog.</source>
        <translation>阅读与之一起列出的带错误码的错误；完整日志在 ~/ascend/log/debug/plog。</translation>
    </message>
    <message>
        <source>Check the Python environment ATC uses (set the toolkit in *Settings* / source set_env.sh).</source>
        <translation>检查 ATC 使用的 Python 环境（在 *设置* 中指定工具包 / source set_env.sh）。</translation>
    </message>
    <message>
        <source>Add swap or memory, or set TE_PARALLEL_COMPILER=1 and MAX_COMPILE_CORE_NUMBER=1 in the conversion environment; fewer dynamic profiles also help.</source>
        <translation>增加交换空间或内存，或在转换环境中设置 TE_PARALLEL_COMPILER=1 和 MAX_COMPILE_CORE_NUMBER=1；减少动态档位也有帮助。</translation>
    </message>
    <message>
        <source>Set the toolkit in *Settings* or source set_env.sh; on a host without driver add &lt;toolkit&gt;/&lt;arch&gt;-linux/devlib to LD_LIBRARY_PATH.</source>
        <translation>在 *设置* 中指定工具包或 source set_env.sh；在没有驱动的主机上，把 &lt;toolkit&gt;/&lt;arch&gt;-linux/devlib 加入 LD_LIBRARY_PATH。</translation>
    </message>
    <message>
        <source>Remove the flag from *Other flags* on the Convert page; `atc --help` lists what the installed version supports.</source>
        <translation>从“转换”页的 *其他参数* 中删除该参数；`atc --help` 会列出已安装版本支持的参数。</translation>
    </message>
    <message>
        <source>Give the option a value on the Convert page.</source>
        <translation>在“转换”页为该选项指定一个值。</translation>
    </message>
    <message>
        <source>Remove the stray argument; values with &apos;;&apos; or spaces need quotes in a shell.</source>
        <translation>删除多余的参数；在 shell 中，含 &apos;;&apos; 或空格的值需要加引号。</translation>
    </message>
    <message>
        <source>Put ranges (lo~hi) into the input shape on the Shapes page instead.</source>
        <translation>改为在“形状”页的输入形状中使用范围（lo~hi）。</translation>
    </message>
    <message>
        <source>Make the calibration data match the model input shape and dtype, or remove --compression_optimize_conf from *Other flags* on the Convert page.</source>
        <translation>让校准数据与模型输入的形状和数据类型一致，或从“转换”页的 *其他参数* 中删除 --compression_optimize_conf。</translation>
    </message>
</context>
<context>
    <name>AtcToolkit</name>
    <message>
        <source>Settings atc path %1</source>
        <translation>设置中的 atc 路径 %1</translation>
    </message>
    <message>
        <source>Settings toolkit folder %1</source>
        <translation>设置中的工具包文件夹 %1</translation>
    </message>
    <message>
        <source>Set the *atc program* or the *Toolkit folder* in *Settings*, or export ASCEND_TOOLKIT_HOME=&lt;toolkit folder&gt; (e.g. /usr/local/Ascend/ascend-toolkit/latest), or run `source /usr/local/Ascend/ascend-toolkit/set_env.sh` (CANN 8.5 and later: `source /usr/local/Ascend/cann/set_env.sh`) in the shell that starts ATC Workbench or atcwb.</source>
        <translation>在 *设置* 中设置 *atc 程序* 或 *工具包文件夹*，或者在启动 ATC Workbench 或 atcwb 的 shell 中 export ASCEND_TOOLKIT_HOME=&lt;工具包文件夹&gt;（例如 /usr/local/Ascend/ascend-toolkit/latest），或运行 `source /usr/local/Ascend/ascend-toolkit/set_env.sh`（CANN 8.5 及以后：`source /usr/local/Ascend/cann/set_env.sh`）。</translation>
    </message>
    <message>
        <source>No ATC found (looked in: %1). Using the built-in SoC list; flags are not probed.</source>
        <translation>没有找到 ATC（查找过：%1）。使用内置 SoC 列表；未探测选项。</translation>
    </message>
    <message>
        <source>CANN %1 at %2 (%3 SoCs, %4)</source>
        <translation>CANN %1，位于 %2（%3 个 SoC，%4）</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>（版本未知）</translation>
    </message>
    <message>
        <source>flags not probed</source>
        <translation>未探测选项</translation>
    </message>
    <message>
        <source>%1 flags</source>
        <translation>%1 个选项</translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>%1: tensor &apos;%2&apos; is produced by both node %3 and node %4.</source>
        <translation>%1：张量 &apos;%2&apos; 同时由节点 %3 和节点 %4 产生。</translation>
    </message>
    <message>
        <source>%1: node %2 reads tensor &apos;%3&apos;, which no node, input or initializer provides.</source>
        <translation>%1：节点 %2 读取的张量 &apos;%3&apos; 没有任何节点、输入或初始值提供。</translation>
    </message>
    <message>
        <source>%1: nodes are not in topological order (node %2 reads &apos;%3&apos; before node %4 produces it). ONNX Runtime runs such models, but the ONNX checker rejects them.</source>
        <translation>%1：节点没有按拓扑顺序排列（节点 %2 在节点 %4 产生 &apos;%3&apos; 之前就读取了它）。ONNX Runtime 能运行这样的模型，但 ONNX 检查器会拒绝它们。</translation>
    </message>
    <message>
        <source>%1: graph output &apos;%2&apos; is not produced by any node.</source>
        <translation>%1：图输出 &apos;%2&apos; 没有任何节点产生。</translation>
    </message>
    <message>
        <source>main graph</source>
        <translation>主图</translation>
    </message>
    <message>
        <source>Tensor &apos;%1&apos; is marked external but names no location.</source>
        <translation>张量 &apos;%1&apos; 标记为外部数据，但没有给出位置。</translation>
    </message>
    <message>
        <source>Tensor &apos;%1&apos; points outside the model&apos;s folder (&apos;%2&apos;); ONNX only allows paths relative to the model.</source>
        <translation>张量 &apos;%1&apos; 指向模型文件夹之外（&apos;%2&apos;）；ONNX 只允许相对于模型的路径。</translation>
    </message>
    <message>
        <source>Tensor &apos;%1&apos; keeps its data in &apos;%2&apos;, a symlink that leads outside the model&apos;s folder (to %3); ONNX only allows files inside it. Copy the weights file next to the model.</source>
        <translation>张量 &apos;%1&apos; 的数据在 &apos;%2&apos; 中，这是一个指向模型文件夹之外（%3）的符号链接；ONNX 只允许文件夹内的文件。请把权重文件复制到模型旁边。</translation>
    </message>
    <message>
        <source>Tensor &apos;%1&apos; keeps its data in &apos;%2&apos;, which is missing or unreadable. Copy the weights file next to the model.</source>
        <translation>张量 &apos;%1&apos; 的数据在 &apos;%2&apos; 中，但该文件缺失或无法读取。请把权重文件复制到模型旁边。</translation>
    </message>
    <message>
        <source>Tensor &apos;%1&apos; needs bytes %2..%3 of &apos;%4&apos;, but the file has only %5 bytes: the weights file is truncated or belongs to another export.</source>
        <translation>张量 &apos;%1&apos; 需要 &apos;%4&apos; 的第 %2..%3 字节，但该文件只有 %5 字节：权重文件被截断，或属于另一次导出。</translation>
    </message>
</context>
<context>
    <name>RunExplain</name>
    <message>
        <source>Node that failed: &apos;%1&apos;%2.</source>
        <translation>失败的节点：&apos;%1&apos;%2。</translation>
    </message>
    <message>
        <source>Input shapes used: %1.</source>
        <translation>使用的输入形状：%1。</translation>
    </message>
    <message>
        <source>The dynamic dims of %1 were not given and ran as 1, which is likely too small for this model: give the input shapes you deploy with.</source>
        <translation>%1 的动态维度没有给出，按 1 运行，这对此模型很可能太小：请给出部署时使用的输入形状。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; has dynamic dims %2; it ran as %3 (give an input shape to choose).</source>
        <translation>输入 &apos;%1&apos; 有动态维度 %2；它按 %3 运行（请给出输入形状来选择）。</translation>
    </message>
</context>
<context>
    <name>ShapeVerdict</name>
    <message>
        <source>keeps %1 of %2 nodes for ATC (outputs %3); %4 node(s) (%5)</source>
        <translation>为 ATC 保留 %2 个节点中的 %1 个（输出 %3）；%4 个节点（%5）</translation>
    </message>
    <message>
        <source> move to the host</source>
        <translation>移到主机</translation>
    </message>
    <message>
        <source> and output(s) %1 move to the host</source>
        <translation>以及输出 %1 移到主机</translation>
    </message>
    <message>
        <source>metadata %1 = %2</source>
        <translation>元数据 %1 = %2</translation>
    </message>
    <message>
        <source>Reshape &apos;%1&apos; to [%2]</source>
        <translation>Reshape &apos;%1&apos; 到 [%2]</translation>
    </message>
    <message>
        <source>Conv &apos;%1&apos; reads %2 channels</source>
        <translation>Conv &apos;%1&apos; 读取 %2 个通道</translation>
    </message>
    <message>
        <source>dim &apos;%1&apos; is %2 in input &apos;%3&apos;</source>
        <translation>维度 &apos;%1&apos; 在输入 &apos;%3&apos; 中为 %2</translation>
    </message>
    <message>
        <source>The model has no input named &apos;%1&apos;. Its inputs are: %2.</source>
        <translation>模型没有名为 &apos;%1&apos; 的输入。它的输入是：%2。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; is a %2, not a tensor; only tensor inputs take a shape.</source>
        <translation>输入 &apos;%1&apos; 是 %2，不是张量；只有张量输入可以指定形状。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos;: every dimension must be a fixed size to fix shapes (got %2).</source>
        <translation>输入 &apos;%1&apos;：固定形状时每个维度都必须是固定尺寸（得到的是 %2）。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; has %2 dimensions, but %3 were given (%4).</source>
        <translation>输入 &apos;%1&apos; 有 %2 个维度，但给出了 %3 个（%4）。</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等另外 %1 个</translation>
    </message>
    <message>
        <source>Node &apos;%1&apos; (%2) makes %3 data-dependent: its output size depends on the values of %4, not only on shapes.</source>
        <translation>节点 &apos;%1&apos;（%2）使 %3 依赖于数据：它的输出尺寸取决于 %4 的值，而不仅仅取决于形状。</translation>
    </message>
    <message>
        <source>what it reads</source>
        <translation>它读取的内容</translation>
    </message>
    <message>
        <source>Input too small for node &apos;%1&apos; (%2): %3. Give the inputs larger sizes; this is not a data-dependent shape.</source>
        <translation>输入对节点 &apos;%1&apos;（%2）来说太小：%3。请给输入更大的尺寸；这不是依赖数据的形状。</translation>
    </message>
    <message>
        <source>Node &apos;%1&apos; (%2) cannot run with these input shapes: %3.</source>
        <translation>节点 &apos;%1&apos;（%2）无法以这些输入形状运行：%3。</translation>
    </message>
    <message>
        <source>ONNX&apos;s shape function for node &apos;%1&apos; (%2) gives no static shape for %3 although every input is static, so the shape is unknown here; it is not known to be dynamic.</source>
        <translation>尽管每个输入都是静态的，ONNX 对节点 &apos;%1&apos;（%2）的形状函数仍没有给出 %3 的静态形状，因此这里形状未知；并不能认定它是动态的。</translation>
    </message>
    <message>
        <source>Node &apos;%1&apos; (%2) has no shape function here (%3), so the shape of %4 is unknown; it is not known to be dynamic.</source>
        <translation>节点 &apos;%1&apos;（%2）在这里没有形状函数（%3），因此 %4 的形状未知；并不能认定它是动态的。</translation>
    </message>
    <message>
        <source>ONNX shape inference failed on node &apos;%1&apos; (%2): %3. The shape of %4 is unknown.</source>
        <translation>ONNX 形状推断在节点 &apos;%1&apos;（%2）上失败：%3。%4 的形状未知。</translation>
    </message>
    <message>
        <source>Node &apos;%1&apos; (%2) computes %3 from constants and static shapes, but it was not folded here (%4), so its shape is unknown; ATC folds such nodes itself.</source>
        <translation>节点 &apos;%1&apos;（%2）由常量和静态形状计算出 %3，但这里没有折叠它（%4），因此形状未知；ATC 会自行折叠这样的节点。</translation>
    </message>
    <message>
        <source>its inputs were not all folded</source>
        <translation>它的输入没有全部折叠</translation>
    </message>
    <message>
        <source> %1 tensor(s) after it follow.</source>
        <translation>其后有 %1 个张量随之变化。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Filter by name…</source>
        <translation>按名称筛选…</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a log file.</source>
        <translation>%1 是文件夹，不是日志文件。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not a text log (it holds NUL bytes and no ATC output).</source>
        <translation>%1 不是文本日志（含有 NUL 字节且没有 ATC 输出）。</translation>
    </message>
    <message>
        <source>(ATC default)</source>
        <translation>（ATC 默认）</translation>
    </message>
    <message>
        <source>none declared</source>
        <translation>未声明</translation>
    </message>
    <message>
        <source>npu-smi was not found on PATH: this machine shows no NPU (install the Ascend driver, or run on a board).</source>
        <translation>在 PATH 中找不到 npu-smi：本机没有可见的 NPU（请安装昇腾驱动，或在开发板上运行）。</translation>
    </message>
    <message>
        <source>npu-smi info gave no device table: %1</source>
        <translation>npu-smi info 没有给出设备表：%1</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 不是普通文件。</translation>
    </message>
    <message>
        <source>%1 is %2; logs above %3 are not opened here: keep the end of it (e.g. `tail -n 200000`) and open that.</source>
        <translation>%1 大小为 %2；超过 %3 的日志不在此打开：请截取其末尾部分（例如 `tail -n 200000`）后再打开。</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>incomplete (no final status line)</source>
        <translation>未完成（没有最终状态行）</translation>
    </message>
    <message numerus="yes">
        <source> It holds %n ATC runs; the verdict is the last one&apos;s.</source>
        <translation>
            <numerusform>其中有 %n 次 ATC 运行；结论取最后一次。</numerusform>
        </translation>
    </message>
    <message>
        <source> No problem can be named; the most likely key line is line %1: “%2”.</source>
        <translation>无法指明具体问题；最可能的关键行是第 %1 行：“%2”。</translation>
    </message>
    <message>
        <source> Read as pasted text (took off %1).</source>
        <translation>按粘贴的文本读取（已去掉%1）。</translation>
    </message>
    <message>
        <source>Markdown fences</source>
        <translation>Markdown 代码围栏</translation>
    </message>
    <message>
        <source>chat prefixes</source>
        <translation>聊天前缀</translation>
    </message>
    <message>
        <source>quote markers</source>
        <translation>引用标记</translation>
    </message>
    <message>
        <source>the added indentation</source>
        <translation>额外的缩进</translation>
    </message>
    <message>
        <source>timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>wb::CompareDialog</name>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare Outputs</source>
        <translation>比较输出</translation>
    </message>
    <message>
        <source>Compare a run&apos;s outputs with the reference&apos;s, on the same inputs: ONNX Runtime&apos;s output_N.pb (Run page or `atcwb bench --output-dir`) against the OM&apos;s output_N.bin (om-runner, msame, ais_bench).</source>
        <translation>在相同输入下，把一次运行的输出与参考输出比较：ONNX Runtime 的 output_N.pb（“推理”页或 `atcwb bench --output-dir`）对比 OM 的 output_N.bin（om-runner、msame、ais_bench）。</translation>
    </message>
    <message>
        <source>Folder with output_0.pb, output_1.pb, …</source>
        <translation>含 output_0.pb、output_1.pb… 的文件夹</translation>
    </message>
    <message>
        <source>Folder with output_0.bin, … (or .pb)</source>
        <translation>含 output_0.bin… 的文件夹（或 .pb）</translation>
    </message>
    <message>
        <source>Reference outputs:</source>
        <translation>参考输出：</translation>
    </message>
    <message>
        <source>Reference Outputs</source>
        <translation>参考输出</translation>
    </message>
    <message>
        <source>Outputs to check:</source>
        <translation>待检查的输出：</translation>
    </message>
    <message>
        <source>Outputs to Check</source>
        <translation>待检查的输出</translation>
    </message>
    <message>
        <source>atol</source>
        <translation>atol</translation>
    </message>
    <message>
        <source>rtol</source>
        <translation>rtol</translation>
    </message>
    <message>
        <source>min cosine</source>
        <translation>最小余弦相似度</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>容差：</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>Max abs</source>
        <translation>最大绝对误差</translation>
    </message>
    <message>
        <source>Max rel</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <source>Mean abs</source>
        <translation>平均绝对误差</translation>
    </message>
    <message>
        <source>Out of tolerance</source>
        <translation>超出容差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Choose both folders (or files) first.</source>
        <translation>请先选择两个文件夹（或文件）。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>未通过</translation>
    </message>
    <message numerus="yes">
        <source>PASS: all %n output(s) within tolerance.</source>
        <translation>
            <numerusform>通过：全部 %n 个输出都在容差内。</numerusform>
        </translation>
    </message>
    <message>
        <source>FAIL: %1 of %2 output(s) passed; hover a row for the files and the reason.</source>
        <translation>未通过：%2 个输出中有 %1 个通过；将鼠标悬停在行上可查看文件和原因。</translation>
    </message>
    <message>
        <source>FAIL: %1 of %2 output(s) passed; hover a row for the files.</source>
        <translation>未通过：%2 个输出中 %1 个通过；将鼠标悬停在行上可查看文件。</translation>
    </message>
</context>
<context>
    <name>wb::ConversionPage</name>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open Log…</source>
        <translation>打开日志…</translation>
    </message>
    <message>
        <source>Read a saved ATC console log (a run on another machine, a CI job) and show its problems here and on the graph.</source>
        <translation>读取保存的 ATC 控制台日志（来自其他机器或 CI 任务），在此处和计算图上显示其中的问题。</translation>
    </message>
    <message>
        <source>OM</source>
        <translation>OM</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>&lt;b&gt;ATC log&lt;/b&gt;</source>
        <translation>&lt;b&gt;ATC 日志&lt;/b&gt;</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>All OMs produced in %1.</source>
        <translation>全部 OM 已生成，用时 %1。</translation>
    </message>
    <message>
        <source>Finished with failures after %1; see the problems below.</source>
        <translation>已结束（用时 %1），部分任务失败；请查看下方的问题。</translation>
    </message>
    <message>
        <source>Starting ATC…</source>
        <translation>正在启动 ATC…</translation>
    </message>
    <message>
        <source>Open ATC Log</source>
        <translation>打开 ATC 日志</translation>
    </message>
    <message>
        <source>Logs (*.log *.txt);;All files (*)</source>
        <translation>日志 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A conversion is running: cancel it or wait before opening a log.</source>
        <translation>正在转换：请先取消或等待其结束，再打开日志。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 (saved log)</source>
        <translation>%1（保存的日志）</translation>
    </message>
    <message>
        <source>Saved log %1: ATC %2, %3 error(s), %4 warning(s), %5 line(s) — read from the file, nothing was run.</source>
        <translation>保存的日志 %1：ATC %2，%3 个错误，%4 个警告，%5 行 —— 从文件读取，未运行任何程序。</translation>
    </message>
    <message numerus="yes">
        <source> The view keeps the last %n line(s).</source>
        <translation>
            <numerusform>视图只保留最后 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Converting — %1%2</source>
        <translation>正在转换 —— %1%2</translation>
    </message>
    <message>
        <source>, stage: %1</source>
        <translation>，阶段：%1</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>解决方法</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>建议操作</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>unchanged (not rebuilt)</source>
        <translation>未变化（未重新构建）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>日志：%1</translation>
    </message>
    <message>
        <source> in run %1</source>
        <translation>（第 %1 次运行）</translation>
    </message>
    <message>
        <source>%1 (saved log, run %2)</source>
        <translation>%1（保存的日志，第 %2 次运行）</translation>
    </message>
    <message>
        <source>ATC printed no error message%1; the most likely key line is line %2.</source>
        <translation>ATC 没有输出错误信息%1；最可能的关键行是第 %2 行。</translation>
    </message>
    <message>
        <source>No problem named</source>
        <translation>未指明问题</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Run This OM</source>
        <translation>推理此 OM</translation>
    </message>
    <message>
        <source>Open the Run page with this OM selected.</source>
        <translation>打开“推理”页并选中此 OM。</translation>
    </message>
    <message>
        <source>No conversion has run yet: press Run ATC on the Convert page, or open a saved ATC log.</source>
        <translation>尚未运行转换：请在“转换”页点击“运行 ATC”，或打开保存的 ATC 日志。</translation>
    </message>
    <message>
        <source>No conversion has run yet, and Run ATC on the Convert page is disabled: %1</source>
        <translation>尚未运行转换，“转换”页的“运行 ATC”目前不可用：%1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message numerus="yes">
        <source>Written (%n OM(s)): %1</source>
        <translation>
            <numerusform>已写入（%n 个 OM）：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Run the Last OM</source>
        <translation>推理最后一个 OM</translation>
    </message>
    <message>
        <source>Copy the OMs of this conversion into a folder with deploy.json, for om_dispatch and om-runner --bundle.</source>
        <translation>将本次转换的 OM 连同 deploy.json 复制到一个文件夹，供 om_dispatch 和 om-runner --bundle 使用。</translation>
    </message>
    <message>
        <source>Export Bundle To</source>
        <translation>导出部署包到</translation>
    </message>
    <message>
        <source>Export Bundle…</source>
        <translation>导出部署包…</translation>
    </message>
    <message>
        <source>Writing the bundle to %1…</source>
        <translation>正在将部署包写入 %1…</translation>
    </message>
</context>
<context>
    <name>wb::ConvertManyPage</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Retry Failed</source>
        <translation>重试失败的任务</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Open Report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Ascend310P3, Ascend310B1</source>
        <translation>Ascend310P3, Ascend310B1</translation>
    </message>
    <message>
        <source>1, 4, 8 (empty: the model&apos;s own batch)</source>
        <translation>1, 4, 8（留空：使用模型自身的 batch）</translation>
    </message>
    <message>
        <source>height=640 width=640 sequence_length=128</source>
        <translation>height=640 width=640 sequence_length=128</translation>
    </message>
    <message>
        <source>ATC processes at once. The free memory may allow fewer: each job is assumed to need 2 GiB plus 8 times its model&apos;s size (Settings: convertMany/memoryPerJobMiB).</source>
        <translation>同时运行的 ATC 进程数。空闲内存可能只允许更少：每个任务估计需要 2 GiB 加上模型大小的 8 倍（设置：convertMany/memoryPerJobMiB）。</translation>
    </message>
    <message>
        <source>SoCs:</source>
        <translation>SoC：</translation>
    </message>
    <message>
        <source>Batch sizes:</source>
        <translation>Batch 大小：</translation>
    </message>
    <message>
        <source>Dim values:</source>
        <translation>维度取值：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Template Recipe…</source>
        <translation>模板配方…</translation>
    </message>
    <message>
        <source>Other options:</source>
        <translation>其他选项：</translation>
    </message>
    <message>
        <source>Jobs at once:</source>
        <translation>同时运行的任务数：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Opsets</source>
        <translation>Opset</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Static shapes</source>
        <translation>静态形状</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Top problem and fix</source>
        <translation>首要问题及修复方法</translation>
    </message>
    <message>
        <source>Models and Jobs</source>
        <translation>模型与任务</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Drop .onnx files or a folder on the window, or use File &gt; Convert Many…. Each model is loaded and checked; Run converts every model for every SoC and batch size.</source>
        <translation>把 .onnx 文件或文件夹拖放到窗口上，或使用“文件 &gt; 批量转换…”。每个模型都会被加载并检查；“运行”会为每个 SoC 和每个 batch 大小转换每个模型。</translation>
    </message>
    <message>
        <source>Defaults (no template)</source>
        <translation>默认值（无模板）</translation>
    </message>
    <message>
        <source>From a recipe or the Convert page (%1 flags set)</source>
        <translation>来自配方或“转换”页（已设置 %1 个参数）</translation>
    </message>
    <message>
        <source>Batch sizes are whole numbers of at least 1 (not &apos;%1&apos;).</source>
        <translation>Batch 大小须为不小于 1 的整数（不能是“%1”）。</translation>
    </message>
    <message>
        <source>Dim values are NAME=VALUE with a VALUE of at least 1 (not &apos;%1&apos;).</source>
        <translation>维度取值的格式为 NAME=VALUE，VALUE 不小于 1（不能是“%1”）。</translation>
    </message>
    <message>
        <source>Give at least one SoC.</source>
        <translation>请至少填写一个 SoC。</translation>
    </message>
    <message>
        <source>A batch is running: cancel it first.</source>
        <translation>批量转换正在运行：请先取消。</translation>
    </message>
    <message>
        <source>No .onnx file found in %1.</source>
        <translation>在 %1 中未找到 .onnx 文件。</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>dynamic: %1</source>
        <translation>动态：%1</translation>
    </message>
    <message>
        <source>does not load</source>
        <translation>无法加载</translation>
    </message>
    <message>
        <source>needs a value</source>
        <translation>需要取值</translation>
    </message>
    <message>
        <source>%1 — double-click to give it for this model, or add it to Dim values.</source>
        <translation>%1 —— 双击为此模型单独指定，或将其加入“维度取值”。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ok, %n warning(s)</source>
        <translation>
            <numerusform>通过，%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <source> (ATC pre-check passed)</source>
        <translation>（ATC 预检通过）</translation>
    </message>
    <message>
        <source>static already</source>
        <translation>已是静态</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>No ATC found: set its path in Settings.</source>
        <translation>未找到 ATC：请在“设置”中指定其路径。</translation>
    </message>
    <message>
        <source>The models are still being checked.</source>
        <translation>模型仍在检查中。</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s), at most %1 at once.</source>
        <translation>
            <numerusform>%n 个任务，最多同时运行 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Fix: %2</source>
        <translation>%1 —— 修复：%2</translation>
    </message>
    <message>
        <source>%1/%2 converted</source>
        <translation>已转换 %1/%2</translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n 个运行中</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking models: %1 of %2…</source>
        <translation>正在检查模型：%1/%2…</translation>
    </message>
    <message>
        <source>%1 of %2 model(s) ready.</source>
        <translation>%2 个模型中有 %1 个就绪。</translation>
    </message>
    <message>
        <source>%1 of %2 jobs done: %3 converted, %4 up to date, %5 failed, %6 skipped.</source>
        <translation>%2 个任务中已完成 %1 个：转换 %3 个，无需更新 %4 个，失败 %5 个，跳过 %6 个。</translation>
    </message>
    <message>
        <source>Value for %1</source>
        <translation>%1 的取值</translation>
    </message>
    <message>
        <source>%1
Value for this model only:</source>
        <translation>%1
仅用于此模型的取值：</translation>
    </message>
    <message>
        <source>Template Recipe</source>
        <translation>模板配方</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>配方 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
</context>
<context>
    <name>wb::ConvertPage</name>
    <message>
        <source>Run ATC</source>
        <translation>运行 ATC</translation>
    </message>
    <message>
        <source>ATC Pre-check</source>
        <translation>ATC 预检</translation>
    </message>
    <message numerus="yes">
        <source>ATC pre-check running… (%n line(s) of output)</source>
        <translation>
            <numerusform>ATC 预检运行中…（已输出 %n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>--soc_version: the chip the OM will run on (npu-smi info shows it).</source>
        <translation>--soc_version：OM 将要运行的芯片（npu-smi info 可查看）。</translation>
    </message>
    <message>
        <source>SoC version:</source>
        <translation>SoC 版本：</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>--output without .om; ATC appends .om.</source>
        <translation>--output 不含 .om；ATC 会自动添加 .om。</translation>
    </message>
    <message>
        <source>Output name:</source>
        <translation>输出名称：</translation>
    </message>
    <message>
        <source>Input shapes:</source>
        <translation>输入形状：</translation>
    </message>
    <message>
        <source>e.g. 1,4,8: one static OM per batch size</source>
        <translation>例如 1,4,8：每个 batch 大小生成一个静态 OM</translation>
    </message>
    <message>
        <source>Batch variants:</source>
        <translation>Batch 变体：</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Dynamic shape profiles: set the dims to -1 in the input shapes, then list the sizes the OM must accept (2 to 100 profiles).</source>
        <translation>动态形状档位：先在输入形状中把相应维度设为 -1，再列出 OM 需要支持的尺寸（2 到 100 个档位）。</translation>
    </message>
    <message>
        <source>Profiles:</source>
        <translation>档位：</translation>
    </message>
    <message>
        <source>Input format:</source>
        <translation>输入格式：</translation>
    </message>
    <message>
        <source>Output type:</source>
        <translation>输出类型：</translation>
    </message>
    <message>
        <source>Precision mode:</source>
        <translation>精度模式：</translation>
    </message>
    <message>
        <source>node:0;node2:1 (select nodes in the Graph page)</source>
        <translation>node:0;node2:1（可在“计算图”页选择节点）</translation>
    </message>
    <message>
        <source>Out nodes:</source>
        <translation>输出节点：</translation>
    </message>
    <message>
        <source>AIPP Configuration</source>
        <translation>AIPP 配置</translation>
    </message>
    <message>
        <source>AIPP config (*.cfg);;All files (*)</source>
        <translation>AIPP 配置 (*.cfg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>AIPP file:</source>
        <translation>AIPP 文件：</translation>
    </message>
    <message>
        <source>Log level:</source>
        <translation>日志级别：</translation>
    </message>
    <message>
        <source>Other flags:</source>
        <translation>其他参数：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Checks&lt;/b&gt;</source>
        <translation>&lt;b&gt;检查结果&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Command&lt;/b&gt;</source>
        <translation>&lt;b&gt;命令&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export .sh…</source>
        <translation>导出 .sh…</translation>
    </message>
    <message>
        <source>(no model open)</source>
        <translation>（未打开模型）</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>The ATC pre-check ran for other options; run it again to see what ATC says about these.</source>
        <translation>ATC 预检是针对之前的选项运行的；请重新运行，查看 ATC 对当前选项的结论。</translation>
    </message>
    <message>
        <source>ATC pre-check running…</source>
        <translation>ATC 预检运行中…</translation>
    </message>
    <message>
        <source>ATC pre-check cancelled after %1 s.</source>
        <translation>ATC 预检在 %1 s 后被取消。</translation>
    </message>
    <message>
        <source>ATC pre-check gave no report (%1 s): see the checks above.</source>
        <translation>ATC 预检没有生成报告（%1 s）：请查看上方的检查结果。</translation>
    </message>
    <message numerus="yes">
        <source>ATC pre-check rejected %n operator(s) (%1 s); they are marked on the graph.</source>
        <translation>
            <numerusform>ATC 预检拒绝了 %n 个算子（%1 秒）；已在计算图上标出。</numerusform>
        </translation>
    </message>
    <message>
        <source>ATC pre-check failed (%1 s): see the checks above.</source>
        <translation>ATC 预检失败（%1 s）：请查看上方的检查结果。</translation>
    </message>
    <message>
        <source>ATC pre-check passed (%1 s).</source>
        <translation>ATC 预检通过（%1 s）。</translation>
    </message>
    <message>
        <source>Cancel Pre-check</source>
        <translation>取消预检</translation>
    </message>
    <message>
        <source>Stop ATC&apos;s pre-check.</source>
        <translation>停止 ATC 预检。</translation>
    </message>
    <message>
        <source>Run ATC&apos;s own pre-check (atc --mode=3) on these options and add what it reports to the checks.</source>
        <translation>用当前选项运行 ATC 自带的预检（atc --mode=3），并把结果加入检查列表。</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>请先打开模型。</translation>
    </message>
    <message>
        <source>Fix the errors above first: %1</source>
        <translation>请先修正上方的错误：%1</translation>
    </message>
    <message numerus="yes">
        <source>Run ATC (%n variants)</source>
        <translation>
            <numerusform>运行 ATC（%n 个变体）</numerusform>
        </translation>
    </message>
    <message>
        <source>This ATC&apos;s --help does not list --%1.</source>
        <translation>此 ATC 的 --help 中没有 --%1。</translation>
    </message>
    <message>
        <source>Export Command</source>
        <translation>导出命令</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>Shell 脚本 (*.sh)</translation>
    </message>
    <message>
        <source>This recipe writes to %1 — not the folder it was opened from (%2). Check the output folder before you run.</source>
        <translation>此配方会写入 %1，而不是打开它的文件夹（%2）。运行前请检查输出文件夹。</translation>
    </message>
    <message>
        <source>This toolkit lists no SoC, so the SoC list is the built-in one and the SoC is not checked against the toolkit: check its installation (the ops package for your chip).</source>
        <translation>此工具包没有列出任何 SoC，因此 SoC 列表使用内置列表，也无法按工具包检查 SoC：请检查它的安装（你的芯片对应的算子包）。</translation>
    </message>
    <message>
        <source>ATC&apos;s own pre-check (atc --mode=3) needs an installed toolkit (see the notice at the top of this page).</source>
        <translation>ATC 自带的预检（atc --mode=3）需要已安装的工具包（见本页顶部的提示）。</translation>
    </message>
    <message>
        <source>ATC&apos;s own pre-check (atc --mode=3) runs with this machine&apos;s toolkit only: choose Convert on: This machine to run it. The checks above use %1&apos;s toolkit.</source>
        <translation>ATC 自带的预检（atc --mode=3）只使用本机的工具包：要运行它，请把“转换位置”选为“本机”。上面的检查使用的是 %1 的工具包。</translation>
    </message>
    <message>
        <source>No ATC was found (see the notice at the top of the Convert page).</source>
        <translation>未找到 ATC（见“转换”页顶部的提示）。</translation>
    </message>
    <message>
        <source>The output name</source>
        <translation>输出名称</translation>
    </message>
</context>
<context>
    <name>wb::DimSuggestionBar</name>
    <message>
        <source>Use Suggestion</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <source>Put the sizes the model suggests into the open dimensions.</source>
        <translation>把模型建议的尺寸填入尚未指定的维度。</translation>
    </message>
    <message>
        <source>dim %1 = %2</source>
        <translation>维度 %1 = %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>The model suggests: %1.</source>
        <translation>模型建议：%1。</translation>
    </message>
</context>
<context>
    <name>wb::ExtraFlagsEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add any flag `atc --help` lists; the form&apos;s own fields are not offered.</source>
        <translation>可添加 `atc --help` 列出的任意参数；表单中已有字段的参数不在此列出。</translation>
    </message>
    <message>
        <source>No ATC toolkit probed: type flag names as `atc --help` lists them</source>
        <translation>未探测到 ATC 工具包：请按 `atc --help` 中的写法输入参数名</translation>
    </message>
    <message>
        <source>--%1 is set by this app (--framework=5, --mode per run): leave it out.</source>
        <translation>--%1 由本程序设置（--framework=5，--mode 按运行设置）：请勿填写。</translation>
    </message>
    <message>
        <source>--%1 has its own field in the form: set it there instead.</source>
        <translation>--%1 在表单中有专门的字段：请在那里设置。</translation>
    </message>
    <message>
        <source>This ATC&apos;s --help does not list --%1</source>
        <translation>此 ATC 的 --help 中没有 --%1</translation>
    </message>
</context>
<context>
    <name>wb::ExtractDialog</name>
    <message>
        <source>Extract Sub-model</source>
        <translation>提取子模型</translation>
    </message>
    <message>
        <source>Write the part of the graph that computes the chosen outputs. Typical use: stop before post-processing ATC cannot take (NonMaxSuppression and friends) and run it on the host.</source>
        <translation>写出计算所选输出的那部分计算图。典型用法：在 ATC 无法处理的后处理（如 NonMaxSuppression）之前截断，后处理放到主机上运行。</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Tensors the sub-model computes.</source>
        <translation>子模型计算的张量。</translation>
    </message>
    <message>
        <source>Inputs (optional)</source>
        <translation>输入（可选）</translation>
    </message>
    <message>
        <source>Tensors it starts from. Leave empty to keep the model&apos;s inputs (%1).</source>
        <translation>子模型的起始张量。留空则沿用模型的输入（%1）。</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>另存为：</translation>
    </message>
    <message>
        <source>Save Sub-model</source>
        <translation>保存子模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Choose at least one output and a file name.</source>
        <translation>请至少选择一个输出，并填写文件名。</translation>
    </message>
</context>
<context>
    <name>wb::FindingsList</name>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>(prevents %1)</source>
        <translation>（可避免 %1）</translation>
    </message>
    <message>
        <source>Nodes: %1 (double-click to show in the graph)</source>
        <translation>节点：%1（双击在计算图中显示）</translation>
    </message>
</context>
<context>
    <name>wb::GraphPage</name>
    <message>
        <source>Find node by name or op type (Ctrl+F)</source>
        <translation>按名称或算子类型查找节点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配（Shift+F3）</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配（F3）</translation>
    </message>
    <message>
        <source>Collapse scopes deeper than</source>
        <translation>折叠深于此层级的作用域</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Top to bottom</source>
        <translation>从上到下</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the graph (F)</source>
        <translation>缩放以显示整个计算图（F）</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual size (0)</source>
        <translation>实际大小（0）</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the graph as PNG or SVG</source>
        <translation>将计算图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Use as out node</source>
        <translation>用作输出节点</translation>
    </message>
    <message>
        <source>Add the selected node to ATC&apos;s --out_nodes on the Convert page</source>
        <translation>把所选节点加入“转换”页的 ATC --out_nodes</translation>
    </message>
    <message>
        <source>Click a node to see its attributes, inputs and outputs.</source>
        <translation>点击节点查看其属性、输入和输出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Problems&lt;/b&gt;</source>
        <translation>&lt;b&gt;问题&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <source>%1 operator boxes, %2 collapsed scopes, %3 edges, %4 layers, %5 crossings; %6 Constants folded; layout %7 ms</source>
        <translation>%1 个算子框，%2 个折叠的作用域，%3 条边，%4 层，%5 处交叉；折叠了 %6 个 Constant；布局用时 %7 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2 nodes, collapsed. Double-click to expand.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2 个节点，已折叠。双击展开。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Attributes&lt;/h4&gt;&lt;table&gt;</source>
        <translation>&lt;h4&gt;属性&lt;/h4&gt;&lt;table&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Inputs&lt;/h4&gt;&lt;table&gt;</source>
        <translation>&lt;h4&gt;输入&lt;/h4&gt;&lt;table&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Outputs&lt;/h4&gt;&lt;table&gt;</source>
        <translation>&lt;h4&gt;输出&lt;/h4&gt;&lt;table&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%n weight(s) or constant(s) folded into this node.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;有 %n 个权重或常量折叠到此节点中。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 nodes in its subgraphs; double-click to expand or collapse them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;其子图中有 %1 个节点；双击展开或折叠。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No graph to export.</source>
        <translation>没有可导出的计算图。</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>导出计算图</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>wb::InputShapeModel</name>
    <message>
        <source>Use fixed sizes here; dynamic profiles belong to the conversion settings.</source>
        <translation>此处请使用固定尺寸；动态档位请在转换设置中配置。</translation>
    </message>
    <message>
        <source>%1 has %2 dimensions; %3 given.</source>
        <translation>%1 有 %2 个维度；但给出了 %3 个。</translation>
    </message>
    <message>
        <source>Comma-separated sizes, e.g. 1,3,224,224.</source>
        <translation>用逗号分隔的尺寸，例如 1,3,224,224。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Shape in the model</source>
        <translation>模型中的形状</translation>
    </message>
    <message>
        <source>Static shape to use</source>
        <translation>使用的静态形状</translation>
    </message>
    <message>
        <source>%1 (dim %2) = %3, from %4</source>
        <translation>%1（维度 %2）= %3，依据 %4</translation>
    </message>
    <message>
        <source>%1 (dim %2)</source>
        <translation>%1（维度 %2）</translation>
    </message>
    <message>
        <source>Give %1 a size: only the batch is proposed, every other dimension needs the value you deploy with.</source>
        <translation>请为 %1 指定尺寸：只有批大小会自动建议，其他维度都需要填写部署时的实际值。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos;: %2</source>
        <translation>输入“%1”：%2</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos; needs a size for %2.</source>
        <translation>输入“%1”的 %2 需要指定尺寸。</translation>
    </message>
    <message>
        <source>The model suggests %1.</source>
        <translation>模型建议 %1。</translation>
    </message>
    <message>
        <source>Proposed: the batch set to 1. Edit to the size you deploy with.</source>
        <translation>建议值：批大小设为 1。请改为部署时使用的尺寸。</translation>
    </message>
</context>
<context>
    <name>wb::LatencyCharts</name>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>时延（ms）</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>batch 大小</translation>
    </message>
    <message>
        <source>mean latency (ms)</source>
        <translation>平均时延（ms）</translation>
    </message>
    <message>
        <source>per iteration</source>
        <translation>每次迭代</translation>
    </message>
    <message>
        <source>throughput (samples/s)</source>
        <translation>吞吐量（samples/s）</translation>
    </message>
    <message>
        <source>mean latency</source>
        <translation>平均时延</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>best under %1 ms: %2</source>
        <translation>%1 ms 内最佳：%2</translation>
    </message>
    <message>
        <source>Press Run: the latency of every iteration is drawn here as it runs.</source>
        <translation>按“运行”：每次迭代的时延会在运行时画在这里。</translation>
    </message>
    <message>
        <source>The spread of the latencies shows here once iterations come in.</source>
        <translation>有迭代结果后，这里显示时延的分布。</translation>
    </message>
    <message>
        <source>Tick runs in the list to plot their latency and throughput against batch size.</source>
        <translation>在列表中勾选运行记录，即可按批大小绘制其时延和吞吐量。</translation>
    </message>
    <message>
        <source>Tick runs of different batch sizes to compare.</source>
        <translation>勾选不同批大小的运行记录以进行比较。</translation>
    </message>
</context>
<context>
    <name>wb::LogPanel</name>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug 及以上</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info 及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>wb::MainWindow</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Fix input shapes, infer every tensor&apos;s shape, save a static copy or extract a sub-model</source>
        <translation>固定输入形状，推导每个张量的形状，保存静态副本或提取子模型</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>The model&apos;s graph: search, node properties, problems, export</source>
        <translation>模型的计算图：搜索、节点属性、问题、导出</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>ATC options checked as you type, the exact command, Run</source>
        <translation>边输入边检查的 ATC 选项、确切的命令、运行</translation>
    </message>
    <message>
        <source>ATC Run</source>
        <translation>ATC 运行</translation>
    </message>
    <message>
        <source>The conversion as it runs: log, problems, batch variants</source>
        <translation>运行中的转换：日志、问题、batch 变体</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Run the model on the CPU or an NPU and chart its latency</source>
        <translation>在 CPU 或 NPU 上运行模型并绘制时延图表</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Nothing was written</source>
        <translation>未写入任何文件</translation>
    </message>
    <message>
        <source>Model written</source>
        <translation>模型已写入</translation>
    </message>
    <message>
        <source>Open It</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Re&amp;cipe…</source>
        <translation>打开配方(&amp;C)…</translation>
    </message>
    <message>
        <source>Open Conversion Recipe</source>
        <translation>打开转换配方</translation>
    </message>
    <message>
        <source>Recipes (*.recipe.json *.json)</source>
        <translation>配方 (*.recipe.json *.json)</translation>
    </message>
    <message>
        <source>Open ATC &amp;Log…</source>
        <translation>打开 ATC 日志(&amp;L)…</translation>
    </message>
    <message>
        <source>Open ATC Log</source>
        <translation>打开 ATC 日志</translation>
    </message>
    <message>
        <source>Logs (*.log *.txt);;All files (*)</source>
        <translation>日志 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close Model</source>
        <translation>关闭模型(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Find ATC Again</source>
        <translation>重新查找 ATC(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ATC Workbench</source>
        <translation>关于 ATC Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>The model loaded with warnings</source>
        <translation>模型已加载，但有警告</translation>
    </message>
    <message numerus="yes">
        <source>(%n more problem(s); see the log)</source>
        <translation>
            <numerusform>（另有 %n 个问题；请查看日志）</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Could not open the recipe</source>
        <translation>无法打开配方</translation>
    </message>
    <message>
        <source>Open ONNX Model</source>
        <translation>打开 ONNX 模型</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <source>About ATC Workbench</source>
        <translation>关于 ATC Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ATC Workbench %1&lt;/h3&gt;&lt;p&gt;From ONNX model to measured OM on Ascend NPUs.&lt;/p&gt;&lt;p&gt;Log file: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ATC Workbench %1&lt;/h3&gt;&lt;p&gt;从 ONNX 模型到在昇腾 NPU 上实测的 OM。&lt;/p&gt;&lt;p&gt;日志文件：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit while tools run?</source>
        <translation>工具仍在运行，确定退出？</translation>
    </message>
    <message>
        <source>Still running:
%1

Stop them and quit?</source>
        <translation>仍在运行：
%1

停止它们并退出？</translation>
    </message>
    <message>
        <source>&amp;Compare Outputs…</source>
        <translation>比较输出(&amp;C)…</translation>
    </message>
    <message>
        <source>OM</source>
        <translation>OM</translation>
    </message>
    <message>
        <source>Inside an .om: engines, fused ONNX nodes, inserted ops, findings</source>
        <translation>OM 内部：执行引擎、融合的 ONNX 节点、插入的算子、检查结果</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;Offline models (*.om);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;离线模型 (*.om);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The OM opened with warnings</source>
        <translation>OM 已打开，但有警告</translation>
    </message>
    <message>
        <source>Could not open the OM</source>
        <translation>无法打开 OM</translation>
    </message>
    <message>
        <source>Convert Many</source>
        <translation>批量转换</translation>
    </message>
    <message>
        <source>Many models x SoCs x batch sizes in one queue, with a report</source>
        <translation>多个模型 × SoC × batch 大小放在一个队列中转换，并生成报告</translation>
    </message>
    <message>
        <source>Convert &amp;Many…</source>
        <translation>批量转换(&amp;M)…</translation>
    </message>
    <message>
        <source>Convert Many: a Folder of ONNX Models</source>
        <translation>批量转换：选择包含 ONNX 模型的文件夹</translation>
    </message>
    <message>
        <source>A batch is converting</source>
        <translation>批量转换正在进行</translation>
    </message>
    <message>
        <source>Cancel it on the Convert Many page before starting another.</source>
        <translation>请先在“批量转换”页取消它，再开始新的批量转换。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>剖析</translation>
    </message>
    <message>
        <source>Where the NPU time goes: per-operator profile, by op type, on the graph</source>
        <translation>NPU 时间花在哪里：逐算子剖析、按算子类型、在图上</translation>
    </message>
    <message>
        <source>Open &amp;Profile…</source>
        <translation>打开剖析(&amp;P)…</translation>
    </message>
    <message>
        <source>Open Profile</source>
        <translation>打开剖析</translation>
    </message>
    <message>
        <source>Profiles (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;All files (*)</source>
        <translation>剖析文件 (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The profile was not read</source>
        <translation>未能读取剖析</translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n tool(s) before quitting…</source>
        <translation>
            <numerusform>退出前正在停止 %n 个工具…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Hosts…</source>
        <translation>主机(&amp;H)…</translation>
    </message>
    <message>
        <source>Running %1 on %2…</source>
        <translation>正在 %2 上运行 %1…</translation>
    </message>
    <message>
        <source>The run on %1 finished.</source>
        <translation>在 %1 上的运行已完成。</translation>
    </message>
    <message>
        <source>The run on %1 ended: %2</source>
        <translation>在 %1 上的运行已结束：%2</translation>
    </message>
    <message>
        <source>The conversion on %1 finished.</source>
        <translation>在 %1 上的转换已完成。</translation>
    </message>
    <message>
        <source>The conversion on %1 failed (see the ATC Run page).</source>
        <translation>在 %1 上的转换失败（见“ATC 运行”页）。</translation>
    </message>
    <message>
        <source>Converting on %1…</source>
        <translation>正在 %1 上转换…</translation>
    </message>
</context>
<context>
    <name>wb::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>wb::ModelPage</name>
    <message>
        <source>Inputs and outputs</source>
        <translation>输入和输出</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>IR version</source>
        <translation>IR 版本</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>生成工具</translation>
    </message>
    <message>
        <source>Opsets</source>
        <translation>Opset</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Custom-domain ops</source>
        <translation>自定义域算子</translation>
    </message>
    <message>
        <source>Control flow</source>
        <translation>控制流</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 in the main graph, %2 with %3 subgraphs</source>
        <translation>主图中 %1 个，含 %3 个子图共 %2 个</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 initializers, %2, %3 parameters</source>
        <translation>%1 个 initializer，%2，%3 个参数</translation>
    </message>
    <message>
        <source> (%1 in external data files)</source>
        <translation>（其中 %1 在外部数据文件中）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>This input has dynamic dimensions:</source>
        <translation>此输入含有动态维度：</translation>
    </message>
    <message>
        <source>%1 inputs have dynamic dimensions:</source>
        <translation>%1 个输入含有动态维度：</translation>
    </message>
    <message>
        <source>%1 %2. ATC needs static shapes: give each one in --input_shape, or use a dynamic batch/image/dims profile.</source>
        <translation>%1 %2。ATC 需要静态形状：请在 --input_shape 中逐一给出，或使用动态 batch/图像尺寸/维度档位。</translation>
    </message>
</context>
<context>
    <name>wb::OmPage</name>
    <message>
        <source>No OM open</source>
        <translation>未打开 OM</translation>
    </message>
    <message>
        <source>Open an .om with &lt;b&gt;File &amp;gt; Open Model…&lt;/b&gt; (offline models, *.om) or drop it on the window to see what ATC made of the model: its inputs and outputs, every op with its engine and the ONNX nodes fused into it, AI CPU ops and findings. The JSON of &lt;tt&gt;atc --mode=1&lt;/tt&gt; opens too, and no toolkit is needed.</source>
        <translation>用&lt;b&gt;文件 &amp;gt; 打开模型…&lt;/b&gt;（离线模型，*.om）打开 .om，或把它拖放到窗口上，即可查看 ATC 把模型变成了什么：输入和输出、每个算子及其引擎和融合进去的 ONNX 节点、AI CPU 算子以及检查结果。&lt;tt&gt;atc --mode=1&lt;/tt&gt; 生成的 JSON 也能打开，且无需工具链。</translation>
    </message>
    <message>
        <source>Input/output</source>
        <translation>输入/输出</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>OM op</source>
        <translation>OM 算子</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Block dim</source>
        <translation>Block dim</translation>
    </message>
    <message>
        <source>ONNX nodes</source>
        <translation>ONNX 节点</translation>
    </message>
    <message>
        <source>Fusion passes</source>
        <translation>融合规则</translation>
    </message>
    <message>
        <source>&lt;b&gt;OM ops with no ONNX origin&lt;/b&gt;</source>
        <translation>&lt;b&gt;无 ONNX 来源的 OM 算子&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;File&lt;/b&gt; %1 (%2)&lt;br&gt;&lt;b&gt;SoC&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;ATC&lt;/b&gt; %4 &amp;nbsp; &lt;b&gt;OPP&lt;/b&gt; %5 &amp;nbsp; &lt;b&gt;Framework&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Memory&lt;/b&gt; %7 &amp;nbsp; &lt;b&gt;Weights&lt;/b&gt; %8 &amp;nbsp; &lt;b&gt;Streams&lt;/b&gt; %9&lt;br&gt;&lt;b&gt;Command&lt;/b&gt; %10</source>
        <translation>&lt;b&gt;文件&lt;/b&gt; %1 (%2)&lt;br&gt;&lt;b&gt;SoC&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;ATC&lt;/b&gt; %4 &amp;nbsp; &lt;b&gt;OPP&lt;/b&gt; %5 &amp;nbsp; &lt;b&gt;框架&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;内存&lt;/b&gt; %7 &amp;nbsp; &lt;b&gt;权重&lt;/b&gt; %8 &amp;nbsp; &lt;b&gt;Stream 数&lt;/b&gt; %9&lt;br&gt;&lt;b&gt;命令&lt;/b&gt; %10</translation>
    </message>
    <message>
        <source>offline model</source>
        <translation>离线模型</translation>
    </message>
    <message>
        <source>JSON of atc --mode=1</source>
        <translation>atc --mode=1 的 JSON</translation>
    </message>
    <message numerus="yes">
        <source>%n op(s): %1</source>
        <translation>
            <numerusform>%n 个算子：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Open the ONNX model it was converted from to see its ops on the Graph page.</source>
        <translation>打开转换所用的 ONNX 模型，即可在图页面上查看其算子。</translation>
    </message>
    <message>
        <source>Converted from %1. Open that model to see the OM&apos;s ops on its graph.</source>
        <translation>由 %1 转换而来。打开该模型即可在其图上查看 OM 的算子。</translation>
    </message>
    <message>
        <source>Mapped to %1: %2 of %3 ONNX nodes became OM ops, %4 folded away.</source>
        <translation>已映射到 %1：%3 个 ONNX 节点中 %2 个成为 OM 算子，%4 个被折叠消除。</translation>
    </message>
    <message>
        <source>&lt;h4&gt;In the OM&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;在 OM 中&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) on &lt;span style=&quot;color:%3&quot;&gt;%4&lt;/span&gt;%5&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) 运行于 &lt;span style=&quot;color:%3&quot;&gt;%4&lt;/span&gt;%5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, block dim %1</source>
        <translation>，block dim %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Fusion passes: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;融合规则：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Fused with: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;与之融合：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;In the OM&lt;/h4&gt;&lt;p&gt;Folded away: no OM op comes from this node.&lt;/p&gt;</source>
        <translation>&lt;h4&gt;在 OM 中&lt;/h4&gt;&lt;p&gt;已折叠消除：没有 OM 算子来自此节点。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wb::OpProfileModel</name>
    <message>
        <source>(no ONNX node)</source>
        <translation>（无 ONNX 节点）</translation>
    </message>
    <message>
        <source>Op type</source>
        <translation>算子类型</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Engine / task type</source>
        <translation>引擎 / 任务类型</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>µs / iteration</source>
        <translation>µs / 迭代</translation>
    </message>
    <message>
        <source>% of op time</source>
        <translation>占算子时间 %</translation>
    </message>
    <message>
        <source>Cumulative %</source>
        <translation>累计 %</translation>
    </message>
    <message>
        <source>ONNX nodes</source>
        <translation>ONNX 节点</translation>
    </message>
</context>
<context>
    <name>wb::OpTypeModel</name>
    <message>
        <source>Operator</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>wb::PathField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>wb::ProfileChart</name>
    <message>
        <source>µs per iteration, by op type</source>
        <translation>按算子类型的每次迭代 µs</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>wb::ProfilePage</name>
    <message>
        <source>Hot spot: NPU time %1 µs per iteration, %2 % of op time (%3)</source>
        <translation>热点：NPU 时间每次迭代 %1 µs，占算子时间 %2 %（%3）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export for Model Explorer…</source>
        <translation>导出到 Model Explorer…</translation>
    </message>
    <message>
        <source>Compare With…</source>
        <translation>与其他剖析比较…</translation>
    </message>
    <message>
        <source>Open Profile…</source>
        <translation>打开剖析…</translation>
    </message>
    <message>
        <source>Open an msprof PROF_* folder, an op_summary / op_statistic CSV or a torch_npu kernel_details.csv, or tick Profile operators on the Run page.</source>
        <translation>打开 msprof 的 PROF_* 文件夹、op_summary / op_statistic CSV 或 torch_npu 的 kernel_details.csv，或在运行页勾选“剖析算子”。</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>µs / iteration</source>
        <translation>µs / 迭代</translation>
    </message>
    <message>
        <source>Other µs</source>
        <translation>对比 µs</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Export Op Table</source>
        <translation>导出算子表</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export Node Data for Model Explorer</source>
        <translation>导出 Model Explorer 节点数据</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Open Profile</source>
        <translation>打开剖析</translation>
    </message>
    <message>
        <source>Profiles (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;All files (*)</source>
        <translation>剖析文件 (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Compare With Profile</source>
        <translation>与剖析比较</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>&lt;h4&gt;NPU profile&lt;/h4&gt;&lt;p&gt;%1 µs per iteration, %2 % of op time&lt;/p&gt;&lt;p&gt;Ops: %3&lt;/p&gt;</source>
        <translation>&lt;h4&gt;NPU 剖析&lt;/h4&gt;&lt;p&gt;每次迭代 %1 µs，占算子时间 %2 %&lt;/p&gt;&lt;p&gt;算子：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from %2: %3 op(s), %4 iteration(s), &lt;b&gt;%5 µs&lt;/b&gt; of op time per iteration.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，来自 %2：%3 个算子，%4 次迭代，每次迭代算子时间 &lt;b&gt;%5 µs&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Host time outside ops: %1 µs per iteration (not in the shares).</source>
        <translation>算子之外的主机时间：每次迭代 %1 µs（不计入占比）。</translation>
    </message>
    <message>
        <source>%1 of %2 row(s) skipped: %3</source>
        <translation>已跳过 %2 行中的 %1 行：%3</translation>
    </message>
    <message>
        <source>On the ONNX graph: %1 op(s) on %2 node(s), %3 without a node.</source>
        <translation>在 ONNX 图上：%1 个算子对应 %2 个节点，%3 个没有节点。</translation>
    </message>
    <message>
        <source>Against %1: %2 µs per iteration, speed-up %3×, %4 new, %5 vanished.</source>
        <translation>对比 %1：每次迭代 %2 µs，加速比 %3×，新增 %4 个，消失 %5 个。</translation>
    </message>
    <message>
        <source>Ops without an ONNX node (inserted by ATC, or renamed): %1</source>
        <translation>没有 ONNX 节点的算子（ATC 插入或已改名）：%1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>vanished</source>
        <translation>消失</translation>
    </message>
</context>
<context>
    <name>wb::ProfilesEditor</name>
    <message>
        <source>Add profile</source>
        <translation>添加档位</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>None (static shapes)</source>
        <translation>无（静态形状）</translation>
    </message>
    <message>
        <source>Dynamic batch</source>
        <translation>动态 batch</translation>
    </message>
    <message>
        <source>Dynamic image size</source>
        <translation>动态图像尺寸</translation>
    </message>
    <message>
        <source>Dynamic dims</source>
        <translation>动态维度</translation>
    </message>
    <message>
        <source>Profiles (gears): the sizes the OM accepts at run time. ATC takes one of --dynamic_batch_size, --dynamic_image_size or --dynamic_dims, with 2 to 100 profiles.</source>
        <translation>档位：OM 在运行时接受的尺寸。ATC 只接受 --dynamic_batch_size、--dynamic_image_size、--dynamic_dims 之一，档位数为 2 到 100。</translation>
    </message>
    <message>
        <source>Profile number</source>
        <translation>档位序号</translation>
    </message>
    <message>
        <source>Values per profile: one per -1 in --input_shape, in order.</source>
        <translation>每个档位的取值个数：--input_shape 中每个 -1 对应一个，按顺序排列。</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>取值个数：</translation>
    </message>
    <message>
        <source>The value as it was saved. Fix it here (Enter reads it into the table) or edit the table to replace it.</source>
        <translation>保存时的原始值。可在此修改（按回车读入表格），或直接编辑表格替换它。</translation>
    </message>
    <message>
        <source>Raw value:</source>
        <translation>原始值：</translation>
    </message>
    <message>
        <source>The flag as the command line gets it.</source>
        <translation>命令行中该参数的实际写法。</translation>
    </message>
    <message>
        <source>(no complete profile yet: the flag is left out)</source>
        <translation>（尚无完整档位：不输出该参数）</translation>
    </message>
</context>
<context>
    <name>wb::ProfilesModel</name>
    <message>
        <source>Could not read this value: %1 It is kept exactly as written until you edit the table.</source>
        <translation>无法解析该值：%1 在编辑表格之前，它会按原样保留。</translation>
    </message>
    <message>
        <source>Not every profile fits the table (see below). The value is kept exactly as written until you edit the table.</source>
        <translation>并非所有档位都能放入表格（见下方）。在编辑表格之前，该值会按原样保留。</translation>
    </message>
    <message>
        <source>Row %1: &apos;%2&apos; is not a positive whole number: the row is left out.</source>
        <translation>第 %1 行：“%2”不是正整数：该行被忽略。</translation>
    </message>
    <message>
        <source>Row %1 is incomplete: it is left out.</source>
        <translation>第 %1 行不完整：已被忽略。</translation>
    </message>
    <message>
        <source>Rows %1 are incomplete: they are left out.</source>
        <translation>第 %1 行不完整：已被忽略。</translation>
    </message>
    <message>
        <source>Row %1 is empty: it is left out.</source>
        <translation>第 %1 行为空：已被忽略。</translation>
    </message>
    <message>
        <source>Rows %1 are empty: they are left out.</source>
        <translation>第 %1 行为空：已被忽略。</translation>
    </message>
    <message>
        <source>Dynamic dims in the input shape: %1; values per profile: %2.</source>
        <translation>输入形状中的动态维度：%1 个；每个档位的取值：%2 个。</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>dim %1</source>
        <translation>维度 %1</translation>
    </message>
    <message>
        <source>dim %1 (extra)</source>
        <translation>维度 %1（多余）</translation>
    </message>
</context>
<context>
    <name>wb::RunPage</name>
    <message>
        <source>Preparing om-runner on %1…</source>
        <translation>正在 %1 上准备 om-runner…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>CPU (ONNX Runtime)</source>
        <translation>CPU（ONNX Runtime）</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Runner:</source>
        <translation>运行器：</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>预热：</translation>
    </message>
    <message>
        <source>Loops:</source>
        <translation>循环次数：</translation>
    </message>
    <message>
        <source>Input data:</source>
        <translation>输入数据：</translation>
    </message>
    <message>
        <source>input:1,3,224,224 (for dynamic ONNX inputs)</source>
        <translation>input:1,3,224,224（用于动态 ONNX 输入）</translation>
    </message>
    <message>
        <source>Input shapes:</source>
        <translation>输入形状：</translation>
    </message>
    <message>
        <source>Runs (tick to compare)</source>
        <translation>运行记录（勾选以比较）</translation>
    </message>
    <message>
        <source>Budget (ms):</source>
        <translation>预算（ms）：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Model to Run</source>
        <translation>要运行的模型</translation>
    </message>
    <message>
        <source>Models (*.om *.onnx);;All files (*)</source>
        <translation>模型 (*.om *.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>Export Runs</source>
        <translation>导出运行记录</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export Charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Looking for NPUs…</source>
        <translation>正在查找 NPU…</translation>
    </message>
    <message>
        <source>NPU %1 (not detected)</source>
        <translation>NPU %1（未检测到）</translation>
    </message>
    <message>
        <source>NPU %1 · %2 · %3</source>
        <translation>NPU %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>%1: %2 iterations, mean %3, %4</source>
        <translation>%1：%2 次迭代，平均 %3，%4</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>stddev</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>(not kept)</source>
        <translation>（不保存）</translation>
    </message>
    <message>
        <source>Keep the last iteration&apos;s outputs in this folder (output_N.pb from ONNX Runtime, output_N.bin from the NPU runners) for Tools &gt; Compare Outputs.</source>
        <translation>把最后一次迭代的输出保存到此文件夹（ONNX Runtime 为 output_N.pb，NPU 运行器为 output_N.bin），供“工具 &gt; 比较输出”使用。</translation>
    </message>
    <message>
        <source>Keep Outputs In</source>
        <translation>输出保存位置</translation>
    </message>
    <message>
        <source>Save outputs to:</source>
        <translation>输出保存到：</translation>
    </message>
    <message>
        <source>msame and ais_bench draw their own random inputs: to compare their outputs with ONNX Runtime&apos;s, run both on zeros or on the same input files.</source>
        <translation>msame 和 ais_bench 使用各自生成的随机输入：若要与 ONNX Runtime 的输出比较，请让两者都使用全零输入或相同的输入文件。</translation>
    </message>
    <message>
        <source>Profile operators</source>
        <translation>剖析算子</translation>
    </message>
    <message>
        <source>Run under msprof</source>
        <translation>在 msprof 下运行</translation>
    </message>
    <message>
        <source>om-runner records each operator&apos;s NPU time (AscendCL model subscription); the Profile page shows them when the run ends.</source>
        <translation>om-runner 记录每个算子的 NPU 时间（AscendCL 模型订阅）；运行结束后在剖析页显示。</translation>
    </message>
    <message>
        <source>Run the runner under msprof and open its op_summary on the Profile page.</source>
        <translation>在 msprof 下运行运行器，并在剖析页打开其 op_summary。</translation>
    </message>
    <message>
        <source>msprof was not found (PATH, the toolkit&apos;s tools/profiler/bin).</source>
        <translation>未找到 msprof（PATH、工具包的 tools/profiler/bin）。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>none (run the loops)</source>
        <translation>无（按循环次数运行）</translation>
    </message>
    <message>
        <source>Time iterations for this long instead of a loop count (after the warm-up); atcwb bench --time-budget does the same.</source>
        <translation>按此时长计时迭代，而不是按循环次数（在预热之后）；atcwb bench --time-budget 的作用相同。</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>时间预算：</translation>
    </message>
    <message>
        <source>The model&apos;s input shapes, the same as on the Shapes and Convert pages: an edit here changes them there too. Dims left open run as 1.</source>
        <translation>模型的输入形状，与“形状”页和“转换”页相同：在此处修改也会同步到那里。未指定的维度按 1 运行。</translation>
    </message>
    <message>
        <source>Some of these inputs are not in the model; its inputs are listed on the Shapes page.</source>
        <translation>其中有些输入不在模型中；模型的输入列在“形状”页上。</translation>
    </message>
    <message>
        <source>Warm-up %1 / %2 · then %3 of timing</source>
        <translation>预热 %1 / %2 · 随后计时 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n iteration(s) timed</source>
        <translation>
            <numerusform>已计时 %n 次迭代</numerusform>
        </translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation> · 约剩 %1</translation>
    </message>
    <message>
        <source>Warm-up %1 / %2</source>
        <translation>预热 %1 / %2</translation>
    </message>
    <message>
        <source>Iteration %1 / %2</source>
        <translation>迭代 %1 / %2</translation>
    </message>
    <message>
        <source>Starting (loading the model)…</source>
        <translation>正在启动（加载模型）…</translation>
    </message>
    <message numerus="yes">
        <source>The statistics are those of the %n iteration(s) done.</source>
        <translation>
            <numerusform>统计数据来自已完成的 %n 次迭代。</numerusform>
        </translation>
    </message>
    <message>
        <source>The run was not stored: %1</source>
        <translation>未能保存此次运行：%1</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation>调度策略</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask the hosts of Tools &gt; Settings &gt; Hosts for their NPUs again</source>
        <translation>重新向“工具 &gt; 设置 &gt; 主机”中的主机查询其 NPU</translation>
    </message>
    <message>
        <source>%1 · NPU %2 · %3 · %4</source>
        <translation>%1 · NPU %2 · %3 · %4</translation>
    </message>
</context>
<context>
    <name>wb::SettingsDialog</name>
    <message>
        <source>Debug messages in the log</source>
        <translation>在日志中记录调试信息</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Leave both empty to find ATC on PATH, through ASCEND_TOOLKIT_HOME / ASCEND_HOME_PATH, or in the default install folders (/usr/local/Ascend/ascend-toolkit/latest, /usr/local/Ascend/cann).</source>
        <translation>两项都留空时，将在 PATH、ASCEND_TOOLKIT_HOME / ASCEND_HOME_PATH 或默认安装目录（/usr/local/Ascend/ascend-toolkit/latest、/usr/local/Ascend/cann）中查找 ATC。</translation>
    </message>
    <message>
        <source>Toolkit Folder</source>
        <translation>工具包文件夹</translation>
    </message>
    <message>
        <source>atc Program</source>
        <translation>atc 程序</translation>
    </message>
    <message>
        <source>atc program:</source>
        <translation>atc 程序：</translation>
    </message>
    <message>
        <source>Toolkit folder:</source>
        <translation>工具包文件夹：</translation>
    </message>
    <message>
        <source>Automatic (system language)</source>
        <translation>自动（跟随系统语言）</translation>
    </message>
    <message>
        <source>Takes effect the next time ATC Workbench starts.</source>
        <translation>下次启动 ATC Workbench 时生效。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Toolkit</source>
        <translation>工具包</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
</context>
<context>
    <name>wb::ShapeDelegate</name>
    <message>
        <source>? is a dimension the model leaves unnamed (ONNX calls it %1).</source>
        <translation>? 表示模型未命名的维度（ONNX 称之为 %1）。</translation>
    </message>
</context>
<context>
    <name>wb::ShapesPage</name>
    <message>
        <source>Save Static Copy…</source>
        <translation>保存静态副本…</translation>
    </message>
    <message>
        <source>Extract Sub-model…</source>
        <translation>提取子模型…</translation>
    </message>
    <message>
        <source>Input shapes</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Tensor shapes after inference</source>
        <translation>推导后的张量形状</translation>
    </message>
    <message>
        <source>Filter by tensor name…</source>
        <translation>按张量名称筛选…</translation>
    </message>
    <message>
        <source>Write a copy with these static input shapes and every inferred shape.</source>
        <translation>写出一个副本，带有这些静态输入形状和推导出的全部形状。</translation>
    </message>
    <message>
        <source>Write the part of the graph between chosen tensors (e.g. without NMS).</source>
        <translation>写出所选张量之间的那部分计算图（例如去掉 NMS）。</translation>
    </message>
    <message>
        <source>Inferring shapes…</source>
        <translation>正在推导形状…</translation>
    </message>
    <message>
        <source>ONNX could not infer some nodes: %1</source>
        <translation>ONNX 无法推导部分节点：%1</translation>
    </message>
    <message>
        <source>Save Static Copy</source>
        <translation>保存静态副本</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>No model is open.</source>
        <translation>未打开模型。</translation>
    </message>
    <message>
        <source>Only tensors not static</source>
        <translation>仅显示非静态张量</translation>
    </message>
    <message>
        <source>Save Simplified Copy…</source>
        <translation>保存简化副本…</translation>
    </message>
    <message>
        <source>Give every input the static shape you will convert with: the batch is proposed, every other open dimension (?) needs its size. Shape inference reruns as you type.</source>
        <translation>为每个输入指定转换时使用的静态形状：批大小会自动建议，其余未定的维度（?）需要填写尺寸。输入时会重新推导形状。</translation>
    </message>
    <message>
        <source>Write a copy with these inputs, shape arithmetic and other constants folded, Identity and dead nodes removed (what onnx-simplifier does before ATC); with ONNX Runtime both models are run and must agree.</source>
        <translation>按这些输入写出副本：折叠形状计算和其他常量，删除 Identity 与无用节点（即 ATC 之前用 onnx-simplifier 做的事）；若有 ONNX Runtime，会运行两个模型并要求输出一致。</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) of shape arithmetic folded</source>
        <translation>
            <numerusform>折叠了 %n 个形状计算节点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tensors inferred; every shape is static (%2).</source>
        <translation>已推导 %1 个张量；所有形状均为静态（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>%n follow(s) inputs not sized yet</source>
        <translation>
            <numerusform>%n 个随尚未指定尺寸的输入而变</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n data-dependent&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n 个取决于数据&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n invalid with these input sizes&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n 个在这些输入尺寸下无效&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown here (not known to be dynamic)</source>
        <translation>
            <numerusform>%n 个在此无法推导（并不说明是动态的）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tensors inferred (%2): %3.</source>
        <translation>已推导 %1 个张量（%2）：%3。</translation>
    </message>
    <message>
        <source>Extract Sub-model can cut just before it: %1.</source>
        <translation>“提取子模型”可在其之前切分：%1。</translation>
    </message>
    <message>
        <source>The data-dependent part is not only post-processing (it holds %1): keep the model whole and build it with dynamic shapes, or give that step a fixed size.</source>
        <translation>取决于数据的部分不只是后处理（其中含有 %1）：请保持模型完整并以动态形状编译，或为该步骤指定固定尺寸。</translation>
    </message>
    <message>
        <source>Save Simplified Copy</source>
        <translation>保存简化副本</translation>
    </message>
    <message>
        <source>Proposed: the cut just before the data-dependent post-processing. It %1.</source>
        <translation>建议：在取决于数据的后处理之前切分。%1。</translation>
    </message>
    <message>
        <source>Simplified copy written: %1 → %2 nodes (%3 folded, %4 removed); %5</source>
        <translation>已写出简化副本：%1 → %2 个节点（折叠 %3 个，删除 %4 个）；%5</translation>
    </message>
    <message>
        <source>profiles --%1=%2</source>
        <translation>档位 --%1=%2</translation>
    </message>
    <message>
        <source>batch variants %1</source>
        <translation>批大小变体 %1</translation>
    </message>
    <message>
        <source>Converted with %1 (set on the Convert page).</source>
        <translation>转换时使用 %1（在“转换”页设置）。</translation>
    </message>
    <message>
        <source>Input &apos;%1&apos;: a static copy needs fixed sizes (-1 and ranges are for the Convert page&apos;s profiles).</source>
        <translation>输入“%1”：静态副本需要固定尺寸（-1 和范围用于“转换”页的动态档位）。</translation>
    </message>
    <message>
        <source>Dims given as -1 or a range are left to the dynamic profiles of the Convert page: inference keeps them dynamic, and Save Static Copy needs fixed sizes.</source>
        <translation>写成 -1 或范围的维度交给“转换”页的动态档位：形状推导保持其为动态，“保存静态副本”需要固定尺寸。</translation>
    </message>
</context>
<context>
    <name>wb::StaticShapeDelegate</name>
    <message>
        <source>   (proposed: the batch set to 1)</source>
        <translation>   （建议值：批大小设为 1）</translation>
    </message>
</context>
<context>
    <name>wb::TensorShapeModel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Inferred shape</source>
        <translation>推导出的形状</translation>
    </message>
    <message>
        <source>folded</source>
        <translation>已折叠</translation>
    </message>
    <message>
        <source>folded: %1</source>
        <translation>已折叠：%1</translation>
    </message>
    <message>
        <source>follows input &apos;%1&apos;</source>
        <translation>随输入“%1”而变</translation>
    </message>
    <message>
        <source>data-dependent: %1</source>
        <translation>取决于数据：%1</translation>
    </message>
    <message>
        <source>unknown here</source>
        <translation>此处未知</translation>
    </message>
    <message>
        <source>unknown here: %1</source>
        <translation>此处未知：%1</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Computed from constants and static shapes (shape arithmetic): a constant ATC folds.</source>
        <translation>由常量和静态形状算出（形状计算）：ATC 会将其折叠为常量。</translation>
    </message>
    <message>
        <source>Dynamic because input &apos;%1&apos; is not fixed yet: give it a size above.</source>
        <translation>动态，因为输入“%1”尚未固定：请在上方为其指定尺寸。</translation>
    </message>
    <message>
        <source>Dynamic for real: its size depends on the values node &apos;%1&apos; computes, not only on shapes.</source>
        <translation>确实是动态的：其尺寸取决于节点“%1”计算出的数值，而不只是形状。</translation>
    </message>
    <message>
        <source>Not known here (node &apos;%1&apos; has no shape function, or inference gave up): not a sign that it is dynamic.</source>
        <translation>此处无法得知（节点“%1”没有形状函数，或推导中止）：并不说明它是动态的。</translation>
    </message>
    <message>
        <source>Node &apos;%1&apos; cannot run with these shapes.</source>
        <translation>节点“%1”无法以这些形状运行。</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>wb::TensorTableModel</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Dynamic: ATC needs a static shape for this input. Fix it with --input_shape or a dynamic batch/image/dims profile.</source>
        <translation>动态：ATC 需要此输入为静态形状。请用 --input_shape 固定，或使用动态 batch/图像尺寸/维度档位。</translation>
    </message>
    <message>
        <source>Dynamic: this output&apos;s size is only known at run time.</source>
        <translation>动态：此输出的尺寸只有在运行时才能确定。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
</context>
<context>
    <name>wb::WelcomePage</name>
    <message>
        <source>Recent models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Drop an ONNX model here&lt;/h2&gt;&lt;p&gt;or open one to see its inputs, outputs and dynamic dimensions.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;将 ONNX 模型拖放到这里&lt;/h2&gt;&lt;p&gt;或打开一个模型，查看其输入、输出和动态维度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source> (missing)</source>
        <translation>（不存在）</translation>
    </message>
</context>
<context>
    <name>wb::BundleExporter</name>
    <message>
        <source>Bundle written: %1 (%2 OMs, batch sizes %3).</source>
        <translation>已写入部署包：%1（%2 个 OM，批大小 %3）。</translation>
    </message>
</context>
<context>
    <name>wb::StrategyChart</name>
    <message>
        <source>budget %1 ms</source>
        <translation>预算 %1 ms</translation>
    </message>
    <message>
        <source>box 25–75 %, whiskers min–max, ◆ p99</source>
        <translation>箱体 25–75 %，须线为最小–最大值，◆ 为 p99</translation>
    </message>
    <message>
        <source>padding waste (%)</source>
        <translation>填充浪费 (%)</translation>
    </message>
    <message>
        <source>request latency (ms)</source>
        <translation>请求延迟 (ms)</translation>
    </message>
    <message>
        <source>throughput (samples/s)</source>
        <translation>吞吐量（samples/s）</translation>
    </message>
</context>
<context>
    <name>wb::StrategyPanel</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Batch sizes:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Build These Variants</source>
        <translation>构建这些变体</translation>
    </message>
    <message>
        <source>Bundle:</source>
        <translation>部署包：</translation>
    </message>
    <message>
        <source>CPU (ONNX Runtime, one session per batch)</source>
        <translation>CPU（ONNX Runtime，每个批大小一个会话）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Convert batch sizes %1 (the Convert page&apos;s options).</source>
        <translation>转换批大小 %1（使用转换页的选项）。</translation>
    </message>
    <message>
        <source>Done in %1 s.</source>
        <translation>完成，用时 %1 s。</translation>
    </message>
    <message>
        <source>Every recommended batch size is built already.</source>
        <translation>推荐的批大小都已构建。</translation>
    </message>
    <message>
        <source>Input shapes:</source>
        <translation>输入形状：</translation>
    </message>
    <message>
        <source>Latency budget (p99):</source>
        <translation>延迟预算 (p99)：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>NPU %1 (a bundle through om-runner)</source>
        <translation>NPU %1（通过 om-runner 运行部署包）</translation>
    </message>
    <message>
        <source>No recommendation: no strategy ran a request.</source>
        <translation>无推荐：没有策略运行过请求。</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>推荐：%1</translation>
    </message>
    <message>
        <source>Request mix:</source>
        <translation>请求组合：</translation>
    </message>
    <message>
        <source>Request sizes with their weights, size:weight, e.g. 1:50,4:30,8:20.</source>
        <translation>请求大小及其权重，格式为 大小:权重，例如 1:50,4:30,8:20。</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>请求数：</translation>
    </message>
    <message>
        <source>Run Strategies</source>
        <translation>运行策略</translation>
    </message>
    <message>
        <source>Run the strategies to see which deployment fits this traffic.</source>
        <translation>运行各策略，看看哪种部署最适合这种流量。</translation>
    </message>
    <message>
        <source>Running %1 requests with %2…</source>
        <translation>正在用 %2 运行 %1 个请求…</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Stored strategy runs: click one to show it again.</source>
        <translation>已保存的策略运行：单击其中一项可再次显示。</translation>
    </message>
    <message>
        <source>Strategies:</source>
        <translation>策略：</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>The batch sizes built or proposed: one session (CPU) per size; also the gears of the dynamic strategy.</source>
        <translation>已构建或拟构建的批大小：每个大小一个（CPU）会话；也是动态策略的档位。</translation>
    </message>
    <message>
        <source>Traffic and strategies</source>
        <translation>流量与策略</translation>
    </message>
    <message>
        <source>deploy.json (Export Bundle… on the ATC Run page)</source>
        <translation>deploy.json（ATC 运行页上的“导出部署包…”）</translation>
    </message>
    <message>
        <source>model.onnx</source>
        <translation>model.onnx</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>other dynamic dims, e.g. input:1,3,224,224</source>
        <translation>其他动态维度，例如 input:1,3,224,224</translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>p99 (ms)</source>
        <translation>p99（毫秒）</translation>
    </message>
    <message>
        <source>Padding waste</source>
        <translation>填充浪费</translation>
    </message>
    <message>
        <source>Within budget</source>
        <translation>在预算内</translation>
    </message>
    <message>
        <source>Every set of the batch sizes, dispatched like om_dispatch over one simulated request stream with the latencies measured per batch size; best first.</source>
        <translation>批大小的每个组合，按 om_dispatch 的方式在同一条模拟请求流上调度，使用每个批大小实测的延迟；最优的排在最前。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1（推荐）</translation>
    </message>
    <message>
        <source>No sets of batch sizes were compared: %1.</source>
        <translation>未比较批大小组合：%1。</translation>
    </message>
    <message>
        <source>Sets of the batch sizes, best first (%1 of %2 shown), estimated over %3 simulated requests from the latencies measured per batch size.</source>
        <translation>批大小组合，最优的排在最前（显示 %2 个中的 %1 个），由每个批大小实测的延迟在 %3 个模拟请求上估算。</translation>
    </message>
    <message>
        <source>From calibration runs only: %1.</source>
        <translation>仅来自校准运行：%1。</translation>
    </message>
    <message>
        <source>Not measured, left out: %1.</source>
        <translation>未测量，已排除：%1。</translation>
    </message>
    <message>
        <source>The run was not stored: %1</source>
        <translation>未能保存此次运行：%1</translation>
    </message>
</context>
<context>
    <name>wb::ModelShapes</name>
    <message>
        <source>input shapes not complete</source>
        <translation>输入形状尚未填完整</translation>
    </message>
    <message>
        <source>batch variants %1</source>
        <translation>批大小变体 %1</translation>
    </message>
</context>
<context>
    <name>wb::ConnectionIndicator</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
</context>
<context>
    <name>wb::HostConnections</name>
    <message>
        <source>%1: %2, %3; probe verdict: %4</source>
        <translation>%1：%2，%3；探测结论：%4</translation>
    </message>
    <message>
        <source>architecture unknown</source>
        <translation>架构未知</translation>
    </message>
    <message>
        <source>C library unknown</source>
        <translation>C 库未知</translation>
    </message>
    <message>
        <source>Testing the connection to %1 (%2)…</source>
        <translation>正在测试到 %1（%2）的连接…</translation>
    </message>
    <message>
        <source>Refused: the host key of %1 has changed (trusted %2, presented now %3).</source>
        <translation>已拒绝：%1 的主机密钥已改变（已信任 %2，现在出示的是 %3）。</translation>
    </message>
    <message>
        <source>Refused: %1 did not present a key with the fingerprint %2.</source>
        <translation>已拒绝：%1 没有出示指纹为 %2 的密钥。</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>尚未使用</translation>
    </message>
</context>
<context>
    <name>wb::HostEditDialog</name>
    <message>
        <source>Add Host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <source>Edit Host %1</source>
        <translation>编辑主机 %1</translation>
    </message>
    <message>
        <source>board (letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;)</source>
        <translation>board（字母、数字、“.”、“_”、“-”）</translation>
    </message>
    <message>
        <source>empty: ssh-agent and your default keys</source>
        <translation>留空：使用 ssh-agent 和您的默认密钥</translation>
    </message>
    <message>
        <source>Empty: the first that exists of %1</source>
        <translation>留空：使用 %1 中第一个存在的</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>SSH destination:</source>
        <translation>SSH 目标：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Identity file:</source>
        <translation>身份文件：</translation>
    </message>
    <message>
        <source>Identity File</source>
        <translation>身份文件</translation>
    </message>
    <message>
        <source>Environment script on the host:</source>
        <translation>主机上的环境脚本：</translation>
    </message>
    <message>
        <source>Work folder on the host:</source>
        <translation>主机上的工作文件夹：</translation>
    </message>
    <message>
        <source>Keys only: ATC Workbench never asks for or stores a password (ssh runs with BatchMode=yes).</source>
        <translation>仅使用密钥：ATC Workbench 从不询问也从不保存密码（ssh 以 BatchMode=yes 运行）。</translation>
    </message>
    <message>
        <source>There is already a host named %1: choose another name, or edit that host.</source>
        <translation>已有名为 %1 的主机：请换一个名称，或编辑该主机。</translation>
    </message>
</context>
<context>
    <name>wb::HostsSettings</name>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Trust This Key</source>
        <translation>信任此密钥</translation>
    </message>
    <message>
        <source>Machines reached over SSH, to convert where the CANN toolkit is and to run where the NPU is. Changes here are saved at once.</source>
        <translation>通过 SSH 访问的机器：在装有 CANN 工具包的机器上转换，在有 NPU 的机器上运行。此处的更改会立即保存。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Remove Host</source>
        <translation>删除主机</translation>
    </message>
    <message>
        <source>Remove the host %1 from the list?</source>
        <translation>要从列表中删除主机 %1 吗？</translation>
    </message>
    <message>
        <source>No hosts yet: Add… one (user@host, a key in ssh-agent or a key file).</source>
        <translation>还没有主机：点击“添加…”添加一个（user@host，使用 ssh-agent 中的密钥或密钥文件）。</translation>
    </message>
    <message>
        <source>Testing %1 (%2)…</source>
        <translation>正在测试 %1（%2）…</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理办法</translation>
    </message>
    <message>
        <source>Test of %1</source>
        <translation>%1 的测试结果</translation>
    </message>
    <message>
        <source>Verdict: ok — %1 can convert and run.</source>
        <translation>结论：通过 — %1 可以转换和运行。</translation>
    </message>
    <message>
        <source>Verdict: partial — %1 can %2.</source>
        <translation>结论：部分可用 — %1 可以%2。</translation>
    </message>
    <message>
        <source>convert (no NPU or no runner)</source>
        <translation>转换（没有 NPU 或没有运行器）</translation>
    </message>
    <message>
        <source>run (no ATC)</source>
        <translation>运行（没有 ATC）</translation>
    </message>
    <message>
        <source>be reached, but has no ATC, no NPU or no runner</source>
        <translation>连接，但没有 ATC、NPU 或运行器</translation>
    </message>
    <message>
        <source>Verdict: failed — see the first failed step and what to do.</source>
        <translation>结论：失败 — 请查看第一个失败的步骤及其处理办法。</translation>
    </message>
    <message>
        <source>Asking %1 for its host key…</source>
        <translation>正在向 %1 获取主机密钥…</translation>
    </message>
    <message>
        <source>%1 presents a host key that is not trusted yet:
%2 %3
Compare it with the host&apos;s own (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Trust it only if they are the same.</source>
        <translation>%1 出示了一个尚未信任的主机密钥：
%2 %3
请与主机自身的密钥比对（在主机上运行：ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）。只有两者相同时才信任它。</translation>
    </message>
    <message>
        <source>WARNING: the host key of %1 has changed.
Trusted: %2 %3
Presented now: %4 %5
Someone may be intercepting the connection. The app will not connect. Only if the host was reinstalled, remove the old key (ssh-keygen -R &apos;%6&apos; -f %7), then test again and trust the new one.</source>
        <translation>警告：%1 的主机密钥已改变。
已信任：%2 %3
现在出示：%4 %5
可能有人在截获连接。本程序不会连接。只有在该主机确实重装过时，才删除旧密钥（ssh-keygen -R &apos;%6&apos; -f %7），然后重新测试并信任新密钥。</translation>
    </message>
    <message>
        <source>The key %1 presents is trusted now: test again.</source>
        <translation>%1 出示的密钥现已受信任：请重新测试。</translation>
    </message>
    <message>
        <source>%1 presented no host key: check that it runs an SSH server on that port.</source>
        <translation>%1 没有出示主机密钥：请检查该端口上是否运行着 SSH 服务器。</translation>
    </message>
</context>
<context>
    <name>wb::TargetHostCombo</name>
    <message>
        <source>Convert on:</source>
        <translation>转换位置：</translation>
    </message>
    <message>
        <source>Where ATC runs: this machine, or a host of Tools &gt; Settings &gt; Hosts (the model and the files the options name are uploaded; the OM, recipe and log come back here).</source>
        <translation>ATC 在哪里运行：本机，或“工具 &gt; 设置 &gt; 主机”中的某台主机（会上传模型及选项中指定的文件；OM、配方和日志会传回本机）。</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Add hosts in Tools &gt; Settings &gt; Hosts to convert on another machine.</source>
        <translation>在“工具 &gt; 设置 &gt; 主机”中添加主机，即可在其他机器上转换。</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>host %1 (being probed)</source>
        <translation>主机 %1（正在探测）</translation>
    </message>
    <message>
        <source>Connecting to %1 (%2) and looking for its toolkit…</source>
        <translation>正在连接 %1（%2）并查找其工具包…</translation>
    </message>
    <message>
        <source>ATC runs on %1: CANN %2, %3, %4.</source>
        <translation>ATC 在 %1 上运行：CANN %2，%3，%4。</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>（版本未知）</translation>
    </message>
    <message>
        <source>the probe found no atc</source>
        <translation>探测没有找到 atc</translation>
    </message>
    <message>
        <source>host %1 — %2</source>
        <translation>主机 %1 — %2</translation>
    </message>
    <message>
        <source>%1 cannot convert: %2</source>
        <translation>%1 无法转换：%2</translation>
    </message>
</context>
<context>
    <name>BenchText</name>
    <message>
        <source>The run was cancelled after %1 of %2 iterations.</source>
        <translation>运行在完成 %2 次迭代中的 %1 次后被取消。</translation>
    </message>
    <message>
        <source>The run was cancelled before it started.</source>
        <translation>运行在开始前被取消。</translation>
    </message>
    <message>
        <source>%1 did not finish within the %2 s timeout; it was stopped after %3 of %4 iterations.</source>
        <translation>%1 没有在 %2 s 的超时内完成；在完成 %4 次迭代中的 %3 次后被停止。</translation>
    </message>
    <message>
        <source>The CPU run did not finish within the %1 s timeout; it was stopped after %2 of %3 iterations.</source>
        <translation>CPU 运行没有在 %1 s 的超时内完成；在完成 %3 次迭代中的 %2 次后被停止。</translation>
    </message>
    <message>
        <source>Stopped by the %1 s time budget after %2 iterations.</source>
        <translation>已达到 %1 s 的时间预算，在 %2 次迭代后停止。</translation>
    </message>
    <message>
        <source>om-runner printed no op profile (see its warnings).</source>
        <translation>om-runner 没有输出算子剖析数据（请查看它的警告）。</translation>
    </message>
    <message>
        <source>msprof&apos;s results could not be imported: %1</source>
        <translation>无法导入 msprof 的结果：%1</translation>
    </message>
    <message>
        <source>om-runner printed %1 line(s) that are not protocol events (%2).</source>
        <translation>om-runner 输出了 %1 行不属于协议事件的内容（%2）。</translation>
    </message>
    <message>
        <source>msame has no warm-up: the %1 warm-up iteration(s) were not run.</source>
        <translation>msame 没有预热：%1 次预热迭代没有运行。</translation>
    </message>
    <message>
        <source>msame has no warm-up: the %1 warm-up iteration(s) were not run. Its mean without the first run is %2 ms.</source>
        <translation>msame 没有预热：%1 次预热迭代没有运行。去掉第一次运行后它的平均值为 %2 ms。</translation>
    </message>
    <message>
        <source>msame does not report the batch; throughput assumes batch 1 (set the batch to correct it).</source>
        <translation>msame 不报告批大小；吞吐量按批大小 1 计算（设置批大小即可更正）。</translation>
    </message>
    <message>
        <source>msame&apos;s printed average (%1 ms) differs from the mean of its per-run times (%2 ms).</source>
        <translation>msame 输出的平均值（%1 ms）与其每次运行时间的平均值（%2 ms）不同。</translation>
    </message>
    <message>
        <source>ais_bench gave no per-iteration times (no *_summary.json); the figures are its printed summary, without p90, p95 and stddev.</source>
        <translation>ais_bench 没有给出每次迭代的时间（没有 *_summary.json）；这些数字来自它输出的摘要，没有 p90、p95 和标准差。</translation>
    </message>
    <message>
        <source>ONNX Runtime returned no timings.</source>
        <translation>ONNX Runtime 没有返回计时结果。</translation>
    </message>
    <message>
        <source>Cannot create a temporary output folder: %1</source>
        <translation>无法创建临时输出文件夹：%1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for msprof&apos;s output.</source>
        <translation>无法为 msprof 的输出创建临时文件夹。</translation>
    </message>
    <message>
        <source>No %1 was found on the host; install it there (on its PATH after the environment script) or choose another runner.</source>
        <translation>主机上没有找到 %1；请在主机上安装它（在环境脚本之后的 PATH 中），或选择其他运行器。</translation>
    </message>
    <message>
        <source>CPU (ONNX Runtime %1, default threads)</source>
        <translation>CPU（ONNX Runtime %1，默认线程数）</translation>
    </message>
    <message>
        <source>CPU (ONNX Runtime %1, %2 threads)</source>
        <translation>CPU（ONNX Runtime %1，%2 个线程）</translation>
    </message>
    <message>
        <source>CPU (ONNX Runtime)</source>
        <translation>CPU（ONNX Runtime）</translation>
    </message>
    <message>
        <source>No model was given.</source>
        <translation>没有给出模型。</translation>
    </message>
    <message>
        <source>Model %1 does not exist.</source>
        <translation>模型 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
</context>
<context>
    <name>ConversionJob</name>
    <message>
        <source>Cannot create the output folder %1.</source>
        <translation>无法创建输出文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot create a staging folder in %1: %2. Check that the folder is writable.</source>
        <translation>无法在 %1 中创建暂存文件夹：%2。请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>Cannot write the ATC log %1: %2.</source>
        <translation>无法写入 ATC 日志 %1：%2。</translation>
    </message>
    <message>
        <source>ATC exited with 0 but wrote no OM (%1 is missing).</source>
        <translation>ATC 以 0 退出，但没有写出 OM（缺少 %1）。</translation>
    </message>
    <message>
        <source>ATC exited with 0 but its output is not an OM: %1</source>
        <translation>ATC 以 0 退出，但它的输出不是 OM：%1</translation>
    </message>
    <message>
        <source>ATC succeeded, but the OM could not be moved into place: %1.</source>
        <translation>ATC 已成功，但无法把 OM 移到目标位置：%1。</translation>
    </message>
    <message>
        <source>atc could not be started: %1</source>
        <translation>无法启动 atc：%1</translation>
    </message>
    <message>
        <source>ATC was stopped after %1 s: it ran past the time limit.</source>
        <translation>ATC 在 %1 s 后被停止：运行超出了时间限制。</translation>
    </message>
    <message>
        <source>ATC was cancelled after %1 s.</source>
        <translation>ATC 在 %1 s 后被取消。</translation>
    </message>
    <message>
        <source>ATC was killed, most likely out of memory (%1) — convert one variant at a time or add swap.</source>
        <translation>ATC 被终止，很可能是内存不足（%1）——请一次只转换一个变体，或增加交换空间。</translation>
    </message>
    <message>
        <source>ATC exited with code %1 without printing an error; see its log.</source>
        <translation>ATC 以代码 %1 退出，但没有输出错误；请查看它的日志。</translation>
    </message>
    <message>
        <source>ATC did not produce the OM.</source>
        <translation>ATC 没有生成 OM。</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>在开始前已取消。</translation>
    </message>
    <message>
        <source>Retry Failed runs it.</source>
        <translation>“重试失败的任务”会运行它。</translation>
    </message>
    <message>
        <source>The model did not load: %1</source>
        <translation>模型没有加载：%1</translation>
    </message>
    <message>
        <source>Fix or re-export the file, or take it out of the batch.</source>
        <translation>请修复或重新导出该文件，或把它移出这一批。</translation>
    </message>
    <message>
        <source>Give the value in the template (--dim NAME=VALUE) or on this row.</source>
        <translation>请在模板中（--dim 名称=值）或在这一行给出该值。</translation>
    </message>
    <message>
        <source>The checks found errors: %1</source>
        <translation>检查发现了错误：%1</translation>
    </message>
    <message>
        <source>Give the inputs&apos; shapes in the template&apos;s --input_shape.</source>
        <translation>请在模板的 --input_shape 中给出输入的形状。</translation>
    </message>
    <message>
        <source>Not planned.</source>
        <translation>未计划。</translation>
    </message>
</context>
<context>
    <name>ToolResult</name>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 在 %2 s 内完成。</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>%1 was killed (SIGKILL) after %2 s, most likely because the machine ran out of memory.</source>
        <translation>%1 在 %2 s 后被终止（SIGKILL），很可能是因为机器内存不足。</translation>
    </message>
    <message>
        <source>%1 crashed (%2) after %3 s.</source>
        <translation>%1 在 %3 s 后崩溃（%2）。</translation>
    </message>
    <message>
        <source>%1 was stopped after %2 s: it ran past its time limit.</source>
        <translation>%1 在 %2 s 后被停止：运行超出了时间限制。</translation>
    </message>
    <message>
        <source>%1 was cancelled after %2 s.</source>
        <translation>%1 在 %2 s 后被取消。</translation>
    </message>
    <message>
        <source>%1 exited with code 137 (killed) after %2 s, most likely because the machine ran out of memory.</source>
        <translation>%1 在 %2 s 后以代码 137 退出（被终止），很可能是因为机器内存不足。</translation>
    </message>
    <message>
        <source>%1 exited with code %2 after %3 s.</source>
        <translation>%1 在 %3 s 后以代码 %2 退出。</translation>
    </message>
</context>
<context>
    <name>SafePath</name>
    <message>
        <source>%1 is empty; give a file name such as model_b1.</source>
        <translation>%1 为空；请给出文件名，例如 model_b1。</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a file name; give a name such as model_b1.</source>
        <translation>%1 &apos;%2&apos; 不是文件名；请给出名称，例如 model_b1。</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; contains a path separator; it must be a plain file name (the folder is chosen separately, e.g. with --output).</source>
        <translation>%1 &apos;%2&apos; 含有路径分隔符；它必须是单纯的文件名（文件夹另行选择，例如用 --output）。</translation>
    </message>
    <message>
        <source>%1 contains a NUL character; give a plain file name.</source>
        <translation>%1 含有 NUL 字符；请给出单纯的文件名。</translation>
    </message>
</context>
<context>
    <name>ProbeStep</name>
    <message>
        <source>Name resolves</source>
        <translation>名称解析</translation>
    </message>
    <message>
        <source>TCP connects</source>
        <translation>TCP 连接</translation>
    </message>
    <message>
        <source>Host key trusted</source>
        <translation>主机密钥可信</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>Environment script</source>
        <translation>环境脚本</translation>
    </message>
    <message>
        <source>Architecture and C library</source>
        <translation>架构和 C 库</translation>
    </message>
    <message>
        <source>Toolkit (atc)</source>
        <translation>工具包（atc）</translation>
    </message>
    <message>
        <source>NPUs</source>
        <translation>NPU</translation>
    </message>
    <message>
        <source>Runners</source>
        <translation>运行器</translation>
    </message>
    <message>
        <source>Free disk in the work folder</source>
        <translation>工作文件夹的可用磁盘空间</translation>
    </message>
</context>
<context>
    <name>BenchRun</name>
    <message>
        <source>the CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NPU %1</source>
        <translation>NPU %1</translation>
    </message>
    <message>
        <source>%1 on %2 with %3: iterations for %4 s after %5 warm-up</source>
        <translation>在 %2 上用 %3 运行 %1：%5 次预热后计时迭代 %4 s</translation>
    </message>
    <message>
        <source>%1 on %2 with %3: %4 iterations after %5 warm-up</source>
        <translation>在 %2 上用 %3 运行 %1：%5 次预热后迭代 %4 次</translation>
    </message>
</context>
<context>
    <name>OmLint</name>
    <message>
        <source>OM op %1 (%2) runs on the AI CPU%3%4: it is slow, and data moves between the AI Core and the AI CPU around it.</source>
        <translation>OM 算子 %1（%2）在 AI CPU 上运行%3%4：它很慢，而且它前后的数据要在 AI Core 和 AI CPU 之间搬运。</translation>
    </message>
    <message>
        <source>, made from ONNX %1 %2</source>
        <translation>，由 ONNX %1 %2 生成</translation>
    </message>
    <message>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source> with %1 inputs</source>
        <translation>，输入为 %1</translation>
    </message>
    <message>
        <source>Find an AI Core form of the op: export with another opset, or replace the node with ops the AI Core has; use a dtype the AI Core kernel takes (float16/float32 instead of int64/double); try --op_select_implmode=high_performance; or provide a custom AI Core op. Check the op in the operator list of your CANN version.</source>
        <translation>为该算子找到 AI Core 的实现：用另一个 opset 导出，或用 AI Core 支持的算子替换该节点；使用 AI Core 内核接受的数据类型（用 float16/float32 代替 int64/double）；尝试 --op_select_implmode=high_performance；或提供自定义的 AI Core 算子。请在你所用 CANN 版本的算子列表中查看该算子。</translation>
    </message>
    <message>
        <source>ATC inserted %1 %2 (%3 %4 -&gt; %5 %6) between %7 (%8) and %9 (%10).</source>
        <translation>ATC 在 %7（%8）和 %9（%10）之间插入了 %1 %2（%3 %4 -&gt; %5 %6）。</translation>
    </message>
    <message>
        <source>A dtype changes between the two groups: keep the model in one precision around them (--precision_mode, or --keep_dtype for the node), or move the node that needs the other dtype.</source>
        <translation>两组之间的数据类型发生了变化：让它们前后的模型保持同一精度（--precision_mode，或对该节点用 --keep_dtype），或移动需要另一种数据类型的节点。</translation>
    </message>
    <message>
        <source>A format change between the two groups: often one side runs on the AI CPU or is an op without a 5-D (NC1HWC0) kernel; moving that op to the AI Core, or keeping such ops together at the end of the model, removes the conversion.</source>
        <translation>两组之间的格式发生了变化：通常是一侧在 AI CPU 上运行，或是没有 5 维（NC1HWC0）内核的算子；把该算子移到 AI Core，或把这类算子集中放在模型末尾，就能去掉这次转换。</translation>
    </message>
    <message>
        <source>The OM was built for %1, but the selected device is %2: AscendCL will refuse to load it there.</source>
        <translation>该 OM 是为 %1 构建的，但所选设备是 %2：AscendCL 会拒绝在那里加载它。</translation>
    </message>
    <message>
        <source>Convert the model again with --soc_version=%1, or select a %2 device.</source>
        <translation>用 --soc_version=%1 重新转换模型，或选择一台 %2 设备。</translation>
    </message>
    <message>
        <source>The OM&apos;s input %1 has shape %2, but the recipe asks for %3.</source>
        <translation>OM 的输入 %1 的形状是 %2，但配方要求的是 %3。</translation>
    </message>
    <message>
        <source>Convert the model again with the recipe&apos;s --input_shape, or run the OM with inputs of shape %1.</source>
        <translation>用配方中的 --input_shape 重新转换模型，或用形状为 %1 的输入运行该 OM。</translation>
    </message>
    <message>
        <source>The OM (%1) is older than its ONNX model %2 (%3): it may not contain the model&apos;s latest changes.</source>
        <translation>该 OM（%1）比它的 ONNX 模型 %2（%3）旧：它可能不包含模型的最新改动。</translation>
    </message>
    <message>
        <source>Convert the ONNX model again.</source>
        <translation>请重新转换 ONNX 模型。</translation>
    </message>
</context>
<context>
    <name>HostProbe</name>
    <message>
        <source> (created on first use)</source>
        <translation>（首次使用时创建）</translation>
    </message>
    <message>
        <source> (the probe timed out after %1 s)</source>
        <translation>（探测在 %1 s 后超时）</translation>
    </message>
    <message>
        <source>%1 %2 is trusted.</source>
        <translation>%1 %2 是可信的。</translation>
    </message>
    <message>
        <source>%1 (an alias in the ssh configuration for %2)</source>
        <translation>%1（ssh 配置中 %2 的别名）</translation>
    </message>
    <message>
        <source>%1 NPU chip(s): %2.</source>
        <translation>%1 个 NPU 芯片：%2。</translation>
    </message>
    <message>
        <source>%1 could not be started: %2.</source>
        <translation>无法启动 %1：%2。</translation>
    </message>
    <message>
        <source>%1 did not resolve within %2 s.</source>
        <translation>%1 没有在 %2 s 内解析出来。</translation>
    </message>
    <message>
        <source>%1 does not resolve: %2.</source>
        <translation>%1 无法解析：%2。</translation>
    </message>
    <message>
        <source>%1 free for %2%3.</source>
        <translation>%2 可用 %1%3。</translation>
    </message>
    <message>
        <source>%1 is %2.</source>
        <translation>%1 是 %2。</translation>
    </message>
    <message>
        <source>%1 is an address.</source>
        <translation>%1 是一个地址。</translation>
    </message>
    <message>
        <source>%1 port %2</source>
        <translation>%1 端口 %2</translation>
    </message>
    <message>
        <source>%1 presented no SSH host key (ssh-keyscan: %2).</source>
        <translation>%1 没有出示 SSH 主机密钥（ssh-keyscan：%2）。</translation>
    </message>
    <message>
        <source>%1 presents a key not yet trusted: %2 %3.</source>
        <translation>%1 出示了一个尚未信任的密钥：%2 %3。</translation>
    </message>
    <message>
        <source>%1 refused the login: %2</source>
        <translation>%1 拒绝了登录：%2</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1，%2。</translation>
    </message>
    <message>
        <source>Ask the host&apos;s owner whether its key changed. Only if it did, remove the old key (ssh-keygen -R &apos;%1&apos; -f %2) and trust the new one.</source>
        <translation>请询问主机的所有者它的密钥是否更换过。只有确实更换过，才删除旧密钥（ssh-keygen -R &apos;%1&apos; -f %2）并信任新密钥。</translation>
    </message>
    <message>
        <source>C library unknown</source>
        <translation>C 库未知</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2.</source>
        <translation>无法连接到 %1：%2。</translation>
    </message>
    <message>
        <source>Check that `df -Pk` works on %1 and that the work folder&apos;s parent exists.</source>
        <translation>请检查 `df -Pk` 在 %1 上是否可用，以及工作文件夹的上级文件夹是否存在。</translation>
    </message>
    <message>
        <source>Check that port %1 of %2 is an SSH server.</source>
        <translation>请检查 %2 的端口 %1 是否是 SSH 服务器。</translation>
    </message>
    <message>
        <source>Check that sshd runs on %1 and listens on port %2, and that no firewall is in the way (try: ssh -p %2 %3).</source>
        <translation>请检查 %1 上是否运行着 sshd 并监听端口 %2，以及是否有防火墙阻挡（试试：ssh -p %2 %3）。</translation>
    </message>
    <message>
        <source>Check that the environment script returns normally (it must not call exit).</source>
        <translation>请检查环境脚本是否正常返回（它不能调用 exit）。</translation>
    </message>
    <message>
        <source>Check the name and this machine&apos;s DNS (getent hosts %1), or use the address.</source>
        <translation>请检查名称和本机的 DNS（getent hosts %1），或改用地址。</translation>
    </message>
    <message>
        <source>Check the spelling of %1 in the destination (or its HostName in ~/.ssh/config), this machine&apos;s DNS or /etc/hosts (getent hosts %1), or use the host&apos;s address.</source>
        <translation>请检查目标中 %1 的拼写（或 ~/.ssh/config 中它的 HostName）、本机的 DNS 或 /etc/hosts（getent hosts %1），或改用主机的地址。</translation>
    </message>
    <message>
        <source>Compare it with the host&apos;s own (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); if it is the same, trust it: atcwb hosts trust %1 --fingerprint %2</source>
        <translation>把它与主机自己的密钥比较（在主机上：ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）；如果相同，就信任它：atcwb hosts trust %1 --fingerprint %2</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>Could not read the free space of %1 on %2.</source>
        <translation>无法读取 %2 上 %1 的可用空间。</translation>
    </message>
    <message>
        <source>Fix the folder&apos;s owner or mode, or remove it.</source>
        <translation>请修正该文件夹的所有者或权限，或删除它。</translation>
    </message>
    <message>
        <source>Found %1.</source>
        <translation>找到 %1。</translation>
    </message>
    <message>
        <source>Free space there or choose another work folder (--work-dir); ATC needs at least %1.</source>
        <translation>请在那里腾出空间，或选择另一个工作文件夹（--work-dir）；ATC 至少需要 %1。</translation>
    </message>
    <message>
        <source>Install ais_bench (pip, from the msit tools) or msame on %1.</source>
        <translation>请在 %1 上安装 ais_bench（pip，来自 msit 工具）或 msame。</translation>
    </message>
    <message>
        <source>Install the Ascend driver on %1 to run there; converting does not need it.</source>
        <translation>要在 %1 上运行，请在那里安装昇腾驱动；转换不需要它。</translation>
    </message>
    <message>
        <source>Install the CANN toolkit on %1 to convert there; running needs only the driver, npu-smi and a runner.</source>
        <translation>要在 %1 上转换，请在那里安装 CANN 工具包；运行只需要驱动、npu-smi 和一个运行器。</translation>
    </message>
    <message>
        <source>Install the CANN toolkit or nnrt on %1, or name its set_env.sh: atcwb hosts add %1 --destination %2 --env-script PATH (or Tools &gt; Settings &gt; Hosts).</source>
        <translation>请在 %1 上安装 CANN 工具包或 nnrt，或指明它的 set_env.sh：atcwb hosts add %1 --destination %2 --env-script PATH（或 工具 &gt; 设置 &gt; 主机）。</translation>
    </message>
    <message>
        <source>Install the OpenSSH client (Debian: apt install openssh-client).</source>
        <translation>请安装 OpenSSH 客户端（Debian：apt install openssh-client）。</translation>
    </message>
    <message>
        <source>Install your public key on the host (ssh-copy-id -p %1 %2), load it into ssh-agent, or name the private key with --identity; passwords are never asked (BatchMode).</source>
        <translation>请把你的公钥安装到主机上（ssh-copy-id -p %1 %2），把它加载到 ssh-agent，或用 --identity 指明私钥；本程序从不询问密码（BatchMode）。</translation>
    </message>
    <message>
        <source>Logged in as %1.</source>
        <translation>已以 %1 登录。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation>%1 在 %2 s 内没有应答。</translation>
    </message>
    <message>
        <source>No atc on PATH on %1 after sourcing the environment script.</source>
        <translation>加载环境脚本后，%1 的 PATH 中没有 atc。</translation>
    </message>
    <message>
        <source>No npu-smi on %1: no NPU driver.</source>
        <translation>%1 上没有 npu-smi：没有 NPU 驱动。</translation>
    </message>
    <message>
        <source>None of om-runner, ais_bench, msit, msame is on PATH on %1.</source>
        <translation>%1 的 PATH 中没有 om-runner、ais_bench、msit、msame 中的任何一个。</translation>
    </message>
    <message>
        <source>None of these exists on %1: %2.</source>
        <translation>%1 上这些都不存在：%2。</translation>
    </message>
    <message>
        <source>Not checked: %1 failed.</source>
        <translation>未检查：%1 失败。</translation>
    </message>
    <message>
        <source>Not checked: the probe was cancelled.</source>
        <translation>未检查：探测已取消。</translation>
    </message>
    <message>
        <source>Only %1 free for %2 on %3.</source>
        <translation>%3 上的 %2 只有 %1 可用。</translation>
    </message>
    <message>
        <source>Probe again: the key may have changed between the checks.</source>
        <translation>请再探测一次：密钥可能在两次检查之间发生了变化。</translation>
    </message>
    <message>
        <source>Run `. %1` in a shell on %2 and fix what it reports.</source>
        <translation>请在 %2 上的 shell 中运行 `. %1`，并修正它报告的问题。</translation>
    </message>
    <message>
        <source>Run `npu-smi info` on %1 and check the driver (dmesg, /var/log/npu).</source>
        <translation>请在 %1 上运行 `npu-smi info` 并检查驱动（dmesg、/var/log/npu）。</translation>
    </message>
    <message>
        <source>Sourced %1.</source>
        <translation>已加载 %1。</translation>
    </message>
    <message>
        <source>Sourcing %1 on %2 failed (exit status %3)%4</source>
        <translation>在 %2 上加载 %1 失败（退出状态 %3）%4</translation>
    </message>
    <message>
        <source>The probe stopped before `uname -m` (last section: %1).</source>
        <translation>探测在 `uname -m` 之前停止了（最后一节：%1）。</translation>
    </message>
    <message>
        <source>Try it by hand: ssh -p %1 %2 true</source>
        <translation>请手动试一下：ssh -p %1 %2 true</translation>
    </message>
    <message>
        <source>WARNING: the host key of %1 has changed: trusted %2 %3, presented now %4 %5. Someone may be intercepting the connection, or the host was reinstalled.</source>
        <translation>警告：%1 的主机密钥已经改变：信任的是 %2 %3，现在出示的是 %4 %5。可能有人在截获连接，或者主机被重装了。</translation>
    </message>
    <message>
        <source>`npu-smi info` failed (exit status %1): %2</source>
        <translation>`npu-smi info` 失败（退出状态 %1）：%2</translation>
    </message>
    <message>
        <source>`npu-smi info` printed something unexpected: %1</source>
        <translation>`npu-smi info` 输出了意外的内容：%1</translation>
    </message>
    <message>
        <source>atc at %1 (CANN %2, %3 SoCs).</source>
        <translation>atc 位于 %1（CANN %2，%3 个 SoC）。</translation>
    </message>
    <message>
        <source>ssh refused the host key: %1</source>
        <translation>ssh 拒绝了主机密钥：%1</translation>
    </message>
    <message>
        <source>ssh to %1 failed (%2)%3</source>
        <translation>ssh 到 %1 失败（%2）%3</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>版本未知</translation>
    </message>
</context>
<context>
    <name>RemoteRun</name>
    <message>
        <source>%1 has no C++ compiler (none of $CXX, g++, c++, clang++ on its PATH after the environment script), so om-runner cannot be built there</source>
        <translation>%1 没有 C++ 编译器（加载环境脚本后，它的 PATH 中没有 $CXX、g++、c++、clang++ 中的任何一个），因此无法在那里构建 om-runner</translation>
    </message>
    <message>
        <source>(%1) </source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Building om-runner on %1 with %2 %3(no shipped build fits it; once per version of om-runner&apos;s sources)</source>
        <translation>正在 %1 上用 %2 %3构建 om-runner（没有适合它的随附版本；om-runner 源码的每个版本只构建一次）</translation>
    </message>
    <message>
        <source>Cannot write om-runner&apos;s sources to %1 to build it on %2: %3.</source>
        <translation>无法把 om-runner 的源码写到 %1 以在 %2 上构建：%3。</translation>
    </message>
    <message>
        <source>Fetching %1 file(s) (%2) from %3</source>
        <translation>正在从 %3 取回 %1 个文件（%2）</translation>
    </message>
    <message>
        <source>No om-runner can run on %1 (%2): running the host&apos;s %3 (%4) instead.</source>
        <translation>%1 上无法运行 om-runner（%2）：改为运行该主机的 %3（%4）。</translation>
    </message>
    <message>
        <source>No om-runner can run on %1: %2. Neither ais_bench nor msame is on its PATH either: install a C++ compiler (g++) or ais_bench / msame there, or give --tool PATH_ON_HOST.</source>
        <translation>%1 上无法运行 om-runner：%2。它的 PATH 中也没有 ais_bench 或 msame：请在那里安装 C++ 编译器（g++）或 ais_bench / msame，或给出 --tool 主机上的路径。</translation>
    </message>
    <message>
        <source>No shipped om-runner fits %1: %2.</source>
        <translation>没有适合 %1 的随附 om-runner：%2。</translation>
    </message>
    <message>
        <source>Running %1 on %2</source>
        <translation>正在 %2 上运行 %1</translation>
    </message>
    <message>
        <source>The shipped om-runner for %1 does not start on %2 (%3).</source>
        <translation>适用于 %1 的随附 om-runner 无法在 %2 上启动（%3）。</translation>
    </message>
    <message>
        <source>Uploading %1 (%2) to %3</source>
        <translation>正在把 %1（%2）上传到 %3</translation>
    </message>
    <message>
        <source>Uploading om-runner&apos;s sources to %1</source>
        <translation>正在把 om-runner 的源码上传到 %1</translation>
    </message>
    <message>
        <source>building om-runner on %1 did not run (%2%3)</source>
        <translation>在 %1 上构建 om-runner 没有运行（%2%3）</translation>
    </message>
    <message>
        <source>building om-runner on %1 with %2 failed: %3</source>
        <translation>在 %1 上用 %2 构建 om-runner 失败：%3</translation>
    </message>
    <message>
        <source>om-runner: using the one built on %1 before (%2)</source>
        <translation>om-runner：使用之前在 %1 上构建的版本（%2）</translation>
    </message>
    <message>
        <source>om-runner was built on %1 from its sources%2 (%3).</source>
        <translation>om-runner 是在 %1 上从其源码构建的%2（%3）。</translation>
    </message>
    <message>
        <source> with %1</source>
        <translation>，使用 %1</translation>
    </message>
    <message>
        <source>an earlier build, cached by the sources&apos; sha256</source>
        <translation>之前的构建，按源码的 sha256 缓存</translation>
    </message>
    <message>
        <source>cached there for the next run</source>
        <translation>已缓存在那里供下次运行使用</translation>
    </message>
    <message>
        <source>%1 could not be started: %2.</source>
        <translation>无法启动 %1：%2。</translation>
    </message>
    <message>
        <source>%1 did not start on %2 (%3) Run `atcwb hosts probe %2` to see what is wrong.</source>
        <translation>%1 没有在 %2 上启动（%3）请运行 `atcwb hosts probe %2` 查看问题所在。</translation>
    </message>
    <message>
        <source>%1 did not start on %2 (%3): %4. Run `atcwb hosts probe %2` to see what is wrong.</source>
        <translation>%1 没有在 %2 上启动（%3）：%4。请运行 `atcwb hosts probe %2` 查看问题所在。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while %2 ran%3. %2 may still be running on %1 (pid %4, process group %5). Look with: ssh -p %6 %7 ps -o pid,etime,args -g %5 ; stop it with: ssh -p %6 %7 kill -TERM -%5</source>
        <translation>%2 运行期间与 %1 的连接断开了%3。%2 可能仍在 %1 上运行（pid %4，进程组 %5）。查看：ssh -p %6 %7 ps -o pid,etime,args -g %5；停止：ssh -p %6 %7 kill -TERM -%5</translation>
    </message>
    <message>
        <source>%1 was not found on %2 (%3). Check the host&apos;s environment script: `atcwb hosts probe %2` shows what it finds.</source>
        <translation>在 %2 上找不到 %1（%3）。请检查主机的环境脚本：`atcwb hosts probe %2` 会显示它找到了什么。</translation>
    </message>
    <message>
        <source>%1 on %2 is built for another processor architecture (Exec format error): use a build for the host&apos;s architecture (`uname -m` there; `atcwb hosts probe %2` shows it).</source>
        <translation>%2 上的 %1 是为另一种处理器架构构建的（Exec format error）：请使用适合该主机架构的构建（在那里运行 `uname -m`；`atcwb hosts probe %2` 也会显示）。</translation>
    </message>
    <message>
        <source>%1 on %2 cannot be executed (%3).</source>
        <translation>%2 上的 %1 无法执行（%3）。</translation>
    </message>
    <message>
        <source>%1 failed: the work folder %2 on %3 is full%4. Free space there, or choose another work folder: atcwb hosts add %3 --destination %5 --work-dir DIR.</source>
        <translation>%1 失败：%3 上的工作文件夹 %2 已满%4。请在那里腾出空间，或选择另一个工作文件夹：atcwb hosts add %3 --destination %5 --work-dir DIR。</translation>
    </message>
    <message>
        <source>%1 failed: the work folder %2 on %3 is on a read-only file system%4. Choose a writable work folder: atcwb hosts add %3 --destination %5 --work-dir DIR.</source>
        <translation>%1 失败：%3 上的工作文件夹 %2 位于只读文件系统上%4。请选择一个可写的工作文件夹：atcwb hosts add %3 --destination %5 --work-dir DIR。</translation>
    </message>
    <message>
        <source>%1 failed: the work folder %2 on %3 is not writable for %4. Fix its owner or mode, or choose another work folder with --work-dir.</source>
        <translation>%1 失败：%3 上的工作文件夹 %2 对 %4 不可写。请修正它的所有者或权限，或用 --work-dir 选择另一个工作文件夹。</translation>
    </message>
    <message>
        <source>%1 failed: the work folder %2 on %3 is not writable for %4 (%5). Fix its owner or mode, or choose another work folder with --work-dir.</source>
        <translation>%1 失败：%3 上的工作文件夹 %2 对 %4 不可写（%5）。请修正它的所有者或权限，或用 --work-dir 选择另一个工作文件夹。</translation>
    </message>
    <message>
        <source>%1 failed on %2.</source>
        <translation>%1 在 %2 上失败。</translation>
    </message>
    <message>
        <source>Making a run folder in %1</source>
        <translation>在 %1 中创建运行文件夹</translation>
    </message>
    <message>
        <source>Uploading %1 to %2</source>
        <translation>把 %1 上传到 %2</translation>
    </message>
    <message>
        <source>%1 failed on %2 (%3).</source>
        <translation>%1 在 %2 上失败（%3）。</translation>
    </message>
</context>
<context>
    <name>Accuracy</name>
    <message>
        <source>Cannot compare %1 with %2: only numeric tensors are compared.</source>
        <translation>无法比较 %1 与 %2：只比较数值张量。</translation>
    </message>
    <message>
        <source>The reference %1 holds %2 elements %3, the actual output %4 %5: not the same tensor (check the batch size and the output order).</source>
        <translation>参考输出 %1 有 %2 个元素 %3，实际输出有 %4 个 %5：不是同一个张量（请检查 batch 大小和输出顺序）。</translation>
    </message>
    <message>
        <source>shapes differ (%1 against %2), same element count: compared in order</source>
        <translation>形状不同（%1 对 %2），元素个数相同：按顺序比较</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>Both %1 and %2 in %3 could be output %4: keep one run&apos;s outputs per folder.</source>
        <translation>%3 中的 %1 和 %2 都可能是输出 %4：每个文件夹只保留一次运行的输出。</translation>
    </message>
    <message>
        <source>No actual output %1 in %2 (looked for output_%1.pb, output_%1.bin, *_%1.bin).</source>
        <translation>%2 中没有实际输出 %1（查找了 output_%1.pb、output_%1.bin、*_%1.bin）。</translation>
    </message>
</context>
</TS>
