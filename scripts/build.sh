#!/usr/bin/env bash
# Configures (once) and builds ATC Workbench into ./build/PRESET. Usage: scripts/build.sh [PRESET] [TARGET...]
# (default preset: dev; no targets: everything, tests included). Says how much there is to build before it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
[ $# -gt 0 ] && shift
# Let ccache reuse objects across checkouts in different folders (CI clones afresh each time).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
"$(dirname "$0")/install-deps.sh"
if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    echo "build: configuring the $preset preset into build/$preset"
    cmake --preset "$preset"
fi

# Seconds one compile step takes on one core of a 2-core machine with nothing cached (measured for run.sh's
# targets, README "First run"): the basis of the estimate below.
readonly cold_seconds_per_step=14
target_args=()
what="everything (the app, its libraries, the tests)"
if [ $# -gt 0 ]; then
    target_args=(--target "$@")
    what="$*"
fi
steps="$(cmake --build --preset "$preset" "${target_args[@]}" -- -n 2>/dev/null | grep -c '^\[' || true)"
if grep -q '^CMAKE_CXX_COMPILER_LAUNCHER:.*ccache' "build/$preset/CMakeCache.txt" \
    && [ -z "${CCACHE_DISABLE:-}" ]; then
    cache="ccache on: objects built before are reused, so it can be much quicker"
else
    cache="ccache off"
fi
if [ "${steps:-0}" -gt 0 ]; then
    minutes=$(( (steps * cold_seconds_per_step / 2 + 59) / 60 ))
    echo "build: building $what in build/$preset: $steps steps; $cache; about $minutes minutes on 2 cores when nothing is cached"
fi
cmake --build --preset "$preset" -j2 "${target_args[@]}"
