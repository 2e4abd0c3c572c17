#!/usr/bin/env bash
# Run a command against a throwaway Redis: start redis-server on a free loopback port with no
# persistence, export PECGOV_REDIS_URL (database 0; the page cache uses database 1), run, stop.
set -euo pipefail

workdir="$(mktemp -d /tmp/pecgov-redis.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$workdir" \
  --daemonize yes --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log"

cleanup() {
  [ -f "$workdir/redis.pid" ] && kill "$(cat "$workdir/redis.pid")" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT

for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "Throwaway Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port"

export PECGOV_REDIS_URL="redis://127.0.0.1:$port/0"
"$@"
