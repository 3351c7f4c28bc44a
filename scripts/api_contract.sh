#!/usr/bin/env bash
# The API against its own OpenAPI document: openapi-spec-validator checks the document, then schemathesis
# (property-based tests generated from it, both from PyPI) runs against a live `simbook serve`: no 5xx, every
# response (errors included) matches the document, schema-invalid input is refused, auth is never ignored.
# Usage: scripts/api_contract.sh [path/to/simbook]   (default build/cpu/app/simbook)
set -euo pipefail
cd "$(dirname "$0")/.."
simbook=${1:-build/cpu/app/simbook}
venv=build/contract-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis>=4,<5" "openapi-spec-validator>=0.7"
fi
out=$(mktemp)
"$simbook" serve --port 0 --store :memory: --rate-limit 0 --sims 2000 --simulate-max-sims 5000 \
    --futures-max-seasons 200 --params-dir models/params >"$out" 2>"$out.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$out" "$out.err"' EXIT
for _ in $(seq 100); do
    grep -q "^demo event" "$out" 2>/dev/null && break
    sleep 0.1
done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\) .*/\1/p' "$out")
admin=$(sed -n 's/^demo key (admin): //p' "$out")
[ -n "$port" ] && [ -n "$admin" ] || { echo "api_contract: the server did not start" >&2; cat "$out" "$out.err" >&2; exit 1; }
base="http://127.0.0.1:$port"
curl -sf "$base/v1/openapi.json" -o "$out.json"
"$venv/bin/openapi-spec-validator" "$out.json"
rm -f "$out.json"
# positive_data_acceptance is left out: a schema-valid body may still name a team no model has (a 400 by design).
"$venv/bin/schemathesis" run "$base/v1/openapi.json" --url "$base" -H "X-API-Key: $admin" \
    --checks all --exclude-checks positive_data_acceptance --max-examples "${SIMBOOK_CONTRACT_EXAMPLES:-40}" \
    --seed 1 --workers 1 --no-color
echo "api_contract: the API matches its OpenAPI document"
