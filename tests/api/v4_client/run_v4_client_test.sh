#!/usr/bin/env bash
# Installs the published v4 client (requirements.txt, from PyPI) into a virtual environment once, then runs
# v4_client_test.py against a fresh `simbook serve`.
# usage: run_v4_client_test.sh SIMBOOK_BINARY PARAMS_DIR VENV_DIR
set -euo pipefail
simbook=$1
params=$2
venv=$3
here="$(cd "$(dirname "$0")" && pwd)"
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
exec "$venv/bin/python" "$here/v4_client_test.py" "$simbook" "$params"
