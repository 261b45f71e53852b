#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints its URL on stdout.
# Usage: url=$(scripts/postgres.sh start DIR); scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them: apt-get install -y postgresql" >&2
  exit 1
fi
run() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# A free port unless one is given, so a developer's own cluster never collides with the tests'.
port=${PGTEST_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      run "$bin/initdb" -D "$dir" -U renkei --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
        { echo "initdb failed, see $dir.initdb.log" >&2; exit 1; }
    fi
    run "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2 ||
      { echo "PostgreSQL did not start, see $dir/server.log" >&2; cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://renkei@127.0.0.1:$port/postgres"
    ;;
  stop)
    run "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true
    ;;
esac
