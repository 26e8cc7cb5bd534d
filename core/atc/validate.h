#pragma once

#include "atcfinding.h"

#include <QList>

namespace wb {

struct AtcOptions;
struct AtcModelFacts;
struct AtcToolkit;

// Every rule of shared/reference/atc.md §2.4 (mutual exclusions, profile counts, batch range, -1 placement, formats,
// scalar inputs with profiles, precision and implmode pairs, ...), the model-aware rules (input names exist, every
// dynamic dim fixed or covered by a profile, out_nodes exist, opsets per domain, operators ATC can parse), and the
// toolkit rules (SoC known, flags this ATC accepts). `model` may be null: the model-aware rules are then skipped.
// Pure apart from file-system look-ups (input files exist, output folders writable); cheap enough to run on every
// edit. The rule ids, what each checks and the ATC error it prevents are listed in README.md.
QList<AtcFinding> validate(const AtcOptions& options, const AtcModelFacts* model, const AtcToolkit& toolkit);

} // namespace wb
