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

# CPU seconds (user + sys) one compile step takes on this kind of machine with nothing cached: 3-13 s, 6.3 s on
# average over a sample of run.sh's files (README "First run"). The basis of the estimate below.
readonly cold_cpu_seconds_per_compile=6
target_args=()
what="everything (the app, its libraries, the tests)"
if [ $# -gt 0 ]; then
    target_args=(--target "$@")
    what="$*"
fi
# Every command the targets need from scratch (ninja's dry run cannot count what is left: with CMake's
# CONFIGURE_DEPENDS globs it stops at the glob check).
compiles=0
if command -v ninja >/dev/null 2>&1; then
    compiles="$(ninja -C "build/$preset" -t commands "$@" 2>/dev/null | grep -c -- ' -c .*\.cpp$' || true)"
fi
if grep -q '^WB_CCACHE:FILEPATH=.*ccache$' "build/$preset/CMakeCache.txt" && [ -z "${CCACHE_DISABLE:-}" ]; then
    cache="ccache on, so what was compiled before (in any checkout) is reused"
else
    cache="ccache off"
fi
if [ "${compiles:-0}" -gt 0 ]; then
    minutes=$(( (compiles * cold_cpu_seconds_per_compile / 2 + 59) / 60 ))
    echo "build: building $what in build/$preset: $compiles compile steps from scratch; $cache;" \
        "about $minutes minutes on 2 cores when nothing is built or cached yet"
fi
cmake --build --preset "$preset" -j2 "${target_args[@]}"
