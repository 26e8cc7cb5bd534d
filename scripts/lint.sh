#!/usr/bin/env bash
# Static analysis over the compile database: clang-tidy (the checks in .clang-tidy) and, when installed, clazy (Qt
# idioms: level0 and level1). Warnings already known are listed in scripts/lint-baseline.txt; only NEW ones fail.
#
#   scripts/lint.sh                       # every .cpp of core/, ui/, app/ (slow: minutes per dozen files on 2 cores)
#   scripts/lint.sh FILE...               # just these (e.g. what you changed: git diff --name-only main -- '*.cpp')
#   scripts/lint.sh --update-baseline     # re-lints everything and rewrites the baseline (review the diff!)
#
# Environment: BUILD (default build/ci: its compile_commands.json; build it first so moc/uic outputs exist),
# JOBS (default 2), WB_NO_CLAZY=1 (clang-tidy only).
# A baseline line is "<file>: <check>: <message>" without the line number, so moving code keeps it known; fixing a
# warning leaves a stale line, which --update-baseline drops. Exit 0: nothing new; 1: new warnings (listed); 2: usage.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD:-build/ci}"
jobs="${JOBS:-2}"
baseline=scripts/lint-baseline.txt
update=0
files=()
for arg in "$@"; do
    case "$arg" in
    --update-baseline) update=1 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "lint: unknown option $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
    esac
done
if [ ! -f "$build/compile_commands.json" ]; then
    echo "lint: no $build/compile_commands.json: run scripts/build.sh ci first (or set BUILD)" >&2
    exit 2
fi
command -v clang-tidy >/dev/null || { echo "lint: clang-tidy is not installed (scripts/install-deps.sh)" >&2; exit 2; }
if [ ${#files[@]} -eq 0 ] || [ $update -eq 1 ]; then
    mapfile -t files < <(git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
fi
clazy=""
if [ -z "${WB_NO_CLAZY:-}" ] && command -v clazy-standalone >/dev/null; then
    clazy=clazy-standalone
fi

# One file's warnings as baseline lines. Paths relative to the source tree; messages without column numbers.
lint_one() {
    local file="$1"
    {
        clang-tidy -p "$build" --quiet "$file" 2>/dev/null || true
        if [ -n "$clazy" ]; then
            "$clazy" -p "$build/compile_commands.json" -checks=level0,level1 "$file" 2>&1 || true
        fi
    } | sed -n -E 's#^('"$PWD"'/)?([^ :]+):[0-9]+:[0-9]+: warning: (.*) \[([^]]+)\]$#\2: \4: \3#p'
}
export -f lint_one
export build clazy PWD

found="$(mktemp)"
trap 'rm -f "$found"' EXIT
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} bash -c 'lint_one "$@"' _ {} | sort -u >"$found"

if [ $update -eq 1 ]; then
    {
        echo "# Known clang-tidy/clazy warnings (scripts/lint.sh --update-baseline). Fix them and drop the line; never add"
        echo "# one by hand to silence a new warning."
        cat "$found"
    } >"$baseline"
    echo "lint: baseline rewritten: $(grep -vc '^#' "$baseline" || true) known warnings in $baseline"
    exit 0
fi
if [ ! -f "$baseline" ]; then
    echo "lint: no $baseline yet, so every warning counts as new: make it once with --update-baseline" >&2
fi
new="$(grep -vxF -f <(grep -v '^#' "$baseline" 2>/dev/null || true) "$found" || true)"
if [ -n "$new" ]; then
    echo "lint: NEW warnings (not in $baseline):" >&2
    echo "$new" | sed 's/^/  /' >&2
    exit 1
fi
echo "lint: ${#files[@]} files, no new warnings ($(wc -l <"$found") known)"
