#!/usr/bin/env bash
# One command for docs/performance.md: builds in Release, installs the peer library, runs every benchmark and
# prints the tables: the engine (quotadesk-bench, ~5 min), then the console at a million subjects
# (quotadesk-consolebench, ~3.5 min). Takes under 10 minutes on 2 cores from a clean clone, build included.
# Pass --quick for a smoke run.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
./build.sh deps
if [ ! -f build-release/build.ninja ]; then
    # A unity build: 1.5 instead of 3 minutes from a clean clone on 2 cores, most of it Qt's headers.
    cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUOTADESK_BUILD_TESTS=OFF \
        -DCMAKE_UNITY_BUILD=ON >/dev/null
fi
cmake --build build-release --target quotadesk-bench quotadesk-consolebench >/dev/null
command -v node >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq nodejs npm >/dev/null; }
(cd bench/peer && npm ci --no-audit --no-fund --silent >/dev/null)
echo "bench/run.sh: build and peer install took ${SECONDS} s" >&2
echo "# QuotaDesk benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# redis-server $(redis-server --version | grep -o 'v=[0-9.]*' | cut -d= -f2)"
build-release/bench/quotadesk-bench --peer bench/peer "$@"
echo
# The console runs its real window on Qt's offscreen platform: no display needed.
QT_QPA_PLATFORM=offscreen build-release/bench/quotadesk-consolebench "$@"
echo "bench/run.sh: ${SECONDS} s in all" >&2
