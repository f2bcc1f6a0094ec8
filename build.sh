#!/usr/bin/env bash
# The two README commands on a fresh Debian 12 machine:
#   ./build.sh demo   install what is missing, build, open the live demo
#   ./build.sh test   install what is missing, build, run every test (CTest summary)
# Also: ./build.sh sanitize (the tests under ASan+UBSan, as CI runs them), ./build.sh build, ./build.sh deps.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev libhiredis-dev nlohmann-json3-dev
    redis-server redis-tools openssl
    xvfb xauth xdotool fonts-noto-cjk
)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() { # build <dir> [cmake options...]
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    fi
    cmake --build "$dir" --parallel "$(nproc)"
}

run_tests() { # run_tests <dir>
    ctest --test-dir "$1" --output-on-failure --parallel "$(nproc)" --timeout 900
}

case "${1:-}" in
demo)
    install_missing
    build build
    exec build/app/quotadesk --demo
    ;;
test)
    install_missing
    build build
    run_tests build
    ;;
sanitize)
    install_missing
    build build-asan -DQUOTADESK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DQUOTADESK_BUILD_BENCH=OFF
    run_tests build-asan
    ;;
deps)
    install_missing
    ;;
build)
    install_missing
    build build
    ;;
*)
    echo "usage: $0 demo|test|sanitize|build|deps" >&2
    exit 2
    ;;
esac
