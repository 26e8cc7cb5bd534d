#!/usr/bin/env bash
# Builds ATC Workbench with the ci preset (warnings as errors) and runs every test with ctest.
# Extra arguments go to ctest, e.g. scripts/test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh ci
export QT_QPA_PLATFORM=offscreen
ctest --preset ci "$@"
