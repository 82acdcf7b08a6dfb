#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks, on 127.0.0.1 only.
#   bash .ci/services/postgres.sh         install if missing, create and start; prints the URL
#   bash .ci/services/postgres.sh stop    stop it (the data directory stays)
#   bash .ci/services/postgres.sh url     print the URL only
# Idempotent: a running cluster is left as it is. Settings (env):
#   KEFU_PG_DIR  (default ~/.cache/kefu/pg)   KEFU_PG_PORT (default 55432)
# The URL is postgres://kefu:kefu@127.0.0.1:$KEFU_PG_PORT/kefu (export it as KEFU_TEST_PG_URL).
set -euo pipefail
dir="${KEFU_PG_DIR:-$HOME/.cache/kefu/pg}"
port="${KEFU_PG_PORT:-55432}"
url="postgres://kefu:kefu@127.0.0.1:$port/kefu"
cmd="${1:-start}"

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the cluster owner: root may not run PostgreSQL.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  url) echo "$url"; exit 0 ;;
  stop)
    bin=$(find_bin) || { echo "postgres.sh: PostgreSQL is not installed" >&2; exit 1; }
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|url]" >&2; exit 2 ;;
esac

if ! bin=$(find_bin); then
  echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_=""
  [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  $sudo_ apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin) || { echo "postgres.sh: initdb not found after installing postgresql" >&2; exit 1; }
fi

mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  # The owner must reach the directory through its parents.
  p="$dir"
  while [ "$p" != "/" ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
synchronous_commit = on
fsync = on
max_connections = 200
shared_buffers = 256MB
CONF
fi

if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; exit 1; }
fi

psql() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'kefu'")" != "1" ]; then
  psql -d postgres -c "CREATE ROLE kefu LOGIN PASSWORD 'kefu'"
fi
if [ "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'kefu'")" != "1" ]; then
  psql -d postgres -c "CREATE DATABASE kefu OWNER kefu"
fi
echo "$url"
