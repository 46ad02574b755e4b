#!/usr/bin/env bash
# Sets up and starts the whole system locally from a fresh clone:
#   1. Redis, PostgreSQL and RabbitMQ: installed with apt-get where missing, started where stopped,
#      databases and virtual hosts created (scripts/infra.sh);
#   2. a development JWT key pair in .dev/jwt (scripts/dev-keys.sh);
#   3. the three services built (mvn package, tests skipped: scripts/test.sh runs them);
#   4. the services started in the background (logs in .dev/logs, pids in .dev/run) and waited for.
# Environment variables are passed through to the services, e.g. a local Algolia-format server:
#   EARSHOT_LISTENER_HACKERNEWS_BASE_URL=http://localhost:9999 scripts/up.sh
# Stop with scripts/down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/infra.sh
scripts/dev-keys.sh

if [ "${EARSHOT_SKIP_BUILD:-}" != 1 ]; then
  echo "[up] building the services (a first build downloads dependencies; it takes a few minutes)"
  mvn -B -q --no-transfer-progress -DskipTests -pl listener-service,sentiment-service,response-service -am package
fi

mkdir -p .dev/logs .dev/run
export EARSHOT_JWT_PUBLIC_KEY_LOCATION="file:$root/.dev/jwt/public.pem"
export EARSHOT_JWT_ISSUER="${EARSHOT_JWT_ISSUER:-https://earshot.local}"
# The services run in the prod profile, which has no default credentials: pass the ones scripts/infra.sh
# set up locally (the RabbitMQ user guest, the PostgreSQL role earshot) unless others are given.
export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}" RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"
export DB_USERNAME="${DB_USERNAME:-earshot}" DB_PASSWORD="${DB_PASSWORD:-earshot}"
# The web inbox: its first admin's password and the session cookie's key, generated once into .dev/inbox (the admin
# is written at the first start only, so the password must stay the same); plain http here, so no Secure cookie.
mkdir -p .dev/inbox
new_admin_password=no
if [ ! -s .dev/inbox/admin-password ]; then
  (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' >.dev/inbox/admin-password)
  new_admin_password=yes
fi
[ -s .dev/inbox/session-key ] || (umask 077; head -c 32 /dev/urandom | base64 | tr '+/' '-_' >.dev/inbox/session-key)
export EARSHOT_INBOX_ADMIN_EMAIL="${EARSHOT_INBOX_ADMIN_EMAIL:-admin@earshot.local}"
if [ "$new_admin_password" = yes ] && [ -z "${EARSHOT_INBOX_ADMIN_PASSWORD:-}" ] && [ -z "${DB_REACTIVE_URL:-}" ]; then
  # A new checkout on a machine whose local database already has an inbox admin (an earlier clone, a deleted .dev):
  # the first admin is written only while no admin has a password, so the login printed below would not work.
  # Clear the local admins' passwords; response-service writes this checkout's at start.
  cleared=$(scripts/psql-admin.sh -d earshot -qtAc "DO \$\$ BEGIN IF to_regclass('public.app_user') IS NOT NULL THEN
      UPDATE app_user SET password_hash = NULL WHERE role = 'admin' AND password_hash IS NOT NULL; END IF; END \$\$;
      SELECT 'done'" 2>&1) || echo "[up] could not check the local inbox admins: $cleared" >&2
  echo "[up] new checkout: the local database's inbox admin gets the password in .dev/inbox/admin-password"
fi
export EARSHOT_INBOX_ADMIN_PASSWORD="${EARSHOT_INBOX_ADMIN_PASSWORD:-$(cat .dev/inbox/admin-password)}"
export EARSHOT_INBOX_SESSION_KEY="${EARSHOT_INBOX_SESSION_KEY:-$(cat .dev/inbox/session-key)}"
export EARSHOT_INBOX_SECURE_COOKIES="${EARSHOT_INBOX_SECURE_COOKIES:-false}"

start_service() { # name port
  local name=$1 port=$2 pidfile=.dev/run/$1.pid
  if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[up] $name already runs (pid $(cat "$pidfile"))"; return
  fi
  local jar=$name/target/quarkus-app/quarkus-run.jar
  [ -f "$jar" ] || { echo "[up] $jar is missing: build first" >&2; exit 1; }
  QUARKUS_HTTP_PORT=$port nohup java ${EARSHOT_JAVA_OPTS:--Xmx512m} -jar "$jar" >".dev/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
  echo "[up] started $name on port $port (pid $!, log .dev/logs/$name.log)"
}

start_service response-service 8080
start_service sentiment-service 8082
start_service listener-service 8081

for spec in response-service:8080 sentiment-service:8082 listener-service:8081; do
  name=${spec%%:*} port=${spec##*:}
  ready=no
  for _ in $(seq 1 90); do
    if curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1; then ready=yes; break; fi
    if ! kill -0 "$(cat ".dev/run/$name.pid")" 2>/dev/null; then break; fi
    sleep 1
  done
  if [ "$ready" != yes ]; then
    echo "[up] $name did not become ready; the end of .dev/logs/$name.log:" >&2
    tail -n 40 ".dev/logs/$name.log" >&2
    exit 1
  fi
done

cat <<EOT

Earshot is running.
  Web inbox:               http://localhost:8080/inbox
                           first login: $EARSHOT_INBOX_ADMIN_EMAIL / $EARSHOT_INBOX_ADMIN_PASSWORD
                           (the admin written at the first start; the password is in .dev/inbox/admin-password)
  Response API (tasks):    http://localhost:8080/api/v1/tasks       OpenAPI: http://localhost:8080/q/openapi
  Listener API (sources):  http://localhost:8081/api/v1/sources     OpenAPI: http://localhost:8081/q/openapi
  Sentiment API (scoring): http://localhost:8082/api/v1/score       OpenAPI: http://localhost:8082/q/openapi
  Health and metrics:      /q/health/ready and /q/metrics on each port

A development token for a role (agent, lead or admin):
  TOKEN=\$(scripts/dev-token.sh agent)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8080/api/v1/tasks
Stop everything with scripts/down.sh.
EOT
