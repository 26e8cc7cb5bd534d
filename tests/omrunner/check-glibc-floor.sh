#!/bin/sh
# Fails when BINARY needs a glibc symbol version newer than FLOOR (default 2.17): such a binary does not start on an
# older glibc ("version `GLIBC_2.34' not found"). Reads the version needs (.gnu.version_r) with readelf, which reads
# any architecture's ELF. Usage: check-glibc-floor.sh BINARY [FLOOR]
set -eu
binary=$1
floor=${2:-2.17}
[ -f "$binary" ] || { echo "check-glibc-floor: $binary does not exist" >&2; exit 2; }
needed=$(readelf -V -W "$binary" | sed -n 's/.*Name: GLIBC_\([0-9][0-9.]*\).*/\1/p' | sort -u -V)
[ -n "$needed" ] || { echo "check-glibc-floor: $binary needs no GLIBC_ version (not dynamically linked?)" >&2; exit 2; }
newest=$(printf '%s\n' "$needed" | tail -n 1)
if [ "$(printf '%s\n%s\n' "$floor" "$newest" | sort -V | tail -n 1)" != "$floor" ]; then
    echo "check-glibc-floor: $binary needs GLIBC_$newest, newer than the floor GLIBC_$floor; symbols:" >&2
    objdump -T "$binary" 2>/dev/null | grep -E 'GLIBC_[0-9]' | awk -v floor="$floor" '
        { v = $0; sub(/.*GLIBC_/, "", v); sub(/[) ].*/, "", v); split(v, a, "."); split(floor, f, ".");
          if (a[1] > f[1] || (a[1] == f[1] && a[2] + 0 > f[2] + 0)) print "  " $NF " GLIBC_" v }' >&2
    exit 1
fi
echo "check-glibc-floor: $binary needs at most GLIBC_$newest (floor GLIBC_$floor): ok"
