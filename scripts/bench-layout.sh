#!/usr/bin/env bash
# Layout benchmark: installs what it needs (idempotent), builds wb_bench_layout and wb_bench_graphview in their own
# build directory and runs them. See bench/README-layout.md.
#
#   scripts/bench-layout.sh [--build-dir DIR] [--no-install] [--no-graphview] [--markdown FILE] [-- wb_bench_layout args]
#
# Environment: JOBS (default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build/benchlayout"
install=1
graphview=1
markdown=""
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --no-graphview) graphview=0; shift ;;
    --markdown) markdown="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "bench-layout.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ $install -eq 1 ]]; then
    # Graphviz dot (Debian package graphviz) and node/npm for dagre.
    missing=()
    command -v dot >/dev/null || missing+=(graphviz)
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "== apt-get install ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
    # dagre, pinned in bench/layout/package.json + package-lock.json, into bench/layout/node_modules (ignored by git).
    want="$(node -p "require('$root/bench/layout/package.json').dependencies['@dagrejs/dagre']")"
    have="$(node -p "try { require('$root/bench/layout/node_modules/@dagrejs/dagre/package.json').version } catch (e) { '' }")"
    if [[ "$have" != "$want" ]]; then
        echo "== npm ci in bench/layout (@dagrejs/dagre $want)"
        (cd "$root/bench/layout" && npm ci --no-audit --no-fund)
    fi
fi

echo "== build ($build)"
cfg=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DWB_BUILD_BENCH=ON -DWB_BUILD_TESTS=OFF)
cmake -S "$root" -B "$build" "${cfg[@]}" >/dev/null
targets=(wb_bench_layout)
[[ $graphview -eq 1 ]] && targets+=(wb_bench_graphview)
cmake --build "$build" --target "${targets[@]}" -j"${JOBS:-2}"

args=("${extra[@]}")
graphview_md=""
if [[ -n "$markdown" ]]; then
    args+=(--markdown "$markdown")
    graphview_md="${markdown%.md}-graphview.md"
fi

echo "== wb_bench_layout ${args[*]}"
"$build/bin/wb_bench_layout" "${args[@]}"

if [[ $graphview -eq 1 ]]; then
    echo "== wb_bench_graphview"
    if [[ -n "$graphview_md" ]]; then
        QT_QPA_PLATFORM=offscreen "$build/bin/wb_bench_graphview" --markdown "$graphview_md"
    else
        QT_QPA_PLATFORM=offscreen "$build/bin/wb_bench_graphview"
    fi
fi
