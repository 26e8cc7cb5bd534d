#!/usr/bin/env node
// dagre side of wb_bench_layout: lays out one graph with @dagrejs/dagre (the engine Netron uses) and writes
// the coordinates back, plus dagre's own time.
//
//   node dagre_layout.js IN.json OUT.json [--runs N]
//
// IN.json  {"nodes": [[w, h], ...], "edges": [[from, to], ...],
//           "options": {"rankdir": "TB", "nodesep": 24, "ranksep": 56, "edgesep": 24}}
// OUT.json {"engine": "dagre", "version": "3.1.3", "ms": median ms of dagre.layout(), "runs": [ms, ...],
//           "cpuMs": median CPU ms of the node process during dagre.layout() (all its threads, GC included),
//           "buildMs": ms to fill the graphlib graph (not in "ms"),
//           "nodes": [[left, top, w, h], ...] in input order,
//           "edges": [[x0, y0, x1, y1, ...], ...] in input order (dagre's edge points)}
//
// dagre recurses deeply (ranking, network simplex) and overflows node's default stack from about 5k nodes.
// Instead of `node --stack-size`, which crashes once it exceeds the real thread stack (ulimit -s), the layout
// runs in a worker thread whose stack is really allocated at the requested size.
'use strict';

const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');

const kStackMb = 1024;

function usage() {
    process.stderr.write('usage: node dagre_layout.js IN.json OUT.json [--runs N]\n');
    process.exit(2);
}

if (isMainThread) {
    const args = process.argv.slice(2);
    const files = [];
    let runs = 1;
    for (let i = 0; i < args.length; ++i) {
        if (args[i] === '--runs' && i + 1 < args.length)
            runs = Math.max(1, parseInt(args[++i], 10) || 1);
        else if (args[i].startsWith('--'))
            usage();
        else
            files.push(args[i]);
    }
    if (files.length !== 2)
        usage();
    const worker = new Worker(__filename, {
        workerData: { input: files[0], output: files[1], runs },
        resourceLimits: { stackSizeMb: kStackMb, maxOldGenerationSizeMb: 16384 },
    });
    worker.on('error', (e) => {
        process.stderr.write(`dagre_layout: ${e && e.stack ? e.stack : e}\n`);
        process.exitCode = 1;
    });
    worker.on('exit', (code) => {
        if (code !== 0 && !process.exitCode)
            process.exitCode = code;
    });
} else {
    const dagre = require('@dagrejs/dagre');
    const input = JSON.parse(fs.readFileSync(workerData.input, 'utf8'));
    const options = Object.assign({ rankdir: 'TB', nodesep: 24, ranksep: 56, edgesep: 24 }, input.options || {});

    const build = () => {
        const g = new dagre.graphlib.Graph({ multigraph: false, compound: false });
        g.setGraph({
            rankdir: options.rankdir,
            nodesep: options.nodesep,
            ranksep: options.ranksep,
            edgesep: options.edgesep,
            marginx: 0,
            marginy: 0,
        });
        g.setDefaultEdgeLabel(() => ({}));
        input.nodes.forEach(([w, h], i) => g.setNode(String(i), { width: w, height: h }));
        for (const [a, b] of input.edges)
            g.setEdge(String(a), String(b));
        return g;
    };

    const times = [];
    const cpuTimes = [];
    let g = null;
    let buildMs = 0;
    for (let run = 0; run < workerData.runs; ++run) {
        const b0 = process.hrtime.bigint();
        g = build();
        buildMs = Number(process.hrtime.bigint() - b0) / 1e6;
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        dagre.layout(g);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const c = process.cpuUsage(c0);
        cpuTimes.push((c.user + c.system) / 1000);
    }
    const median = (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const m = sorted.length >> 1;
        return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    };

    const r = (v) => Math.round(v * 100) / 100;
    const nodes = input.nodes.map((_, i) => {
        const n = g.node(String(i));
        return [r(n.x - n.width / 2), r(n.y - n.height / 2), n.width, n.height];
    });
    const edges = input.edges.map(([a, b]) => {
        const e = a === b ? null : g.edge(String(a), String(b));
        const out = [];
        if (e && e.points) {
            for (const p of e.points)
                out.push(r(p.x), r(p.y));
        }
        return out;
    });
    let version = dagre.version;
    try {
        version = require('@dagrejs/dagre/package.json').version;
    } catch (e) {
        // keep dagre.version
    }
    fs.writeFileSync(workerData.output, JSON.stringify({
        engine: 'dagre',
        version,
        ms: median(times),
        runs: times,
        cpuMs: median(cpuTimes),
        buildMs,
        nodes,
        edges,
    }));
}
