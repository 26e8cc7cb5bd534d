#!/usr/bin/env bash
# Builds om-runner for aarch64 boards (Atlas 200 DK / 200I DK A2 / Orange Pi AIpro: Ubuntu 18.04+, glibc 2.27+)
# with Debian's cross compiler (g++-aarch64-linux-gnu, scripts/install-deps.sh), so that it starts on glibc 2.17
# and later: libstdc++ is linked in statically, libgcc_s and glibc are the board's, and app/omrunner/cross/
# glibc217.cpp binds every glibc symbol to its GLIBC_2.17 version. The result is checked with
# tests/omrunner/check-glibc-floor.sh. Usage: scripts/build-om-runner-aarch64.sh [OUTPUT_FILE]
# (default build/aarch64/om-runner). Also builds the fake AscendCL (tests/omrunner/fake_ascendcl) for aarch64 beside
# it, as fake_ascend/toolkit/lib64/libascendcl.so and fake_ascend/noexec/lib64/libascendcl.so (without
# aclmdlExecute), for the tests that run om-runner under qemu (tests/omrunner/CMakeLists.txt).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/aarch64/om-runner}
cxx=${CXX_AARCH64:-aarch64-linux-gnu-g++}
command -v "$cxx" >/dev/null || { echo "build-om-runner-aarch64: $cxx is missing: run scripts/install-deps.sh" >&2; exit 1; }
dir=$(dirname "$out")
mkdir -p "$dir/fake_ascend/toolkit/lib64" "$dir/fake_ascend/noexec/lib64"

# -Wl,--no-as-needed: on glibc before 2.34 dlopen and pthread_once live in libdl.so.2 and libpthread.so.0.
"$cxx" -std=c++17 -O2 -Wall -Wextra -Werror -DOMR_VERSION="\"${OMR_VERSION:-0.0.0}\"" -I"$root/core" -I"$root/app/omrunner" \
    "$root"/app/omrunner/*.cpp "$root/app/omrunner/cross/glibc217.cpp" \
    -static-libstdc++ -Wl,--no-as-needed -l:libpthread.so.0 -l:libdl.so.2 -Wl,--as-needed -o "$out"

acl="$root/tests/omrunner/fake_ascendcl"
for variant in toolkit noexec; do
    defines=()
    [ "$variant" = noexec ] && defines=(-DFAKE_ACL_WITHOUT_EXECUTE)
    "$cxx" -std=c++17 -O2 -fPIC -shared -fvisibility=hidden "${defines[@]}" -I"$root/app/omrunner" -I"$root/core" \
        -I"$acl" "$acl"/*.cpp -o "$dir/fake_ascend/$variant/lib64/libascendcl.so"
done

"$root/tests/omrunner/check-glibc-floor.sh" "$out"
echo "build-om-runner-aarch64: $out"
