#!/usr/bin/env bash
# Checks the style of every C++ file git knows (tracked, or new and not ignored): clang-format (.clang-format) would
# change nothing, and no line is longer than 120 characters (the config's ColumnLimit, which clang-format cannot
# enforce inside raw strings and `// clang-format off` blocks). A check only: it changes no file. About 2 s.
#
#   scripts/check-format.sh            # exit 0 when clean; else the offending files and lines, exit 1
#   scripts/check-format.sh --fix      # runs clang-format -i over the files instead (long lines stay yours)
#
# .ci/run runs it before the build. clang-format 14 (Debian 12's clang-format package, scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
readonly limit=120
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed (apt-get install clang-format)" >&2; exit 2; }

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | while read -r f; do
    [ -f "$f" ] && printf '%s\n' "$f"
done)

if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    exit 0
fi

status=0
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2>"$report"; then
    echo "check-format: clang-format would change these files (run scripts/check-format.sh --fix):" >&2
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
    status=1
fi
# Characters, not bytes (UTF-8 text such as "…" or Chinese counts once per character).
long="$(perl -CSD -ne 'chomp; printf "  %s:%d: %d characters\n", $ARGV, $., length if length > '"$limit"'; close ARGV if eof' \
    "${files[@]}")"
if [ -n "$long" ]; then
    echo "check-format: lines longer than $limit characters (wrap them: split string literals, break the statement):" >&2
    echo "$long" >&2
    status=1
fi
[ $status -eq 0 ] && echo "check-format: ${#files[@]} files clean (clang-format, $limit columns)"
exit $status
