#!/bin/sh
# Runs `simbook evaluate` on one season of two leagues, then executes notebooks/calibration.ipynb headless on
# the CSV files, so the notebook cannot rot. Skips (exit 0) when Debian's jupyter-nbconvert is not installed.
# usage: run_calibration_notebook.sh SIMBOOK_BINARY NOTEBOOK DATA_DIR WORK_DIR
set -eu
simbook=$1
notebook=$2
data=$3
work=$4
if [ ! -x /usr/bin/jupyter-nbconvert ]; then
    echo "SKIPPED: /usr/bin/jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-matplotlib python3-ipykernel)"
    exit 0
fi
if [ ! -d "$data/soccer/results" ]; then
    echo "SKIPPED: no data folder at $data"
    exit 0
fi
if ! /usr/bin/python3 -c "import matplotlib, ipykernel" 2>/dev/null; then
    echo "FAILED: jupyter-nbconvert is installed but /usr/bin/python3 lacks matplotlib or ipykernel (apt-get install python3-matplotlib python3-ipykernel)"
    exit 1
fi
rm -rf "$work/evaluation"
mkdir -p "$work/evaluation"
for league in premier-league serie-a; do
    "$simbook" evaluate --league "$league" --seasons 2015-2016 --data "$data" --csv "$work/evaluation/$league.csv" >/dev/null
done
SIMBOOK_EVAL_DIR="$work/evaluation" PYDEVD_DISABLE_FILE_VALIDATION=1 /usr/bin/jupyter-nbconvert --to notebook --execute \
    --ExecutePreprocessor.timeout=300 --output-dir "$work" "$notebook"
# The executed copy holds both figures.
/usr/bin/python3 - "$work/calibration.ipynb" <<'PY'
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
images = sum("image/png" in o.get("data", {}) for c in cells for o in c.get("outputs", []))
errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
assert images == 2 and not errors, f"{images} figures, {len(errors)} errors"
print(f"calibration notebook executed: {images} figures")
PY
