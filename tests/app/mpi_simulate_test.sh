#!/usr/bin/env bash
# mpirun -np N simbook simulate: the ranks split the path ids and rank 0 prints the summed counts, which must be
# byte-identical to one process's for N = 1, 2 and 3 (oversubscribed on a 2-core machine), for every sport; and
# what cannot be split is refused with a clear error.
# The same for futures (the season kernel, and football's NFL seasons; every field but the wall time), whatif and
# momentum.
# Usage: mpi_simulate_test.sh MPIEXEC SIMBOOK SOURCE_DIR
set -euo pipefail
mpiexec=$1
simbook=$2
source_dir=$3
flags=(--oversubscribe --mca btl self,vader)
if [ "$(id -u)" = 0 ]; then
    flags+=(--allow-run-as-root)
fi
status=0
for sport in soccer basketball baseball football; do
    args=(simulate --sport "$sport" --sims 30001 --seed 17 --json)
    reference=$("$simbook" "${args[@]}")
    for n in 1 2 3; do
        got=$("$mpiexec" "${flags[@]}" -np "$n" "$simbook" "${args[@]}")
        if [ "$got" != "$reference" ]; then
            echo "FAIL: $sport with $n ranks differs from one process" >&2
            status=1
        else
            echo "ok: $sport, $n ranks, identical"
        fi
    done
done
# futures: the seasons split across ranks; the report without its wall time.
without_seconds() { python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("seconds",None); print(json.dumps(d,sort_keys=True))'; }
futures=(futures --input "$source_dir/tests/golden/futures_table.json" --seasons 20001 --seed 4 --backend cpu --json)
reference=$("$simbook" "${futures[@]}" | without_seconds)
for n in 2 3; do
    got=$("$mpiexec" "${flags[@]}" -np "$n" "$simbook" "${futures[@]}" | without_seconds)
    if [ "$got" != "$reference" ]; then
        echo "FAIL: futures with $n ranks differs from one process" >&2
        status=1
    else
        echo "ok: futures, $n ranks, identical"
    fi
done
# football futures: the NFL seasons split across ranks, the same way.
football=(futures --sport football --season 2018 --as-of 2018-11-01 --seasons 3001 --seed 4 --json)
reference=$("$simbook" "${football[@]}" | without_seconds)
for n in 2 3; do
    got=$("$mpiexec" "${flags[@]}" -np "$n" "$simbook" "${football[@]}" | without_seconds)
    if [ "$got" != "$reference" ]; then
        echo "FAIL: football futures with $n ranks differs from one process" >&2
        status=1
    else
        echo "ok: football futures, $n ranks, identical"
    fi
done
# whatif (paired base and scenario) and momentum: the same pairs of path ids, split across ranks.
whatif_args=(whatif --sport basketball --markets "h2h,totals:220.5,race:20" --sims 20001 --seed 3 --json
             --scenario '[{"type":"player_out","player":"Jayson Tatum"}]')
momentum_args=(momentum --sport soccer --sims 20001 --seed 3 --json)
for name in whatif momentum; do
    declare -n cmd="${name}_args"
    reference=$("$simbook" "${cmd[@]}")
    got=$("$mpiexec" "${flags[@]}" -np 3 "$simbook" "${cmd[@]}")
    if [ "$got" != "$reference" ]; then
        echo "FAIL: $name with 3 ranks differs from one process" >&2
        status=1
    else
        echo "ok: $name, 3 ranks, identical"
    fi
done
# Fewer paths than ranks: the idle rank adds nothing.
reference=$("$simbook" simulate --sport soccer --sims 2 --seed 3 --json)
got=$("$mpiexec" "${flags[@]}" -np 3 "$simbook" simulate --sport soccer --sims 2 --seed 3 --json)
[ "$got" = "$reference" ] && echo "ok: 2 paths on 3 ranks" || { echo "FAIL: 2 paths on 3 ranks" >&2; status=1; }
# A precision target cannot be split: refused, nothing printed on stdout.
if out=$("$mpiexec" "${flags[@]}" -np 2 "$simbook" simulate --sport soccer --target-se 0.01 --json 2>/tmp/mpi_err.$$); then
    echo "FAIL: --target-se accepted under mpirun" >&2
    status=1
elif ! grep -q -- "--target-se: not under mpirun" /tmp/mpi_err.$$ || [ -n "$out" ]; then
    echo "FAIL: --target-se refused without the expected message" >&2
    cat /tmp/mpi_err.$$ >&2
    status=1
else
    echo "ok: --target-se refused"
fi
rm -f /tmp/mpi_err.$$
exit $status
