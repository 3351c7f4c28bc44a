#!/usr/bin/env bash
# Builds the libFuzzer harnesses (the asan preset's fuzz target: clang, ASan+UBSan) and runs each for a bounded time, starting
# from the committed seeds (fuzz/corpus/<harness>). Any finding (crash, sanitizer report, leak, timeout, 5xx)
# fails the script; the input that caused it is left in build/asan/fuzz/artifacts/.
#   scripts/fuzz.sh                 every harness, 15 s each (CI)
#   scripts/fuzz.sh 600 market_spec one harness, 10 minutes
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 0 live_state   a number of executions instead of a time
# Harnesses run in parallel, one per core (FUZZ_JOBS=N sets how many at a time).
# New inputs the fuzzer finds go to build/asan/fuzz/corpus/<harness>, not into the repository's seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=(http_target http_message ws_message request_body tool_request live_state market_spec api_keys config_file csv_data fitted_model)
fi

# Configured once: a build folder configured already keeps its options (CI's ASan build compiles its libraries at
# -O1; configuring the preset again would rebuild them all at the preset's -O2 before the first run).
if [ ! -f build/asan/CMakeCache.txt ]; then
    bash scripts/configure.sh asan >/dev/null
fi
cmake --build --preset fuzz -j "$(nproc)"
out=build/asan/fuzz

mkdir -p "$out/artifacts"
# The loader harnesses write every input to a scratch file: keep those in memory where there is a tmpfs.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# One harness: its findings fail it, its stats are printed when it ends.
run_one() {
    local h=$1
    local work="$out/corpus/$h"
    mkdir -p "$work"
    local args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=$out/artifacts/$h-")
    case "$h" in
        http_target | http_message | market_spec) args+=("-dict=fuzz/$h.dict") ;;
        ws_message) args+=(-dict=fuzz/json.dict) ;;
        request_body | tool_request | live_state | fitted_model) args+=(-dict=fuzz/json.dict) ;;
    esac
    if [ -n "${FUZZ_RUNS:-}" ]; then
        args+=("-runs=$FUZZ_RUNS")
    else
        args+=("-max_total_time=$seconds")
    fi
    if ! "$out/${h}_fuzz" "${args[@]}" "$work" "fuzz/corpus/$h" 2>"$out/$h.log"; then
        tail -n 60 "$out/$h.log" >&2
        echo "simbook fuzz: $h found a problem (input in $out/artifacts/, log $out/$h.log)" >&2
        return 1
    fi
    echo "simbook fuzz: $h $(grep -E "stat::number_of_executed_units|stat::average_exec_per_sec" "$out/$h.log" | tr '\n' ' ')"
}

# As many harnesses at a time as there are cores (FUZZ_JOBS overrides), each on one core.
jobs=${FUZZ_JOBS:-$(nproc)}
running=0
failed=0
for h in "${harnesses[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
    run_one "$h" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
if [ "$failed" != 0 ]; then
    echo "simbook fuzz: findings above" >&2
    exit 1
fi
echo "simbook fuzz: no findings"
