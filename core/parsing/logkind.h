#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace wb {

enum class LogKind { Atc, Msame, AisBench, NpuSmi };

QString logKindName(LogKind kind); // "atc", "msame", "ais-bench", "npu-smi"
std::optional<LogKind> logKindFromName(const QString& name); // inverse of logKindName (also "ais_bench")

// Guesses which tool printed `text` from lines only that tool prints: the npu-smi table header, ais_bench's
// summary and throughput lines, msame's "Inference time"/"Execute sample" lines, ATC's sentences and error
// codes, `[FUNC:…][FILE:…][LINE:…]` and "Failed to compile Op [" (ATC; checked after the runners, whose ACL errors
// carry the same suffix). Pasted text is unquoted first (unquotePastedLines). nullopt when nothing matches.
std::optional<LogKind> detectLogKind(const QByteArray& text);

} // namespace wb
