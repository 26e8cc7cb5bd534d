#!/usr/bin/env bash
# Fetches ONNX Runtime 1.29 (Linux x64 library + C/C++ headers) for the CPU reference backend into a cache:
#   ${WB_ORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atc-workbench/ort-1.29.0}/{lib,include}, with the package's
#   LICENSE and ThirdPartyNotices.txt (they ship with the library in the .deb) and a SOURCE.txt saying where it came from
# Source: the npm package com.github.asus4.onnxruntime@0.4.9 (MIT, Microsoft's build), fetched with
# `npm pack` (no install scripts run) and checked against the sha256 pinned below. Idempotent: when the cache is
# complete (and its library has the pinned checksum) nothing is downloaded.
# Optional: WB_ORT_TARBALL=/path/to/com.github.asus4.onnxruntime-0.4.9.tgz uses an already downloaded tarball.
# Only a cache this script made (it has its SOURCE.txt) is ever replaced; anything else at that path is refused.
# Exit status: 0 cache ready (its path is printed last on stdout), 1 npm/registry/tarball/checksum problem,
# 2 bad usage (unknown argument, or the cache path holds something this script did not make).
set -euo pipefail

readonly pkg="com.github.asus4.onnxruntime@0.4.9"
readonly api_version=29
readonly lib_in_tgz="package/Plugins/Linux/x64"
readonly licenses_in_tgz="package/LICENSE package/ThirdPartyNotices.txt"
readonly hdr_in_tgz="package/Plugins/iOS~/onnxruntime.xcframework/ios-arm64/onnxruntime.framework/Headers"
# sha256 of com.github.asus4.onnxruntime-0.4.9.tgz as `npm pack` writes it. Pinned from a download whose sha512 and
# sha1 matched the registry's dist.integrity (sha512-BkzxduSZ9IkeDP6Q8lz2TFU2ie7hSSvS7ZIfzMooExoq0CNzJnuuGaUJ7IsojB
# gqO4ouD1jXah8OYyJbCN29Fg==) and dist.shasum (3659f34012db8208ffb7f67d704204cb08792fed).
readonly tgz_sha256="e59788788818fdde1b2e522e766a21ba0f7d8391de55737abf81e32cc801785d"
# The two libraries inside it (they ship in the .deb): checked again whenever the cache is reused.
readonly lib_sha256="5715f06d8992ca8eeeddcce43df3a7d38f97d537052126f558e912cb312460ca"
readonly shared_sha256="086ec1d5388f64153d9c63470d126693db9a182c8ce236d3a1119068471b8a0d"
readonly source_line="source: npm $pkg"
cache="${WB_ORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atc-workbench/ort-1.29.0}"
force=0

say() { echo "fetch-ort: $*" >&2; }
die() { say "error: $*"; exit 1; }

for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        -h|--help)
            sed -n '2,10s/^# \{0,1\}//p' "$0"
            echo "Usage: $0 [--force]   (--force: fetch again even when the cache is complete)"
            exit 0 ;;
        *) say "unknown argument '$arg' (try --help)"; exit 2 ;;
    esac
done

sha256_of() { sha256sum "$1" | cut -d ' ' -f 1; }

# True when $1 holds a usable runtime: the library (an ELF file with the pinned checksum), the SONAME symlink
# layout, the licence files and the v29 headers.
cache_complete() {
    local dir="$1"
    [ -f "$dir/lib/libonnxruntime.so.1" ] && [ -L "$dir/lib/libonnxruntime.so" ] \
        && [ "$(head -c 4 "$dir/lib/libonnxruntime.so.1" | od -An -c | tr -d ' ')" = '177ELF' ] \
        && [ "$(sha256_of "$dir/lib/libonnxruntime.so.1")" = "$lib_sha256" ] \
        && { [ ! -e "$dir/lib/libonnxruntime_providers_shared.so" ] \
            || [ "$(sha256_of "$dir/lib/libonnxruntime_providers_shared.so")" = "$shared_sha256" ]; } \
        && [ -f "$dir/LICENSE" ] && [ -f "$dir/ThirdPartyNotices.txt" ] \
        && [ -f "$dir/include/onnxruntime_c_api.h" ] \
        && grep -Eq "^#define ORT_API_VERSION ${api_version}\b" "$dir/include/onnxruntime_c_api.h"
}

# True when $1 is a cache this script made, so it may replace it: a real folder (not a symlink) with the
# SOURCE.txt written below and nothing but what this script puts there.
our_cache() {
    local dir="$1" entry
    [ -d "$dir" ] && [ ! -L "$dir" ] && [ -f "$dir/SOURCE.txt" ] && [ ! -L "$dir/SOURCE.txt" ] || return 1
    head -n 1 "$dir/SOURCE.txt" | grep -q '^source: npm com\.github\.asus4\.onnxruntime@' || return 1
    for entry in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
        [ -e "$entry" ] || [ -L "$entry" ] || continue # an unmatched glob
        case "${entry##*/}" in
            SOURCE.txt | LICENSE | ThirdPartyNotices.txt | lib | include) ;;
            *) return 1 ;;
        esac
    done
}

