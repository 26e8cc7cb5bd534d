#!/usr/bin/env bash
# Runs the folding evaluator's random-input test (tst_evaluator randomInputsNeverBreakIt) over many seeds in the
# ASan/UBSan build. CI runs the default seed in every test run; this explores more.
#   scripts/fuzz-evaluator.sh [SEEDS]   (default 200; builds the asan preset's tst_evaluator first)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-200}"
[ -f build/asan/CMakeCache.txt ] || cmake --preset asan
cmake --build build/asan -j2 --target tst_evaluator
failed=0
for seed in $(seq 1 "$seeds"); do
    if ! WB_EVALUATOR_SEED=$seed build/asan/bin/tst_evaluator randomInputsNeverBreakIt >/tmp/wb-fuzz-evaluator.log 2>&1 \
        || grep -qE "runtime error|ERROR: AddressSanitizer" /tmp/wb-fuzz-evaluator.log; then
        echo "seed $seed failed:"; grep -E "runtime error|ERROR|FAIL|signal" /tmp/wb-fuzz-evaluator.log | head -5
        failed=$((failed + 1))
    fi
done
echo "$seeds seeds, $failed failed"
[ "$failed" -eq 0 ]
