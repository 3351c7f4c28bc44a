#!/usr/bin/env bash
# C++ games/s on one core against the numpy baseline of the same models, measured in the same run so the
# ratio is not skewed by a different machine or load. Usage (from the repo root):
#   bash bench/compare_numpy.sh [build-dir]        (default build/cpu)
# Prefers the Google Benchmark binary <build>/bench/simbook_bench (items/s, no process start-up or tally
# in the timing); otherwise times `simbook simulate --threads 1` with enough sims to hide start-up.
# When <build>/bench/simbook_light_bench is built, adds the light basketball kernel (no box scores, SIMD lanes)
# against the same numpy basketball baseline (which keeps box scores: the light kernel's target is 30x it).
# When <build>/bench/simbook_baseball_bench is built, adds the baseball kernel (BM_Baseball, one thread) against
# bench/baseline/baseball_numpy.py on the parameter tables that binary writes (--dump-params).
set -euo pipefail

build=${1:-build/cpu}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3 # Debian's numpy; the pyenv python3 first on PATH has none
cores=$(nproc)      # before OMP_NUM_THREADS=1, which nproc obeys
# numpy here is element-wise (no BLAS), but pin helper threads so both sides really use one core.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
soccer_sims=${SOCCER_SIMS:-4000000}
basketball_sims=${BASKETBALL_SIMS:-400000}

bench_bin="$build/bench/simbook_bench"
[[ -z "${USE_CLI:-}" ]] || bench_bin=/nonexistent # USE_CLI=1 forces the CLI timing
cli="$build/app/simbook"

# Prints items/s of benchmark $2/threads:1 of Google Benchmark binary $1.
bench_rate() {
    # Names look like BM_Soccer_FullMatch/threads:1/real_time; the anchor keeps threads:16 out.
    "$1" --benchmark_filter="^$2/threads:1(/|\$)" --benchmark_format=json |
        "$py" -c '
import json, sys
runs = [b for b in json.load(sys.stdin)["benchmarks"] if b.get("run_type", "iteration") == "iteration"]
print(runs[0]["items_per_second"])'
}

# Prints C++ games/s on one core for sport $1 (benchmark name $2, CLI sims $3).
cpp_rate() {
    if [[ -x "$bench_bin" ]]; then
        bench_rate "$bench_bin" "$2"
    else
        [[ -x "$cli" ]] || { echo "no $bench_bin or $cli: build first" >&2; exit 1; }
        local start end
        start=$(date +%s.%N)
        "$cli" simulate --sport "$1" --sims "$3" --threads 1 --json >/dev/null
        end=$(date +%s.%N)
        "$py" -c "print($3 / ($end - $start))"
    fi
}

if [[ -x "$bench_bin" ]]; then source="Google Benchmark ($bench_bin)"; else source="simbook simulate --threads 1"; fi
echo "C++ timing: $source; numpy $("$py" -c 'import numpy; print(numpy.__version__)'); $cores cores"

soccer_cpp=$(cpp_rate soccer BM_Soccer_FullMatch "$soccer_sims")
soccer_np=$("$py" "$here/baseline/soccer_numpy.py")
basketball_cpp=$(cpp_rate basketball BM_Basketball_FullGame "$basketball_sims")
basketball_np=$("$py" "$here/baseline/basketball_numpy.py")
light_bin="$build/bench/simbook_light_bench"
light_cpp=""
[[ ! -x "$light_bin" ]] || light_cpp=$(bench_rate "$light_bin" BM_BasketballLight)
baseball_bin="$build/bench/simbook_baseball_bench"
baseball_cpp="" baseball_np=""
if [[ -x "$baseball_bin" ]]; then
    baseball_params=$(mktemp)
    trap 'rm -f "$baseball_params"' EXIT
    "$baseball_bin" --dump-params "$baseball_params"
    baseball_cpp=$(bench_rate "$baseball_bin" BM_Baseball)
    baseball_np=$("$py" "$here/baseline/baseball_numpy.py" --params "$baseball_params")
fi

"$py" - "$soccer_cpp" "$soccer_np" "$basketball_cpp" "$basketball_np" "$light_cpp" "$baseball_cpp" "$baseball_np" <<'EOF'
import json, sys
a = sys.argv[1:]
rows = [("soccer", a[0], a[1]), ("basketball", a[2], a[3])]
if a[4]:
    rows.append(("bb light", a[4], a[3]))
if a[5]:
    rows.append(("baseball", a[5], a[6]))
print(f"{'sport':<12}{'C++ games/s (1 core)':>22}{'numpy games/s':>16}{'ratio':>8}")
for sport, cpp, np_line in rows:
    cpp, numpy_rate = float(cpp), json.loads(np_line)["games_per_second"]
    print(f"{sport:<12}{cpp:>22,.0f}{numpy_rate:>16,.0f}{cpp / numpy_rate:>7.1f}x")
EOF
