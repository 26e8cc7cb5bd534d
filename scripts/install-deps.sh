#!/usr/bin/env bash
# Installs the Debian 12 packages ATC Workbench needs to build, test and run. Idempotent: packages already
# present are skipped, so a second run costs a dpkg query and nothing else.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n  # Qt's own translations: the standard buttons (OK, Cancel, Yes) follow the UI language
    qt6-qpa-plugins libgl-dev libvulkan-dev libxkbcommon-dev
    libqcustomplot-dev
    libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata python3-onnx
    libspdlog-dev libfmt-dev
    xvfb xauth fonts-dejavu-core fonts-wqy-microhei
    dpkg-dev lintian
    clang-format clang-tidy clazy
    openssh-client openssh-server
    g++-aarch64-linux-gnu qemu-user
)

# npm fetches ONNX Runtime for the CPU reference (scripts/fetch-ort.sh); the machine may already have its own.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

# True in a CI run ($CI set and not "false" or "0"; .ci/run runs with CI=true), as tests/testutil.h decides it.
ci_run() {
    case "$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')" in
        '' | false | 0) return 1 ;;
        *) return 0 ;;
    esac
}

fetch_ort() {
    # Optional on a developer's machine: without it the app builds and runs, the CPU reference says how to enable it,
    # and the tests that need it are reported as skipped. Required in CI, where those tests would fail anyway.
    if "$(dirname "$0")/fetch-ort.sh"; then
        return 0
    fi
    if ci_run; then
        echo "install-deps: error: ONNX Runtime could not be fetched, and CI (CI=$CI) requires the CPU reference" >&2
        exit 1
    fi
    echo "install-deps: ONNX Runtime not fetched; the CPU reference stays disabled (its tests are reported as skipped)"
}

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    fetch_ort
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fetch_ort
