#!/usr/bin/env bash
# Fetches ONNX Runtime 1.29 (Linux x64 library + C/C++ headers) for the CPU reference backend into a cache:
#   ${WB_ORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atc-workbench/ort-1.29.0}/{lib,include}
# Source: the npm package com.github.asus4.onnxruntime@0.4.9 (MIT, Microsoft's build), fetched with
# `npm pack` (no install scripts run). Idempotent: when the cache is complete nothing is downloaded.
# Optional: WB_ORT_TARBALL=/path/to/com.github.asus4.onnxruntime-0.4.9.tgz uses an already downloaded tarball.
# Exit status: 0 cache ready (its path is printed last on stdout), 1 npm/registry/tarball problem, 2 bad usage.
set -euo pipefail

readonly pkg="com.github.asus4.onnxruntime@0.4.9"
readonly api_version=29
readonly lib_in_tgz="package/Plugins/Linux/x64"
readonly hdr_in_tgz="package/Plugins/iOS~/onnxruntime.xcframework/ios-arm64/onnxruntime.framework/Headers"
cache="${WB_ORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atc-workbench/ort-1.29.0}"
force=0

say() { echo "fetch-ort: $*" >&2; }
die() { say "error: $*"; exit 1; }

for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        -h|--help)
            sed -n '2,7s/^# \{0,1\}//p' "$0"
            echo "Usage: $0 [--force]   (--force: fetch again even when the cache is complete)"
            exit 0 ;;
        *) say "unknown argument '$arg' (try --help)"; exit 2 ;;
    esac
done

# True when $1 holds a usable runtime: the library (an ELF file), the SONAME symlink layout and the v29 headers.
cache_complete() {
    local dir="$1"
    [ -f "$dir/lib/libonnxruntime.so.1" ] && [ -L "$dir/lib/libonnxruntime.so" ] \
        && [ "$(head -c 4 "$dir/lib/libonnxruntime.so.1" | od -An -c | tr -d ' ')" = '177ELF' ] \
        && [ -f "$dir/include/onnxruntime_c_api.h" ] \
        && grep -Eq "^#define ORT_API_VERSION ${api_version}\b" "$dir/include/onnxruntime_c_api.h"
}

if [ "$force" -eq 0 ] && cache_complete "$cache"; then
    say "ONNX Runtime 1.29 already in the cache; nothing to do"
    echo "$cache"
    exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/wb-fetch-ort.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if [ -n "${WB_ORT_TARBALL:-}" ]; then
    [ -f "$WB_ORT_TARBALL" ] || die "WB_ORT_TARBALL=$WB_ORT_TARBALL is not a file"
    tgz="$WB_ORT_TARBALL"
    say "using the tarball $tgz"
else
    command -v npm >/dev/null 2>&1 \
        || die "npm is not installed, so ONNX Runtime cannot be fetched (Debian: apt-get install npm). The app still builds and runs without it; the CPU reference backend stays off."
    say "downloading $pkg from the npm registry: about 150 MB, this can take a few minutes..."
    start=$(date +%s)
    if ! (cd "$tmp" && npm pack --loglevel=error --ignore-scripts --cache "$tmp/npm-cache" "$pkg" >"$tmp/pack.out" 2>"$tmp/pack.err"); then
        grep -v '^npm error  *at ' "$tmp/pack.err" | head -n 6 | sed 's/^/  /' >&2
        die "could not download $pkg with 'npm pack' (offline, registry unreachable or a proxy problem?). Nothing was changed."
    fi
    tgz="$tmp/$(tail -n 1 "$tmp/pack.out")"
    [ -f "$tgz" ] || die "npm pack reported '$(tail -n 1 "$tmp/pack.out")' but wrote no such file"
    say "downloaded $(du -m "$tgz" | cut -f1) MB in $(( $(date +%s) - start )) s"
fi

say "extracting the Linux x64 library and the headers"
tar -xzf "$tgz" -C "$tmp" --wildcards "$lib_in_tgz/*.so" "$hdr_in_tgz/*.h" \
    || die "the tarball does not have the expected layout ($lib_in_tgz, $hdr_in_tgz)"

# Assemble next to the final place, then swap in, so an interrupted run never leaves a half-filled cache.
mkdir -p "$(dirname "$cache")"
stage="$(mktemp -d "$cache.partial.XXXXXX")"
trap 'rm -rf "$tmp" "$stage"' EXIT
chmod 755 "$stage"
mkdir -p "$stage/lib" "$stage/include"
# The file is called libonnxruntime.so but its SONAME is libonnxruntime.so.1: keep the SONAME as the real name.
cp "$tmp/$lib_in_tgz/libonnxruntime.so" "$stage/lib/libonnxruntime.so.1"
ln -s libonnxruntime.so.1 "$stage/lib/libonnxruntime.so"
if [ -f "$tmp/$lib_in_tgz/libonnxruntime_providers_shared.so" ]; then
    cp "$tmp/$lib_in_tgz/libonnxruntime_providers_shared.so" "$stage/lib/"
fi
cp "$tmp/$hdr_in_tgz"/*.h "$stage/include/"
printf 'source: npm %s\nlibrary: %s/libonnxruntime.so\nheaders: %s\n' "$pkg" "$lib_in_tgz" "$hdr_in_tgz" \
    >"$stage/SOURCE.txt"

cache_complete "$stage" || die "verification failed: no ELF libonnxruntime.so.1 or no 'ORT_API_VERSION $api_version' in onnxruntime_c_api.h"
if command -v readelf >/dev/null 2>&1; then
    soname="$(readelf -d "$stage/lib/libonnxruntime.so.1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
    [ "$soname" = "libonnxruntime.so.1" ] || die "unexpected SONAME '$soname' (expected libonnxruntime.so.1)"
fi

rm -rf "$cache"
mv "$stage" "$cache"
say "ONNX Runtime 1.29 ready ($(du -sm "$cache" | cut -f1) MB): reconfigure the build (cmake) to enable the CPU reference backend"
echo "$cache"
