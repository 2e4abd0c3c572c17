#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL: initdb into a temporary directory,
# start it on a free loopback port, export DATABASE_URL, run, then stop and delete it.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
  bindir="$(dirname "$(command -v initdb)")"
fi

workdir="$(mktemp -d /tmp/pecgov-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$workdir"
fi

cleanup() {
  as_pg "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

as_pg "$bindir/initdb" -D "$workdir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 30 \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null
echo "Throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/pecgov"
export DB_CONN_MAX_AGE=0
"$@"
