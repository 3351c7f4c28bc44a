#!/usr/bin/env bash
# GET /v1/events/{id}/odds of a cached event under load: starts the built `simbook serve` (no rate limit, bets in
# memory), reads a demo key and the demo event ids it prints, runs wrk against the odds route, prints requests/s
# and the latency percentiles, and stops the server with SIGTERM. Builds nothing.
#
#   bench/api/load.sh                        # build/cpu/app/simbook, EPL demo event, 64 connections, 10 s
#   SIMBOOK=path/to/simbook CONNECTIONS=64 DURATION=10s THREADS=2 SERVER_THREADS=2 EVENT=nba bench/api/load.sh
#
# Target (README): >= 50,000 requests/s with p99 <= 5 ms at 64 connections on a 2-core machine.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
simbook="${SIMBOOK:-$here/build/cpu/app/simbook}"
connections="${CONNECTIONS:-64}"
duration="${DURATION:-10s}"
wrk_threads="${THREADS:-2}"
server_threads="${SERVER_THREADS:-2}"
event_kind="${EVENT:-soccer}" # soccer: the EPL demo event; nba: the NBA one
port="${PORT:-0}"

if [[ ! -x "$simbook" ]]; then
    echo "load.sh: error: no simbook binary at $simbook (build first, or set SIMBOOK)" >&2
    exit 2
fi
if ! command -v wrk >/dev/null; then
    echo "load.sh: error: wrk is not installed (apt-get install wrk)" >&2
    exit 2
fi
if [[ "$port" == 0 ]]; then
    # A free port chosen by the kernel (wrk needs it before the server prints it).
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi

log="$(mktemp)"
"$simbook" serve --port "$port" --store :memory: --rate-limit 0 --threads "$server_threads" >"$log" 2>&1 &
server=$!
cleanup() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
    if grep -q "demo event" "$log" && [[ "$(grep -c 'demo event' "$log")" -ge 2 ]]; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "load.sh: error: the server exited: $(tail -1 "$log")" >&2
        exit 2
    fi
    sleep 0.1
done
key="$(awk '/^demo key \(sportsbook\)/ {print $4}' "$log")"
if [[ "$event_kind" == nba ]]; then
    event="$(awk '/^demo event/ {print $3}' "$log" | sed -n 2p)"
else
    event="$(awk '/^demo event/ {print $3}' "$log" | sed -n 1p)"
fi
if [[ -z "$key" || -z "$event" ]]; then
    echo "load.sh: error: no demo key or event in the server's output:" >&2
    cat "$log" >&2
    exit 2
fi
url="http://127.0.0.1:$port/v1/events/$event/odds"
# One request first: a wrong key or route must not be benchmarked as fast errors.
status="$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" "$url" || true)"
if [[ "$status" != 200 ]]; then
    echo "load.sh: error: GET $url answered $status, not 200" >&2
    exit 2
fi

load_before="$(cut -d' ' -f1 /proc/loadavg)"
echo "simbook serve --threads $server_threads on port $port; wrk -t$wrk_threads -c$connections -d$duration GET $url"
out="$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -H "X-API-Key: $key" "$url")"
echo "$out"
rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
errors="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
echo "RESULT requests/s=$rps p50=$p50 p99=$p99 non2xx=${errors:-0} connections=$connections server_threads=$server_threads load_before=$load_before"
