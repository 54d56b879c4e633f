#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a command against a throw-away PostgreSQL server (issue #6: the contract tests run on
# SQLite and on PostgreSQL). Creates a cluster in a temporary folder, starts it on a free
# loopback port (and a unix socket in that folder) with a random password, exports
#
#   PATCHBOARD_TEST_POSTGRES=postgresql://patchboard:PASSWORD@127.0.0.1:PORT/patchboard
#
# runs COMMAND, then stops the server and removes the folder whatever happened. Exits with the
# command's status.
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#   scripts/with-postgres.sh ctest --test-dir build -R 'postgres|api' --output-on-failure
#
# Needs the Debian package postgresql-15 (or another version: the newest in /usr/lib/postgresql
# is taken; PG_BINDIR overrides). The cluster's files belong to the user "postgres" when run as
# root (initdb refuses root), else to the current user. The cluster uses the C locale, so that
# text sorts by code point exactly as in SQLite, and fsync off: it lives for one command.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

bindir="${PG_BINDIR:-}"
if [[ -z "$bindir" ]]; then
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$candidate/initdb" ]] && { bindir="$candidate"; break; }
    done
fi
if [[ -z "$bindir" && -n "$(command -v pg_config 2>/dev/null)" ]]; then
    bindir="$(pg_config --bindir)"
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "with-postgres.sh: PostgreSQL's initdb not found; install it (apt-get install" \
         "postgresql-15) or set PG_BINDIR to the folder holding initdb and pg_ctl." >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/patchboard-pg.XXXXXX")"
data="$work/data"
started=0

# Run as the cluster's owner: "postgres" when we are root.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    local status=$?
    if [[ $started -eq 1 ]]; then
        as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres.sh: running as root needs the user 'postgres' (the postgresql" \
             "package creates it), since initdb refuses to run as root." >&2
        exit 2
    fi
    chown postgres: "$work"
fi

# 32 random bytes as hex: no character that would need escaping in a URL.
password="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
pwfile="$work/pwfile"
(umask 077 && printf '%s\n' "$password" >"$pwfile")
[[ "$(id -u)" -eq 0 ]] && chown postgres: "$pwfile"

if ! as_owner "$bindir/initdb" -D "$data" -U patchboard --pwfile="$pwfile" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C --no-sync >"$work/initdb.log" 2>&1; then
    echo "with-postgres.sh: initdb failed:" >&2
    cat "$work/initdb.log" >&2
    exit 2
fi
rm -f "$pwfile"

# A free port: ask the kernel for one (bind to port 0) where python3 is present, else try
# random ones; pg_ctl fails when the port is taken, and we try again.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    else
        echo $((20000 + RANDOM % 40000))
    fi
}

for attempt in 1 2 3 4 5 6 7 8; do
    port="$(free_port)"
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$work/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null 2>&1; then
        started=1
        break
    fi
done
if [[ $started -ne 1 ]]; then
    echo "with-postgres.sh: the PostgreSQL server did not start; its log:" >&2
    cat "$work/server.log" >&2 || true
    exit 2
fi

if ! PGPASSWORD="$password" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U patchboard patchboard; then
    echo "with-postgres.sh: could not create the database 'patchboard'." >&2
    exit 2
fi

export PATCHBOARD_TEST_POSTGRES="postgresql://patchboard:$password@127.0.0.1:$port/patchboard"
echo "with-postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on" \
     "127.0.0.1:$port (database patchboard, user patchboard)" >&2

set +e
"$@"
status=$?
set -e
exit $status
