#!/usr/bin/env bash
# The main job for now: install what is missing, build, and simulate a soccer match and a basketball game.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PATH:/usr/local/cuda/bin"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
simbook=build/release/app/simbook
echo
"$simbook" simulate --sport soccer --home-xg 1.45 --away-xg 1.15 --sims 1000000 --seed 7
echo
"$simbook" simulate --sport soccer --home-xg 1.45 --away-xg 1.15 --sims 1000000 --seed 7 \
    --state '{"minute": 60, "home": 0, "away": 1, "ht_home": 0, "ht_away": 1}'
echo
"$simbook" simulate --sport basketball --sims 200000 --seed 7
echo
"$simbook" simulate --sport basketball --sims 200000 --seed 7 \
    --state '{"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "home"}'
