#!/usr/bin/env bash
# Static analysis over the compile database: clang-tidy (the checks in .clang-tidy) and, when installed, clazy (Qt
# idioms: level0 and level1). Warnings already known are listed in scripts/lint-baseline.txt; only NEW ones fail.
#
#   scripts/lint.sh                       # every .cpp of core/, ui/, app/ (slow: minutes per dozen files on 2 cores)
#   scripts/lint.sh FILE...               # just these (e.g. what you changed: git diff --name-only main -- '*.cpp')
#   scripts/lint.sh --update-baseline     # re-lints everything and rewrites the baseline (review the diff!)
#   scripts/lint.sh --update-baseline FILE...  # re-lints just these and replaces their part of the baseline
#
# Environment: BUILD (default build/ci: its compile_commands.json; build it first so moc/uic outputs exist),
# JOBS (default 2), WB_NO_CLAZY=1 (clang-tidy only).
# A baseline line is "<file>: <check>: <message>" without the line number, so moving code keeps it known; fixing a
# warning leaves a stale line, which --update-baseline drops. "# linted: <file>" lines name the files the baseline
# covers (it can be built a few files at a time); a warning in a file it does not cover yet is listed as
# unbaselined but fails nothing. Exit 0: nothing new; 1: new warnings (listed); 2: usage.
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
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "lint: unknown option $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
    esac
done
if [ ! -f "$build/compile_commands.json" ]; then
    echo "lint: no $build/compile_commands.json: run scripts/build.sh ci first (or set BUILD)" >&2
    exit 2
fi
command -v clang-tidy >/dev/null || { echo "lint: clang-tidy is not installed (scripts/install-deps.sh)" >&2; exit 2; }
partial=1
if [ ${#files[@]} -eq 0 ]; then
    partial=0
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
    kept="$(mktemp)"
    trap 'rm -f "$found" "$kept"' EXIT
    # A partial update keeps what the baseline says of the other files.
    if [ $partial -eq 1 ] && [ -f "$baseline" ]; then
        grep -v '^# ' "$baseline" | grep -v -F -f <(printf '%s: \n' "${files[@]}") >"$kept" || true
        grep '^# linted: ' "$baseline" | grep -v -x -F -f <(printf '# linted: %s\n' "${files[@]}") >>"$kept" || true
    fi
    {
        echo "# Known clang-tidy/clazy warnings (scripts/lint.sh --update-baseline). Fix them and drop the line; never add"
        echo "# one by hand to silence a new warning."
        { cat "$kept" "$found"; printf '# linted: %s\n' "${files[@]}"; } | sort -u
    } >"$baseline.tmp"
    mv "$baseline.tmp" "$baseline"
    echo "lint: baseline updated for ${#files[@]} file(s): $(grep -vc '^#' "$baseline" || true) known warnings in" \
        "$(grep -c '^# linted: ' "$baseline" || true) linted files ($baseline)"
    exit 0
fi
if [ ! -f "$baseline" ]; then
    echo "lint: no $baseline yet, so every warning counts as new: make it once with --update-baseline" >&2
fi
# A warning not listed is new. While the baseline does not cover every file linted here (it is being built a few
# files at a time), those of the files it does not cover, and of headers, are only shown.
covered="$(grep '^# linted: ' "$baseline" 2>/dev/null | sed 's/^# linted: //' || true)"
strict=1
if [ -n "$covered" ]; then
    for file in "${files[@]}"; do
        grep -qxF -- "$file" <<<"$covered" || { strict=0; break; }
    done
fi
unknown="$(grep -vxF -f <(grep -v '^#' "$baseline" 2>/dev/null || true) "$found" || true)"
new=""
unbaselined=""
while IFS= read -r line; do
    [ -z "$line" ] && continue
    if [ $strict -eq 1 ] || grep -qxF -- "${line%%: *}" <<<"$covered"; then
        new+="$line"$'\n'
    else
        unbaselined+="$line"$'\n'
    fi
done <<<"$unknown"
if [ -n "$unbaselined" ]; then
    echo "lint: in files the baseline does not cover yet (scripts/lint.sh --update-baseline FILE...):" >&2
    printf '%s' "$unbaselined" | sed 's/^/  /' >&2
fi
if [ -n "$new" ]; then
    echo "lint: NEW warnings (not in $baseline):" >&2
    printf '%s' "$new" | sed 's/^/  /' >&2
    exit 1
fi
echo "lint: ${#files[@]} files, no new warnings ($(wc -l <"$found") known)"
