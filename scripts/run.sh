#!/usr/bin/env bash
# Builds ATC Workbench and opens it on the bundled sample model (generated at build time).
# Extra arguments go to atc-workbench, e.g. scripts/run.sh --verbose
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dev
model="build/dev/models/resnet_dynamic_batch.onnx"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run: no display found; starting under xvfb-run (set DISPLAY to see the window)" >&2
    exec xvfb-run -a build/dev/bin/atc-workbench "$@" "$model"
fi
exec build/dev/bin/atc-workbench "$@" "$model"
