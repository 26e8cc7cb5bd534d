#!/usr/bin/env bash
# Configures (once) and builds ATC Workbench into ./build with the given preset (default: dev).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
"$(dirname "$0")/install-deps.sh"
if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    cmake --preset "$preset"
fi
cmake --build --preset "$preset" -j2
