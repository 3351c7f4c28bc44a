#!/usr/bin/env bash
# The main job: install what is missing, build, and run the API server with the bundled fitted models
# (models/params), an embedded SQLite store (simbook.sqlite) and demo events. Extra arguments go to
# `simbook serve` (e.g. --port 9090, --keys keys.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PATH:/usr/local/cuda/bin"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
exec build/release/app/simbook serve "$@"
