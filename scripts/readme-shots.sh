#!/usr/bin/env bash
# Refreshes the README's pictures that the UI tests take on the way (tests/readmeshot.h, wbtest::readmeShot): builds
# the tests that take them, runs them offscreen with WB_README_SHOTS pointing at a fresh temporary folder, and copies
# the PNGs they wrote into docs/. Nothing in docs/ changes unless every one of these tests passed.
# Usage: scripts/readme-shots.sh [PRESET] (default: ci, the preset of scripts/test.sh).
# Exit status: 0 pictures copied; 1 a build or test failed (docs/ untouched).
# tst_remotegui needs the sshd of scripts/install-deps.sh (it drives a real one on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"
readonly tests=(tst_runpage tst_shapespage tst_shapesync tst_workflowui tst_remotegui)

scripts/build.sh "$preset" "${tests[@]}"
shots="$(mktemp -d)"
trap 'rm -rf "$shots"' EXIT
regex="^($(IFS='|' && echo "${tests[*]}"))\$"
if ! (cd "build/$preset" && WB_README_SHOTS="$shots" QT_QPA_PLATFORM=offscreen ctest -R "$regex" --output-on-failure); then
    echo "readme-shots: a test failed; docs/ left as it was" >&2
    exit 1
fi
shopt -s nullglob
pictures=("$shots"/*.png)
if [ ${#pictures[@]} -eq 0 ]; then
    echo "readme-shots: the tests wrote no picture into $shots" >&2
    exit 1
fi
for png in "${pictures[@]}"; do
    cp "$png" docs/
    echo "readme-shots: docs/$(basename "$png") ($(($(stat -c %s "$png") / 1024)) KiB)"
done
