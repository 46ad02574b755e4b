#!/usr/bin/env bash
# End-to-end throughput benchmark, one command:
#   scripts/bench-pipeline.sh
# The three packaged services (java -Xmx384m -jar quarkus-run.jar, prod profile) on the local Redis,
# PostgreSQL and RabbitMQ; posts pushed through POST /api/v1/ingest (role ingest), every one matching the
# rule `acme`, in conversations of three. Phases (MODE=both, the default; MODE=burst or MODE=rate for one):
#   warm-up  WARMUP posts (15,000) as a burst, waited for until stored: the JIT compilers of three fresh JVMs
#            otherwise take a third of a service's CPU during the burst (JFR: 1,500 posts were not enough);
#   burst    POSTS posts (20,000), CLIENTS clients (2) with one batch of BATCH (500) in flight each:
#            sustained posts/s = posts / (first ingest request to last post stored);
#   rate     RATE posts/s (500) offered for DURATION s (30) in batches of RATE_BATCH (50), sent on schedule
#            whatever the answers take (open model).
# Per phase it prints latency per post (p50/p90/p99/p99.9/max) from its batch's send (burst) or scheduled
# send (rate: coordinated-omission aware) to its mention's received_at in response-service's database;
# CPU per stored post of each service and of the load generator (utime+stime of /proc/<pid>/stat over
# the phase), of PostgreSQL, RabbitMQ and Redis (all their processes) and of the whole machine, and the load
# average; at the end each service's peak RSS (VmHWM). It checks no target.
#
# Stores, made afresh each run (only these): PostgreSQL database BENCH_DB (earshot_bench_pipeline),
# RabbitMQ virtual host BENCH_VHOST (earshot-bench-pipeline), Redis database BENCH_REDIS_DB (10).
# SKIP_BUILD=1 uses the services and the benchmark as last built. Service logs: e2e-tests/target/bench-logs/.
# Other processes on the same cores lower the figures: read them with the load average printed beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
MODE=${MODE:-both} POSTS=${POSTS:-20000} RATE=${RATE:-500} DURATION=${DURATION:-30}
BATCH=${BATCH:-500} RATE_BATCH=${RATE_BATCH:-50} CLIENTS=${CLIENTS:-2} WARMUP=${WARMUP:-15000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-600}
db=${BENCH_DB:-earshot_bench_pipeline} vhost=${BENCH_VHOST:-earshot-bench-pipeline} redis_db=${BENCH_REDIS_DB:-10}

log() { printf '[bench] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

scripts/infra.sh >&2
if [ "${SKIP_BUILD:-}" != 1 ]; then
  log "packaging the three services and compiling the benchmark (tests skipped)"
  mvn -B -q --no-transfer-progress -DskipTests \
    -pl listener-service,sentiment-service,response-service,e2e-tests -am package >&2
fi
# test-support comes from the reactor (its classes above), never from a SNAPSHOT in ~/.m2: Maven 3 resolves a
# reactor module to its classes only when the session runs a phase, hence `compile` (up to date: nothing to do)
mvn -B -q --no-transfer-progress -Dstyle.color=never -pl test-support,e2e-tests compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DexcludeGroupIds=dev.earshot -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="$root/e2e-tests/target/test-classes:$root/test-support/target/classes:$(cat e2e-tests/target/bench.classpath)"

log "fresh stores: database $db, virtual host $vhost, Redis database $redis_db"
scripts/psql-admin.sh -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
scripts/psql-admin.sh -c "CREATE DATABASE $db OWNER earshot"
as_root rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
as_root rabbitmqctl -q add_vhost "$vhost"
as_root rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
redis-cli -h 127.0.0.1 -n "$redis_db" flushdb >/dev/null

echo "bench: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!*.md' || echo ' (with local changes)'), $(date -u +%FT%TZ), uptime: $(uptime)"
cd e2e-tests
# The generator shares the cores with the services: C1 only and the serial GC keep its own CPU low.
# shellcheck disable=SC2086
exec java ${LOADGEN_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx768m} -cp "$cp" \
  -Dbench.mode="$MODE" -Dbench.posts="$POSTS" -Dbench.rate="$RATE" -Dbench.seconds="$DURATION" \
  -Dbench.batch="$BATCH" -Dbench.rate-batch="$RATE_BATCH" -Dbench.clients="$CLIENTS" -Dbench.warmup="$WARMUP" \
  -Dbench.drain-timeout="$DRAIN_TIMEOUT" -Dbench.database="$db" -Dbench.vhost="$vhost" -Dbench.redis-db="$redis_db" \
  dev.earshot.e2e.bench.PipelineBenchmark
