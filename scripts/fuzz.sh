#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan + UBSan) and runs each for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 atclog shapespec
#   WB_FUZZ_PARALLEL=2 scripts/fuzz.sh 600     two targets at a time (one core each)
# Seeds: tests/fuzz/corpus/<target>/ (committed, replayed by ctest's tst_fuzz_<target>). New corpus entries go to
# build/fuzz/corpus/<target>/, crashers (crash-*, leak-*, timeout-*, oom-*) straight to tests/fuzz/crashers/<target>/,
# where ctest replays them too once committed. Logs: build/fuzz/logs/<target>.log. Exits 1 when a target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
parallel="${WB_FUZZ_PARALLEL:-1}"

# libFuzzer ships with clang's compiler-rt: Debian's libclang-rt-<N>-dev for clang <N>. Installed here, not by
# install-deps.sh: the normal build and CI do not need clang.
need=()
command -v clang++ >/dev/null || need+=(clang)
if command -v clang++ >/dev/null; then
    major="$(clang++ -dumpversion | cut -d. -f1)"
    if ! dpkg-query -W -f='${Status}' "libclang-rt-$major-dev" 2>/dev/null | grep -q "install ok installed"; then
        need+=("libclang-rt-$major-dev")
    fi
else
    need+=(libclang-rt-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
    echo "fuzz: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
[ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz
cmake --build build/fuzz -j2 --target wb_fuzzers

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for bin in build/fuzz/bin/fuzz_*; do targets+=("${bin##*/fuzz_}"); done
fi

mkdir -p build/fuzz/logs
run_one() {
    local t="$1"
    mkdir -p "build/fuzz/corpus/$t" "tests/fuzz/crashers/$t"
    # The first folder receives new entries; the committed seeds are read only. -timeout: one input over 10 s
    # is a hang; -rss_limit_mb: over 2 GB is a crash (an allocation sized from the input).
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
        "build/fuzz/bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="tests/fuzz/crashers/$t/" "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" \
        >"build/fuzz/logs/$t.log" 2>&1 || true
}

start=$(date +%s)
for t in "${targets[@]}"; do
    [ -x "build/fuzz/bin/fuzz_$t" ] || { echo "fuzz: no target $t (build/fuzz/bin/fuzz_$t)" >&2; exit 2; }
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
    echo "fuzz: $t for ${seconds}s"
    run_one "$t" &
    sleep 1
done
wait

crashed=0
printf '\n%-16s %14s %10s %10s %8s  %s\n' target execs exec/s corpus+ crashes artifact
for t in "${targets[@]}"; do
    log="build/fuzz/logs/$t.log"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    added="$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)"
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
    crashes=0
    if [ -n "$artifact" ] || ! grep -q '^Done [0-9]* runs in' "$log"; then
        crashes=1
        crashed=1
    fi
    printf '%-16s %14s %10s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${added:-?}" "$crashes" "${artifact:--}"
done
echo "fuzz: $(( $(date +%s) - start ))s; logs in build/fuzz/logs/"
exit "$crashed"