# True when nothing is at $1 or it is an empty real folder (which rmdir removes and nothing else).
free_or_empty() {
    local dir="$1"
    { [ ! -e "$dir" ] && [ ! -L "$dir" ]; } || { [ -d "$dir" ] && [ ! -L "$dir" ] && [ -z "$(ls -A "$dir")" ]; }
}

if [ "$force" -eq 0 ] && cache_complete "$cache"; then
    say "ONNX Runtime 1.29 already in the cache (library checksum ok); nothing to do"
    echo "$cache"
    exit 0
fi

# Checked before anything is downloaded: the cache path must be free, empty, or a cache this script made.
if ! free_or_empty "$cache" && ! our_cache "$cache"; then
    say "error: $cache exists and was not made by this script (no SOURCE.txt from fetch-ort.sh in it,"
    say "  other files beside lib/, include/ and the licence files, or a symlink): refusing to replace it."
    say "  Set WB_ORT_CACHE to a new or empty folder, or move that one away yourself. Nothing was changed."
    exit 2
fi
if [ "$force" -eq 0 ] && our_cache "$cache"; then
    say "the cache in $cache is incomplete (library, headers or licence files missing) or its library does not"
    say "  have the pinned checksum: fetching it again"
fi

# Everything this script creates is named here, and only these are ever removed.
tmp=""
stage=""
old=""
cleanup() {
    local d
    for d in "$tmp" "$stage" "$old"; do
        if [ -n "$d" ]; then rm -rf -- "$d"; fi
    done
}
trap cleanup EXIT

tmp="$(mktemp -d "${TMPDIR:-/tmp}/wb-fetch-ort.XXXXXX")"

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

actual="$(sha256_of "$tgz")"
if [ "$actual" != "$tgz_sha256" ]; then
    say "error: checksum mismatch for $tgz:"
    say "  sha256 $actual"
    say "  expected $tgz_sha256 ($pkg)"
    say "  A damaged or different download (or the wrong WB_ORT_TARBALL); nothing was changed."
    exit 1
fi
say "checksum ok (sha256 $tgz_sha256)"

say "extracting the Linux x64 library and the headers"
# shellcheck disable=SC2086 # two fixed names
tar -xzf "$tgz" -C "$tmp" --wildcards "$lib_in_tgz/*.so" "$hdr_in_tgz/*.h" $licenses_in_tgz \
    || die "the tarball does not have the expected layout ($lib_in_tgz, $hdr_in_tgz)"

# Assemble next to the final place, then swap in, so an interrupted run never leaves a half-filled cache.
mkdir -p "$(dirname "$cache")"
stage="$(mktemp -d "$cache.partial.XXXXXX")"
chmod 755 "$stage"
mkdir -p "$stage/lib" "$stage/include"
# The file is called libonnxruntime.so but its SONAME is libonnxruntime.so.1: keep the SONAME as the real name.
cp "$tmp/$lib_in_tgz/libonnxruntime.so" "$stage/lib/libonnxruntime.so.1"
ln -s libonnxruntime.so.1 "$stage/lib/libonnxruntime.so"
if [ -f "$tmp/$lib_in_tgz/libonnxruntime_providers_shared.so" ]; then
    cp "$tmp/$lib_in_tgz/libonnxruntime_providers_shared.so" "$stage/lib/"
fi
cp "$tmp/$hdr_in_tgz"/*.h "$stage/include/"
cp "$tmp/package/LICENSE" "$tmp/package/ThirdPartyNotices.txt" "$stage/"
printf '%s\ntarball sha256: %s\nlibrary: %s/libonnxruntime.so (sha256 %s)\nheaders: %s\n' "$source_line" \
    "$tgz_sha256" "$lib_in_tgz" "$lib_sha256" "$hdr_in_tgz" >"$stage/SOURCE.txt"

cache_complete "$stage" || die "verification failed: no ELF libonnxruntime.so.1 with sha256 $lib_sha256, or no 'ORT_API_VERSION $api_version' in onnxruntime_c_api.h"
if command -v readelf >/dev/null 2>&1; then
    soname="$(readelf -d "$stage/lib/libonnxruntime.so.1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
    [ "$soname" = "libonnxruntime.so.1" ] || die "unexpected SONAME '$soname' (expected libonnxruntime.so.1)"
fi

# Swap in. The old cache (checked again: ours) is moved into a folder made here and removed with it; an empty
# folder is removed with rmdir; anything else was refused above and is never touched.
if our_cache "$cache"; then
    old="$(mktemp -d "$cache.old.XXXXXX")"
    mv -- "$cache" "$old/"
elif [ -d "$cache" ] && [ ! -L "$cache" ]; then
    rmdir -- "$cache" || die "$cache is no longer empty; nothing was changed"
elif [ -e "$cache" ] || [ -L "$cache" ]; then
    die "$cache appeared while fetching and was not made by this script; nothing was changed"
fi
if ! mv -T -- "$stage" "$cache"; then
    [ -z "$old" ] || mv -T -- "$old/${cache##*/}" "$cache" || true
    die "could not move the new cache into $cache"
fi
stage=""
say "ONNX Runtime 1.29 ready ($(du -sm "$cache" | cut -f1) MB): reconfigure the build (cmake) to enable the CPU reference backend"
echo "$cache"
