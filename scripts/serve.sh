#!/usr/bin/env bash
# The main job: install what is missing, build the `simbook` executable alone (CPU-only, no tests, no
# benchmarks: the `serve` preset, in build/serve), and run the API server with the bundled fitted models
# (models/params), an embedded SQLite store (simbook.sqlite) and demo events. Extra arguments go to
# `simbook serve` (e.g. --port 9090, --keys keys.txt). For the GPU backend build the `release` preset instead
# (README, "Serve").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --serve
bash scripts/configure.sh serve >/dev/null
cmake --build --preset serve -j "$(nproc)"
exec build/serve/app/simbook serve "$@"
