#!/usr/bin/env bash
# Installs the Debian 12 packages simbook builds against (only what is missing). Run as root.
#   scripts/setup.sh           everything: the server, tests, benchmarks and notebooks (scripts/test.sh, CI)
#   scripts/setup.sh --serve   only what `simbook` itself needs (scripts/serve.sh)
set -euo pipefail
packages=(
    build-essential cmake git
    ninja-build # scripts/configure.sh: new build folders use Ninja (a clean ASan build 656 s, Make 695 s)
    libthrust-dev libcub-dev librandom123-dev libeigen3-dev libboost-dev libhdf5-dev
    nlohmann-json3-dev libcli11-dev libspdlog-dev libsqlite3-dev libssl-dev libglpk-dev
    libpq-dev # --store postgresql://...: the ledger and event store on PostgreSQL (libpq)
    lld       # the linker CMake picks when present (SIMBOOK_LLD): links several times faster than GNU ld
)
if [ "${1:-}" != "--serve" ]; then
    packages+=(
        wrk libgtest-dev libbenchmark-dev
        libopenmpi-dev openmpi-bin # mpirun -np N simbook simulate (app/processes.hpp) and its test
        postgresql # scripts/pg_cluster.sh: a throwaway cluster for the PostgreSQL tests and benchmark
        clang libclang-rt-14-dev libomp-dev # scripts/fuzz.sh: libFuzzer, ASan/UBSan runtimes, OpenMP for clang
        python3-numpy python3-h5py python3-matplotlib python3-ipykernel jupyter-nbconvert
        chromium # tests/web: the dashboard in headless chromium, driven by Playwright from PyPI
    )
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "simbook: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" || {
        apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
    }
fi
