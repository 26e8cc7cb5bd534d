#pragma once

#include "atcfinding.h"
#include "atcoptions.h"
#include "modelfacts.h"
#include "onnx/shapespec.h"
#include "toolkit.h"

namespace wb::detail {

// What the rule functions share: the inputs and the list they append to.
struct RuleContext {
    const AtcOptions& options;
    const AtcModelFacts* model;
    const AtcToolkit& toolkit;
    QList<AtcFinding>& out;

    void add(AtcSeverity severity, const QString& rule, const QString& field, const QString& message,
        const QString& fix, const QString& atcError = {}, const QStringList& nodes = {}) const
    {
        out.append({ severity, rule, field, message, fix, nodes, atcError });
    }
    bool converting() const { return options.mode == AtcMode::Convert || options.mode == AtcMode::PreCheck; }
};

void checkGeneral(const RuleContext& ctx); // required flags, paths, SoC, toolkit, flag support (validatepaths.cpp)
void checkFlagValues(const RuleContext& ctx); // enumerated values and flag pairs (validateflags.cpp)
void checkShapes(const RuleContext& ctx); // input_shape, profiles (validateshapes.cpp), then:
// validateinputs.cpp: the model's inputs against the parsed --input_shape, and dynamic-shape mode.
void checkModelInputs(const RuleContext& ctx, const QList<InputShapeSpec>& specs, const QString& gearField);
void checkDynamicShapeMode(const RuleContext& ctx, const QList<InputShapeSpec>& specs, const QString& gearField);
void reportUnknownInput(const RuleContext& ctx, const QString& field, const QString& name);

} // namespace wb::detail
