#!/usr/bin/env bash
# Builds what the app needs (the app with its libraries, om-runner, and the sample models with their generator;
# not the tests) and opens it on the bundled sample model (generated at build time).
# Extra arguments go to atc-workbench, e.g. scripts/run.sh --verbose
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dev atc-workbench om-runner wb_models
model="build/dev/models/resnet_dynamic_batch.onnx"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run: no display found; starting under xvfb-run (set DISPLAY to see the window)" >&2
    exec xvfb-run -a build/dev/bin/atc-workbench "$@" "$model"
fi
echo "run: opening build/dev/bin/atc-workbench $model" >&2
exec build/dev/bin/atc-workbench "$@" "$model"
