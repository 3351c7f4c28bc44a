#!/usr/bin/env bash
# Installs Playwright (requirements.txt, from PyPI) into a virtual environment once, then runs dashboard_test.py
# against a fresh `simbook serve` in Debian's headless chromium. Exit 77 (skipped) only when chromium is absent.
# usage: run_dashboard_test.sh SIMBOOK_BINARY PARAMS_DIR VENV_DIR SCREENSHOT_DIR [DATA_DIR]
set -euo pipefail
simbook=$1
params=$2
venv=$3
shots=$4
data=${5:-}
here="$(cd "$(dirname "$0")" && pwd)"
chromium=${SIMBOOK_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "SKIPPED: no chromium at $chromium; install it with: apt-get install chromium (scripts/setup.sh does)"
    exit 77
fi
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" || {
        echo "FAILED: cannot install $here/requirements.txt from PyPI into $venv" >&2
        exit 1
    }
    cp "$here/requirements.txt" "$stamp"
fi
exec "$venv/bin/python" "$here/dashboard_test.py" "$simbook" "$params" "$shots" "$data"
