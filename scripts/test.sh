#!/usr/bin/env bash
# Builds and runs every test (the README's test command, and CI's):
# 1. The release build with every test, the 2-minute soak and the API contract. With nvcc that is the
#    CUDA-enabled build, whose tests run on its OpenMP fallback on a machine without a GPU (its host code is
#    the CPU-only build's, compiled by the same g++); without nvcc, the CPU-only build.
# 2. Sanitizers (skip with SIMBOOK_SANITIZERS=0): the tests again under ASan+UBSan (clang, CPU only; the asan
#    test preset leaves out heavy numeric checks a smaller sibling covers, README "Build"), each
#    libFuzzer harness for a bounded time from the same build, and the server, book and ledger tests under
#    TSan.
# 3. The same kernel source compiled by nvcc (CCCL Thrust) and by a host compiler (Debian Thrust) must give
#    the same paths: byte-identical results for the same seed.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage's wall time is printed as it ends (CI's limit is 45 minutes for the whole script).
stage_start=$SECONDS
stage_done() {
    echo "simbook test: $1 took $((SECONDS - stage_start)) s (total $SECONDS s)"
    stage_start=$SECONDS
}
bash scripts/setup.sh
stage_done setup
jobs=$(nproc)
export PATH="$PATH:/usr/local/cuda/bin"

if command -v nvcc >/dev/null 2>&1; then
    main=cuda
else
    echo "simbook: nvcc not found, CUDA build skipped"
    main=cpu
fi
# The test machines' GPUs are sm_90 (H100, H200): CI compiles the device code for that architecture only
# (SIMBOOK_CUDA_ARCHITECTURES="80;90" builds the preset's both), which saves a few minutes of nvcc.
# CI builds the soak but not the other benchmarks (run by hand; the cpu and cuda presets build them), and compiles
# at -O2 rather than -O3 (the same results: no fast-math, no FP contraction; a tenth less compile time).
ci_options=(-DSIMBOOK_BENCH_SOAK_ONLY=ON -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG")
if [ "$main" = cuda ]; then
    bash scripts/configure.sh cuda -DCMAKE_CUDA_ARCHITECTURES="${SIMBOOK_CUDA_ARCHITECTURES:-90}" "${ci_options[@]}"
else
    bash scripts/configure.sh "$main" "${ci_options[@]}"
fi
cmake --build --preset "$main" -j "$jobs"
stage_done "$main build"
# The PostgreSQL tests (the ledger suite on both stores, several nodes on one database) run here, against a
# throwaway cluster under the build folder (a few seconds to start); without it they skip.
SIMBOOK_TEST_POSTGRES=$(bash scripts/pg_cluster.sh start "build/$main/pg")
export SIMBOOK_TEST_POSTGRES
trap 'bash scripts/pg_cluster.sh stop "build/$main/pg"' EXIT
ctest --preset "$main" -j "$jobs"
bash scripts/pg_cluster.sh stop "build/$main/pg"
trap - EXIT
unset SIMBOOK_TEST_POSTGRES
stage_done "$main tests"
# The API against its OpenAPI document (openapi-spec-validator and schemathesis from PyPI, on a live server).
bash scripts/api_contract.sh "build/$main/app/simbook"
stage_done "API contract"

if [ "${SIMBOOK_SANITIZERS:-1}" != 0 ]; then
    # CI compiles the libraries at -O1 under ASan (the preset's -O2 stays for long local fuzzing runs): their heavy
    # Monte Carlo checks run in the release build, and the rest is dominated by the server, already at -O1.
    bash scripts/configure.sh asan -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG"
    cmake --build --preset asan -j "$jobs"
    stage_done "asan build"
    # The soak measures RSS, which ASan's quarantine would dominate: it runs in the release build above.
    ctest --preset asan -j "$jobs" -LE soak
    stage_done "asan tests"
    bash scripts/fuzz.sh "${SIMBOOK_FUZZ_SECONDS:-5}"
    stage_done fuzz
    # TSan (SIMBOOK_TSAN=0 skips it): the API and odds tests, which hold the server, the book and the ledger,
    # built by clang with LLVM's OpenMP runtime and its Archer tool, so TSan sees OpenMP's barriers. The preset
    # leaves out the soak, PoolTest's latency bound (not meant for TSan's speed) and one heavy Monte Carlo test.
    if [ "${SIMBOOK_TSAN:-1}" != 0 ]; then
        bash scripts/configure.sh tsan
        cmake --build --preset tsan -j "$jobs"
        stage_done "tsan build"
        # With a throwaway cluster of its own, as above: the ledger suite on PostgreSQL and the LISTEN/NOTIFY
        # listener (in process, its thread and reconnection) run under TSan too. The server processes of the
        # multi-node tests run in the release build only: building `simbook` itself under TSan cost CI too much.
        SIMBOOK_TEST_POSTGRES=$(bash scripts/pg_cluster.sh start build/tsan/pg)
        export SIMBOOK_TEST_POSTGRES
        trap 'bash scripts/pg_cluster.sh stop build/tsan/pg' EXIT
        ctest --preset tsan -j "$jobs"
        bash scripts/pg_cluster.sh stop build/tsan/pg
        trap - EXIT
        unset SIMBOOK_TEST_POSTGRES
        stage_done "tsan tests"
    fi
fi

cpu_only=""
for candidate in build/cpu/app/simbook build/asan/app/simbook; do
    if [ -x "$candidate" ]; then
        cpu_only=$candidate
    fi
done
if [ -x build/cuda/app/simbook ] && [ -n "$cpu_only" ]; then
    for sport in soccer basketball; do
        a=$("$cpu_only" simulate --sport "$sport" --sims 50000 --seed 11 --backend cpu --json)
        b=$(build/cuda/app/simbook simulate --sport "$sport" --sims 50000 --seed 11 --backend cpu --json)
        if [ "$a" != "$b" ]; then
            echo "simbook: $sport results differ between $cpu_only and build/cuda/app/simbook" >&2
            exit 1
        fi
    done
    echo "simbook: $cpu_only and the CUDA build give identical paths"
fi
