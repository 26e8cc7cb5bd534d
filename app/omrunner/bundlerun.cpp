#include "bundlerun.h"

#include "om_dispatch.h"
#include "report.h"
#include "tensors.h"

#include <algorithm>
#include <cstring>

namespace omr {

namespace {

using wb::dispatch::Strategy;

std::string numberList(const std::vector<std::uint64_t>& values)
{
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? "," : "") + std::to_string(values[i]);
    return text + "]";
}

std::string sortedList(std::vector<std::uint64_t> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return numberList(values);
}

std::string ms(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

// The figures of one strategy as a JSON object (shared by the strategy and summary events).
std::string statsObject(const wb::dispatch::StrategyStats& s, const std::vector<std::uint64_t>& batches)
{
    char waste[64];
    char throughput[64];
    std::snprintf(waste, sizeof waste, "%.6f", s.paddingWaste);
    std::snprintf(throughput, sizeof throughput, "%.3f", s.throughput);
    const bool any = s.requests > 0;
    const auto figure = [any](double v) { return any ? ms(v) : std::string("null"); };
    return "{\"batches\":" + sortedList(batches) + ",\"requests\":" + std::to_string(s.requests)
        + ",\"samples\":" + std::to_string(s.samples) + ",\"executed\":" + std::to_string(s.executed)
        + ",\"padded\":" + std::to_string(s.padded) + ",\"padding_waste\":" + waste + ",\"throughput\":" + throughput
        + ",\"latency_ms\":{\"min\":" + figure(s.minMs) + ",\"median\":" + figure(s.medianMs)
        + ",\"mean\":" + figure(s.meanMs) + ",\"p90\":" + figure(s.p90Ms) + ",\"p95\":" + figure(s.p95Ms)
        + ",\"p99\":" + figure(s.p99Ms) + ",\"max\":" + figure(s.maxMs) + "}}";
}

} // namespace

int runBundle(const AclApi& api, const std::string& libraryPath, const Options& options, Output& out,
    const std::atomic<int>& stop, int protocol, const char* version)
{
    omd::Bundle bundle;
    std::string error;
    if (!omd::readBundle(options.bundle, bundle, error)) {
        report(out, errorEvent("bundle", error).add("file", options.bundle), error);
        return ExitUsage;
    }
    std::vector<Strategy> strategies;
    for (const std::string& name : options.strategies) {
        Strategy s {};
        wb::dispatch::strategyFromName(name, s);
        if (std::find(strategies.begin(), strategies.end(), s) == strategies.end())
            strategies.push_back(s);
    }
    std::string names = "[";
    for (std::size_t i = 0; i < strategies.size(); ++i)
        names += (i ? "," : "") + quote(wb::dispatch::strategyName(strategies[i]));
    Json start("start");
    start.add("protocol", protocol).add("version", version).add("bundle", options.bundle);
    start.add("library", libraryPath).raw("strategies", names + "]");
    start.add("requests", static_cast<std::uint64_t>(options.requests.size()));
    if (!options.requestMix.empty())
        start.add("request_mix", options.requestMix).add("seed", options.seed);
    else
        start.null("request_mix");
    start.add("chunking", options.chunking);
    out.event(start);

    omd::Dispatcher dispatcher;
    omd::DispatchOptions dispatchOptions;
    dispatchOptions.device = options.device;
    dispatchOptions.chunking = options.chunking;
    if (!dispatcher.open(api, bundle, dispatchOptions, error)) {
        const bool acl = error.rfind("acl", 0) == 0;
        report(out, errorEvent(acl ? "acl" : "bundle", error).add("file", options.bundle), error);
        return acl ? ExitAclFailure : ExitUsage;
    }
    out.event(Json("device").add("device", options.device).add("soc", dispatcher.socName()));
    std::string oms = "[";
    for (std::size_t i = 0; i < bundle.oms.size(); ++i) {
        const omd::BundleOm& om = bundle.oms[i];
        oms += std::string(i ? "," : "") + "{\"file\":" + quote(om.file)
            + ",\"batch\":" + (om.dynamic() ? std::string("null") : std::to_string(om.batch))
            + ",\"dynamic_batch\":" + numberList(om.gears) + "}";
    }
    Json bundleEvent("bundle");
    bundleEvent.add("manifest", bundle.manifest).add("model", bundle.modelName).add("soc", bundle.soc);
    out.event(bundleEvent.raw("oms", oms + "]"));

    // Host memory for the largest request; inputs zeros or random (--input), the same for every strategy.
    std::uint64_t largest = 1;
    for (std::uint64_t n : options.requests)
        largest = std::max(largest, n);
    if (options.calibrate > 0) {
        for (std::uint64_t b : dispatcher.batches(Strategy::PerBatch))
            largest = std::max(largest, b);
    }
    const bool random = !options.inputs.empty() && options.inputs.front() == "random";
    std::vector<std::vector<unsigned char>> inputs(dispatcher.inputCount());
    std::vector<const void*> inputPointers;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        inputs[i].assign(static_cast<std::size_t>(largest) * dispatcher.inputSampleBytes(i), 0);
        if (random) {
            const std::string& dtype = bundle.oms.front().inputs[i].dtype;
            std::int32_t code = 0;
            for (std::int32_t c = 0; c < 40; ++c) {
                if (dtype == dtypeName(c)) {
                    code = c;
                    break;
                }
            }
            fillRandom(inputs[i].data(), inputs[i].size(), code, options.seed, i);
        }
        inputPointers.push_back(inputs[i].data());
    }
    std::vector<std::vector<unsigned char>> outputs(dispatcher.outputCount());
    std::vector<void*> outputPointers;
    for (std::size_t o = 0; o < outputs.size(); ++o) {
        outputs[o].assign(static_cast<std::size_t>(largest) * dispatcher.outputSampleBytes(o), 0);
        outputPointers.push_back(outputs[o].data());
    }

