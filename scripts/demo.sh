#!/usr/bin/env bash
# Installs what is missing, builds the simbook executable alone (CPU-only, as scripts/serve.sh), and simulates
# soccer matches and basketball games from the fitted models (models/params), pre-match and live.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --serve
bash scripts/configure.sh serve >/dev/null
cmake --build --preset serve -j "$(nproc)"
simbook=build/serve/app/simbook
echo
"$simbook" simulate --sport soccer --league premier-league --home-team Arsenal --away-team Chelsea --sims 1000000
echo
"$simbook" simulate --sport soccer --league premier-league --home-team Arsenal --away-team Chelsea --sims 1000000 \
    --state '{"minute": 60, "home": 0, "away": 1, "ht_home": 0, "ht_away": 1}'
echo
"$simbook" price --sport soccer --league premier-league --home-team Arsenal --away-team Chelsea --sims 200000 \
    --markets h2h,totals:2.5,spreads:-0.75,btts --margin 0.05 --method shin
echo
"$simbook" simulate --sport basketball --league nba --home-team BOS --away-team DAL --sims 200000
echo
"$simbook" simulate --sport basketball --league nba --home-team BOS --away-team DAL --sims 200000 \
    --state '{"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "away"}'
