#!/usr/bin/env bash
# Stops the services that scripts/up.sh started (gracefully: SIGTERM, then up to 40 s). Redis,
# PostgreSQL and RabbitMQ are left running.
set -euo pipefail
cd "$(dirname "$0")/.."
for name in listener-service sentiment-service response-service; do
  pidfile=.dev/run/$name.pid
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "[down] stopped $name"
  fi
  rm -f "$pidfile"
done