    std::vector<wb::dispatch::Measured> measured;
    std::string summaryStrategies = "{";
    int exit = ExitOk;
    for (Strategy strategy : strategies) {
        const char* name = wb::dispatch::strategyName(strategy);
        const std::vector<std::uint64_t>& batches = dispatcher.batches(strategy);
        if (batches.empty()) {
            error = options.bundle + " has no OM for the " + name + " strategy"
                + (strategy == Strategy::Dynamic ? " (it needs an OM converted with --dynamic_batch_size)"
                                                 : " (it needs an OM of a static batch size)")
                + ". Leave it out of --strategies, or add such an OM with `atcwb bundle`.";
            report(out, errorEvent("usage", error).add("strategy", name), error);
            exit = ExitUsage;
            break;
        }
        // Warm-up: every target of the strategy, --warmup times, untimed.
        for (std::int64_t w = 0; w < options.warmup && exit == ExitOk; ++w) {
            for (std::uint64_t batch : batches) {
                if (!dispatcher.infer(batch, inputPointers.data(), outputPointers.data(), strategy, error)) {
                    report(out, errorEvent("acl", error).add("strategy", name), error);
                    exit = ExitAclFailure;
                    break;
                }
            }
        }
        std::vector<double> latency;
        latency.reserve(options.requests.size());
        std::uint64_t samples = 0, executed = 0, padded = 0;
        for (std::size_t r = 0; exit == ExitOk && r < options.requests.size(); ++r) {
            if (stop.load(std::memory_order_relaxed) != 0 || out.broken())
                break;
            const std::uint64_t n = options.requests[r];
            const std::int64_t t0 = steadyNowNs();
            const bool ok = dispatcher.infer(n, inputPointers.data(), outputPointers.data(), strategy, error);
            const std::int64_t t1 = steadyNowNs();
            if (!ok) {
                const bool acl = error.rfind("acl", 0) == 0;
                Json event = errorEvent(acl ? "acl" : "usage", error);
                report(out, event.add("strategy", name).add("index", static_cast<std::uint64_t>(r)), error);
                exit = acl ? ExitAclFailure : ExitUsage;
                break;
            }
            const std::vector<wb::dispatch::Step>& steps = dispatcher.lastSteps();
            std::uint64_t e = 0, p = 0;
            for (const wb::dispatch::Step& step : steps) {
                e += step.batch;
                p += step.padding;
            }
            samples += n;
            executed += e;
            padded += p;
            const double took = static_cast<double>(t1 - t0) / 1e6;
            latency.push_back(took);
            Json event("request");
            event.add("strategy", name).add("index", static_cast<std::uint64_t>(r)).add("samples", n);
            event.add("om", dispatcher.targetFile(strategy, steps.front().target)).add("batch", steps.front().batch);
            event.add("executed", e).add("padding", p).add("chunks", static_cast<std::uint64_t>(steps.size()));
            event.raw("ms", nsToMs(t1 - t0));
            out.event(event);
        }
        if (exit != ExitOk)
            break;
        wb::dispatch::Measured m;
        m.strategy = strategy;
        m.batches = batches;
        std::sort(m.batches.begin(), m.batches.end());
        m.batches.erase(std::unique(m.batches.begin(), m.batches.end()), m.batches.end());
        m.stats = wb::dispatch::summariseStrategy(latency, samples, executed, padded);
        const std::string figures = statsObject(m.stats, m.batches);
        Json event("strategy");
        event.add("strategy", name).raw("batches", sortedList(m.batches)).add("requests", m.stats.requests);
        event.add("samples", m.stats.samples).add("executed", m.stats.executed).add("padded", m.stats.padded);
        event.add("padding_waste", m.stats.paddingWaste, 6).add("throughput", m.stats.throughput, 3);
        const std::size_t latencyAt = figures.find("\"latency_ms\":");
        event.raw("latency_ms", figures.substr(latencyAt + 13, figures.size() - latencyAt - 14));
        out.event(event);
        summaryStrategies += (measured.empty() ? "" : ",") + quote(name) + ":" + figures;
        measured.push_back(std::move(m));
        if (stop.load(std::memory_order_relaxed) != 0)
            break;
    }
    // Calibration (--calibrate N): every static OM on a full batch, --warmup untimed and N timed runs each, for the
    // recommendation over subsets of the batch sizes (atcwb's run/subsetsearch.h).
    std::vector<std::uint64_t> calibrated = dispatcher.batches(Strategy::PerBatch);
    std::sort(calibrated.begin(), calibrated.end());
    calibrated.erase(std::unique(calibrated.begin(), calibrated.end()), calibrated.end());
    for (std::size_t c = 0; options.calibrate > 0 && exit == ExitOk && c < calibrated.size(); ++c) {
        if (stop.load(std::memory_order_relaxed) != 0 || out.broken())
            break;
        const std::uint64_t batch = calibrated[c];
        std::string runs = "[";
        for (std::int64_t w = 0; w < options.warmup && exit == ExitOk; ++w) {
            if (!dispatcher.infer(batch, inputPointers.data(), outputPointers.data(), Strategy::PerBatch, error)) {
                report(out, errorEvent("acl", error).add("strategy", "calibration"), error);
                exit = ExitAclFailure;
            }
        }
        for (std::int64_t i = 0; exit == ExitOk && i < options.calibrate; ++i) {
            const std::int64_t t0 = steadyNowNs();
            const bool ok
                = dispatcher.infer(batch, inputPointers.data(), outputPointers.data(), Strategy::PerBatch, error);
            const std::int64_t t1 = steadyNowNs();
            if (!ok) {
                report(out, errorEvent("acl", error).add("strategy", "calibration"), error);
                exit = ExitAclFailure;
                break;
            }
            runs += (i ? "," : "") + nsToMs(t1 - t0);
        }
        if (exit != ExitOk)
            break;
        Json event("calibration");
        event.add("batch", batch)
            .add("om", dispatcher.targetFile(Strategy::PerBatch, dispatcher.lastSteps().front().target))
            .raw("ms", runs + "]");
        out.event(event);
    }
    if (stop.load(std::memory_order_relaxed) != 0 && exit == ExitOk) {
        const int signal = stop.load(std::memory_order_relaxed);
        out.event(Json("stopped").add("signal", signalName(signal)));
        exit = ExitSignalBase + signal;
    }
    const wb::dispatch::Recommendation rec = wb::dispatch::recommend(measured, options.latencyBudgetMs);
    Json summary("summary");
    summary.raw("strategies", summaryStrategies + "}");
    if (rec.valid) {
        summary.raw("recommendation",
            "{\"batches\":" + numberList(rec.batches) + ",\"strategy\":"
                + quote(wb::dispatch::strategyName(rec.strategy)) + ",\"reason\":" + quote(rec.reason) + "}");
    } else {
        summary.null("recommendation");
    }
    if (options.latencyBudgetMs > 0)
        summary.add("latency_budget_ms", options.latencyBudgetMs, 3);
    else
        summary.null("latency_budget_ms");
    summary.add("complete", exit == ExitOk);
    out.event(summary);
    return exit;
}

} // namespace omr
