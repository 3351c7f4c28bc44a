#!/usr/bin/env bash
# Configures a CMake preset: scripts/configure.sh PRESET [cmake options...]
# A new build folder (every preset builds in build/<preset>) gets Ninja when it is installed (scripts/setup.sh
# installs it): Ninja compiles a target's files while the libraries it links are still compiling, where Make waits
# for them. A folder configured already keeps its generator (CMake refuses to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
    echo "usage: scripts/configure.sh PRESET [cmake options...]  (presets: cmake --list-presets)" >&2
    exit 2
fi
preset=$1
shift
generator=()
if [ ! -f "build/$preset/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
fi
exec cmake --preset "$preset" "${generator[@]}" "$@"
