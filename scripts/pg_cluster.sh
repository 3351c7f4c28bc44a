#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark (Debian's postgresql, initdb + pg_ctl):
#   scripts/pg_cluster.sh start [DIR]   creates (once) and starts a cluster in DIR (default build/cpu/pg),
#                                       listening on a unix socket in DIR only; prints its URI
#   scripts/pg_cluster.sh stop [DIR]    stops it (the files stay; rm -rf DIR removes them)
#   scripts/pg_cluster.sh uri [DIR]     prints the URI of a running cluster
# PostgreSQL refuses to run as root: under root the cluster belongs to the system user simbook-pg (created
# when missing). Tests read the URI from SIMBOOK_TEST_POSTGRES:
#   export SIMBOOK_TEST_POSTGRES=$(scripts/pg_cluster.sh start)
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
dir=$(realpath -m "${2:-build/cpu/pg}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "pg_cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi
user=$(id -un)
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    user=simbook-pg
    if ! id -u "$user" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    as_owner() { runuser -u "$user" -- "$@"; }
fi
uri="postgresql:///postgres?host=$dir&user=$user"

case "$command" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown "$user" "$dir"
        # The owner must reach DIR through its parents.
        parent=$(dirname "$dir")
        while [ "$parent" != / ]; do
            chmod o+x "$parent" 2>/dev/null || true
            parent=$(dirname "$parent")
        done
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --no-sync >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        # Unix socket in DIR only (no TCP port to collide with); enough connections for two nodes' pools.
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200" start >/dev/null ||
            { cat "$dir/server.log" >&2; exit 1; }
    fi
    echo "$uri"
    ;;
stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
uri)
    echo "$uri"
    ;;
*)
    echo "usage: scripts/pg_cluster.sh start|stop|uri [DIR]" >&2
    exit 2
    ;;
esac
