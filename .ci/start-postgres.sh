#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite and exports MINHU_TEST_POSTGRES_URL.
# Sourced by .ci/run; also usable by hand: `source .ci/start-postgres.sh` (stop it with
# `minhu_stop_postgres`). Works as root (the server runs as the `postgres` user, as PostgreSQL
# refuses to run as root) and as an unprivileged user (the server runs as that user).

minhu_pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$minhu_pg_bindir" || ! -x "$minhu_pg_bindir/initdb" ]]; then
    echo "start-postgres: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1 2>/dev/null || exit 1
fi

minhu_pg_port=${MINHU_PG_PORT:-55432}
# Another server (or an earlier run) on the port: take the next free one.
while (exec 3<>"/dev/tcp/127.0.0.1/$minhu_pg_port") 2>/dev/null; do
    minhu_pg_port=$((minhu_pg_port + 1))
done

minhu_pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/minhu-ci-postgres.XXXXXX")
minhu_pg_password=minhu-ci-$RANDOM$RANDOM
printf '%s\n' "$minhu_pg_password" > "$minhu_pg_dir/pwfile"

if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown -R postgres: "$minhu_pg_dir"
    minhu_pg_as() { runuser -u postgres -- "$@"; }
else
    minhu_pg_as() { "$@"; }
fi

minhu_pg_as "$minhu_pg_bindir/initdb" -D "$minhu_pg_dir/data" --username=minhu --pwfile="$minhu_pg_dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$minhu_pg_dir/initdb.log" 2>&1 || {
    cat "$minhu_pg_dir/initdb.log" >&2
    return 1 2>/dev/null || exit 1
}
# fsync and synchronous_commit stay at their defaults (on): the durability tests need them.
# Many connections: the suite runs tests in parallel, each store with a small pool of its own.
minhu_pg_as "$minhu_pg_bindir/pg_ctl" -D "$minhu_pg_dir/data" -l "$minhu_pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $minhu_pg_port -k $minhu_pg_dir -c max_connections=400 -c shared_buffers=128MB" \
    start >/dev/null || {
    cat "$minhu_pg_dir/server.log" >&2
    return 1 2>/dev/null || exit 1
}
PGPASSWORD=$minhu_pg_password "$minhu_pg_bindir/createdb" -h 127.0.0.1 -p "$minhu_pg_port" -U minhu minhu

export MINHU_TEST_POSTGRES_URL="postgres://minhu:$minhu_pg_password@127.0.0.1:$minhu_pg_port/minhu?sslmode=disable"
export MINHU_PG_DIR=$minhu_pg_dir
echo "PostgreSQL test server on 127.0.0.1:$minhu_pg_port (data in $minhu_pg_dir)"

minhu_stop_postgres() {
    minhu_pg_as "$minhu_pg_bindir/pg_ctl" -D "$minhu_pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$minhu_pg_dir"
}
