#!/usr/bin/env bash
# Builds and tests both configurations: CPU-only (what a user without CUDA gets) and, when nvcc exists,
# the CUDA-enabled build, whose tests run on its OpenMP fallback on a machine without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
export PATH="$PATH:/usr/local/cuda/bin"

cmake --preset cpu
cmake --build --preset cpu -j "$jobs"
ctest --preset cpu -j "$jobs"
# The API against its OpenAPI document (openapi-spec-validator and schemathesis from PyPI, on a live server).
bash scripts/api_contract.sh build/cpu/app/simbook

if command -v nvcc >/dev/null 2>&1; then
    cmake --preset cuda
    cmake --build --preset cuda -j "$jobs"
    ctest --preset cuda -j "$jobs"
else
    echo "simbook: nvcc not found, CUDA build skipped"
fi

# The same kernel source compiled by nvcc (CCCL Thrust) and by g++ (Debian Thrust) must give the same
# paths: byte-identical results for the same seed.
if [ -x build/cuda/app/simbook ]; then
    for sport in soccer basketball; do
        a=$(build/cpu/app/simbook simulate --sport "$sport" --sims 50000 --seed 11 --backend cpu --json)
        b=$(build/cuda/app/simbook simulate --sport "$sport" --sims 50000 --seed 11 --backend cpu --json)
        if [ "$a" != "$b" ]; then
            echo "simbook: $sport results differ between the CPU-only and the CUDA build" >&2
            exit 1
        fi
    done
    echo "simbook: CPU-only and CUDA builds give identical paths"
fi
