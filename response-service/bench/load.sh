#!/usr/bin/env bash
# Load benchmark of response-service, one command:
#   response-service/bench/load.sh
# 1. (re)creates the PostgreSQL database earshot_bench (as user postgres, owned by earshot) and the
#    RabbitMQ virtual host earshot-bench, so nothing of a local run or of the tests is touched;
# 2. builds the service (skip with SKIP_BUILD=1) and starts the packaged jar against them on $PORT;
# 3. seeds $TASKS tasks (default 100,000) with one post each (bench/seed.sql);
# 4. queue listing: GET /api/v1/tasks?limit=50 (mix of first pages, team queues and later pages) at
#    $RATE requests/s for $DURATION s after $WARMUP s of warm-up at half the rate, open model, latency from the
#    scheduled start (coordinated-omission aware): p50/p90/p99/p99.9/max and errors;
# 5. claim-next: $CLAIMERS agents claiming back to back for $CLAIM_SECONDS s: claims/s and latency;
# 6. the web inbox: signs in with the form as the first admin and loads $INBOX_PAGES pages one at a time
#    (queue page, Unassigned tab, P1 filter, a task page): each kind's time, the service's time on the loopback.
# Targets: listing p99 < 50 ms at 500 requests/s; at least 500 claims/s; an inbox page under 100 ms.
# The generator shares the two cores with the service: it runs with C1 only and the serial GC
# (LOADGEN_JAVA_OPTS), which cut its CPU by about a third; BENCH_JAVA_OPTS are the service's options.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
TASKS=${TASKS:-100000}
RATE=${RATE:-500}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
CLAIMERS=${CLAIMERS:-8}
CLAIM_SECONDS=${CLAIM_SECONDS:-20}
INBOX_PAGES=${INBOX_PAGES:-2000}
INBOX_PASSWORD=bench-inbox-password
PORT=${PORT:-8095}
DB=earshot_bench
VHOST=earshot-bench
out=response-service/target/bench
mkdir -p "$out"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

scripts/dev-keys.sh
echo "[bench] database $DB and virtual host $VHOST"
scripts/psql-admin.sh -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
scripts/psql-admin.sh -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB OWNER earshot"
if ! as_root rabbitmqctl -q list_vhosts | grep -qx "$VHOST"; then
  as_root rabbitmqctl -q add_vhost "$VHOST"
fi
as_root rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "[bench] building response-service"
  mvn -B -q --no-transfer-progress -pl response-service -am -DskipTests package
  mvn -B -q --no-transfer-progress org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2
fi
jar=response-service/target/quarkus-app/quarkus-run.jar
hdr=$(find "${HOME}/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2" -name 'HdrHistogram-2.2.2.jar' | head -1)
[ -f "$jar" ] && [ -f "$hdr" ] || { echo "[bench] $jar or HdrHistogram 2.2.2 missing" >&2; exit 1; }

echo "[bench] starting the service on port $PORT (log $out/service.log)"
DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
RABBITMQ_HOST=127.0.0.1 RABBITMQ_VIRTUAL_HOST=$VHOST \
RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}" RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}" \
DB_USERNAME="${DB_USERNAME:-earshot}" DB_PASSWORD="${DB_PASSWORD:-earshot}" \
EARSHOT_JWT_PUBLIC_KEY_LOCATION="file:$root/.dev/jwt/public.pem" QUARKUS_HTTP_PORT=$PORT \
EARSHOT_INBOX_ADMIN_PASSWORD=$INBOX_PASSWORD EARSHOT_INBOX_SECURE_COOKIES=false \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" >"$out/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { tail -n 40 "$out/service.log" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "[bench] service not ready" >&2; exit 1; }

echo "[bench] seeding $TASKS tasks"
time PGPASSWORD="${DB_PASSWORD:-earshot}" psql -h 127.0.0.1 -U earshot -d $DB -v tasks="$TASKS" -qf response-service/bench/seed.sql

# the first admin puts the directory in use: the agent who claims must be in it, with every team
PGPASSWORD="${DB_PASSWORD:-earshot}" psql -h 127.0.0.1 -U earshot -d $DB -qc "INSERT INTO app_user (id, display_name,
  email, role, teams, created_at, updated_at) VALUES ('bench-agent@earshot.local', 'Bench agent',
  'bench-agent@earshot.local', 'agent', '{support,product,sales,legal,communications}', now(), now())
  ON CONFLICT (id) DO NOTHING"
token=$(scripts/dev-token.sh agent bench-agent@earshot.local)
run() { java ${LOADGEN_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m} -cp "response-service/target/test-classes:$hdr" dev.earshot.response.bench.LoadGenerator "$@"; }
echo "[bench] $(nproc) cores; $(date -u +%FT%TZ)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(cpu)
run list "http://127.0.0.1:$PORT" "$token" "$RATE" "$DURATION" "$WARMUP" | tee "$out/list.txt"
c1=$(cpu)
echo "service CPU during the listing run (warm-up included): $(( (c1 - c0) * 1000 / $(getconf CLK_TCK) )) ms for $(( RATE * DURATION + RATE / 2 * WARMUP )) requests" | tee -a "$out/list.txt"
run claim "http://127.0.0.1:$PORT" "$token" "$CLAIMERS" "$CLAIM_SECONDS" | tee "$out/claim.txt"
run inbox "http://127.0.0.1:$PORT" admin@earshot.local "$INBOX_PASSWORD" "$INBOX_PAGES" | tee "$out/inbox.txt"
