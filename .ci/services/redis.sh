#!/usr/bin/env bash
# A throwaway Redis for tests: bound to 127.0.0.1 on a fixed non-default port,
# no persistence, daemonized with its pidfile and log under ~/.cache/kefu/redis-<port>.
# Idempotent: a running instance on the port is reused. Installs Debian's
# redis-server when it is missing (apt-get update once, then install).
#
#   bash .ci/services/redis.sh            # start on 56379, print the URL
#   bash .ci/services/redis.sh start 56380
#   bash .ci/services/redis.sh stop [port]
#   bash .ci/services/redis.sh url [port]
#
# .ci/test.sh exports KEFU_TEST_REDIS_URL from `start`'s last line of output and FLUSHALLs the
# instance before the tests (benchmarks delete their own keys when they end).
set -euo pipefail
cmd=${1:-start}
port=${2:-${KEFU_TEST_REDIS_PORT:-56379}}
dir="${XDG_CACHE_HOME:-$HOME/.cache}/kefu/redis-$port"
pidfile="$dir/redis.pid"
url="redis://127.0.0.1:$port"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

install() {
  command -v redis-server >/dev/null && return
  echo "redis-server not found: installing Debian's redis-server" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >&2
}

case "$cmd" in
  start)
    install
    mkdir -p "$dir"
    if ! running; then
      redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --protected-mode yes \
        --dir "$dir" --pidfile "$pidfile" --logfile "$dir/redis.log" \
        --save "" --appendonly no --maxmemory 512mb --maxmemory-policy noeviction \
        --maxclients 10000
    fi
    for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        echo "$url"
        exit 0
      fi
      sleep 0.1
    done
    echo "redis on port $port did not answer PING within 10 s; see $dir/redis.log" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$pidfile")
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
    ;;
  url) echo "$url" ;;
  *)
    echo "usage: $0 [start|stop|url] [port]" >&2
    exit 2
    ;;
esac
