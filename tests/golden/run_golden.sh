#!/usr/bin/env bash
# Runs every case of tests/golden/cases.txt with the given simbook binary from the repository root and compares
# stdout byte for byte with tests/golden/expected/<name>.out. --update rewrites the expected files instead
# (only for a deliberate change of path streams or prices, in its own commit).
#   run_golden.sh BINARY [--update] [case-name ...]
set -uo pipefail
binary=$(realpath "$1")
shift
update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
cd "$(dirname "$0")/../.."
expected=tests/golden/expected
failed=0
count=0
while IFS='|' read -r name args; do
    case "$name" in '' | '#'*) continue ;; esac
    if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
        continue
    fi
    count=$((count + 1))
    actual=$(mktemp)
    # Wall-clock fields ("seconds", "timing") are the only ones that vary between runs: blank them (pipefail
    # keeps simbook's exit status).
    if ! eval "\"$binary\" $args" 2>"$actual.err" | sed -E 's/"seconds":[0-9.e+-]+/"seconds":0/g; s/"timing":\{[^}]*\}/"timing":{}/g' >"$actual"; then
        echo "golden: $name: simbook exited with an error:" >&2
        cat "$actual.err" >&2
        failed=$((failed + 1))
    elif [ $update -eq 1 ]; then
        cp "$actual" "$expected/$name.out"
        echo "golden: $name: written"
    elif ! cmp -s "$actual" "$expected/$name.out"; then
        echo "golden: $name: output differs from $expected/$name.out:" >&2
        diff "$expected/$name.out" "$actual" | head -20 >&2
        failed=$((failed + 1))
    fi
    rm -f "$actual" "$actual.err"
done <tests/golden/cases.txt
if [ $count -eq 0 ]; then
    echo "golden: no case matched" >&2
    exit 1
fi
if [ $failed -gt 0 ]; then
    echo "golden: $failed of $count cases failed" >&2
    exit 1
fi
echo "golden: $count cases identical"
