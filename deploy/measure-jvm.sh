#!/usr/bin/env bash
# Start-up time and memory of each service in JVM mode, run as scripts/up.sh runs it: the packaged
# fast-jar (java ${EARSHOT_JAVA_OPTS:--Xmx512m} -jar quarkus-run.jar, prod profile), the development JWT key,
# the local Redis, PostgreSQL and RabbitMQ. For each service, RUNS starts (default 5) after one start
# that is not counted (it applies the database migrations and fills the page cache), and per start:
#   ready      time from launching the process to /q/health/ready answering 200 (UP)
#   rss@ready  resident memory (VmRSS of /proc/<pid>/status) at that moment
#   then a warm-up load through the service's own API, and after it
#   rss        resident memory
#   heap       heap in use (sum of jvm_memory_used_bytes{area="heap"} in /q/metrics)
#   live heap  heap in use after a full GC (jcmd GC.run): what the service really keeps
# Warm-up loads: listener 1,000 posts through POST /api/v1/ingest (10 requests of 100); sentiment
# 5,000 texts through POST /api/v1/score (50 requests of 100); response, with a listener and a
# sentiment-service running beside it, 200 posts ingested and carried through the pipeline into tasks,
# then 300 queue pages (GET /api/v1/tasks?limit=50) and 100 task details.
#
#   deploy/measure-jvm.sh                    build (mvn package) and measure
#   SKIP_BUILD=1 RUNS=3 deploy/measure-jvm.sh
#
# Everything it uses is its own, so it meets neither scripts/up.sh nor the tests: ports 18080-18082,
# Redis database 6 (flushed), PostgreSQL database earshot_measure and RabbitMQ virtual host
# earshot-measure (both made afresh). Logs stay in a temporary directory, printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
java_opts=${EARSHOT_JAVA_OPTS:--Xmx512m}
redis_db=6 database=earshot_measure vhost=earshot-measure
declare -A port=([response-service]=18080 [listener-service]=18081 [sentiment-service]=18082)
work=$(mktemp -d "${TMPDIR:-/tmp}/earshot-measure.XXXXXX")

log() { printf '[measure] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

scripts/infra.sh >&2
scripts/dev-keys.sh >&2
if [ "${SKIP_BUILD:-}" != 1 ]; then
  log "building the three services"
  mvn -B -q --no-transfer-progress -DskipTests -pl listener-service,sentiment-service,response-service -am package
fi

log "fresh state: Redis db $redis_db, database $database, virtual host $vhost"
redis-cli -h 127.0.0.1 -n $redis_db flushdb >/dev/null
PGOPTIONS='-c client_min_messages=warning' scripts/psql-admin.sh \
  -c "drop database if exists $database" -c "create database $database owner earshot"
as_root rabbitmqctl -q delete_vhost "$vhost" 2>/dev/null || true
as_root rabbitmqctl -q add_vhost "$vhost"
as_root rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'

declare -A pid_of=()
stop() { # service
  local pid=${pid_of[$1]:-}
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "pid_of[$1]"
}
stop_all() { for service in "${!pid_of[@]}"; do stop "$service"; done; }
trap stop_all EXIT

launch() { # service log-file: starts it in the background, sets pid_of
  local service=$1 logfile=$2
  (
    export QUARKUS_HTTP_PORT=${port[$service]}
    export EARSHOT_JWT_PUBLIC_KEY_LOCATION="file:$root/.dev/jwt/public.pem"
    export EARSHOT_JWT_ISSUER="${EARSHOT_JWT_ISSUER:-https://earshot.local}"
    export RABBITMQ_HOST=127.0.0.1 RABBITMQ_VIRTUAL_HOST=$vhost
    # the prod profile has no default credentials: the local ones of scripts/infra.sh
    export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}" RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"
    export DB_USERNAME="${DB_USERNAME:-earshot}" DB_PASSWORD="${DB_PASSWORD:-earshot}"
    export REDIS_URL=redis://127.0.0.1:6379/$redis_db
    export EARSHOT_HACKERNEWS_POLL_INTERVAL=off
    export DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$database
    export DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database
    # shellcheck disable=SC2086
    exec java $java_opts -jar "$service/target/quarkus-app/quarkus-run.jar"
  ) >"$logfile" 2>&1 &
  pid_of[$service]=$!
}

wait_ready() { # service: waits for /q/health/ready to answer 200; fails if the process ends first
  local service=$1
  for _ in $(seq 1 2400); do
    [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:${port[$service]}/q/health/ready")" = 200 ] && return 0
    kill -0 "${pid_of[$service]}" 2>/dev/null || break
    sleep 0.05
  done
  log "$service did not become ready"; return 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
heap_bytes() { # service
  curl -fs "http://127.0.0.1:${port[$1]}/q/metrics" \
    | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {sum += $NF} END {printf "%d\n", sum}'
}

lead_token=$(scripts/dev-token.sh lead measure@earshot.local 2)
agent_token=$(scripts/dev-token.sh agent measure@earshot.local 2)
words=(down outage broken slow crash love great thanks billing refund cancel switching lawyer password
  hacked question how help docs release upgrade feature please add awesome terrible disappointed fast)

posts_json() { # batch-tag count: a JSON array of posts that match the default rule `quarkus`
  local tag=$1 count=$2 created i
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  printf '['
  for ((i = 0; i < count; i++)); do
    [ $i -gt 0 ] && printf ','
    printf '{"source":"forum","instance":"forum.example.com","nativeId":"%s-%d","permalink":"https://forum.example.com/t/%s-%d",' \
      "$tag" $i "$tag" $i
    printf '"author":{"id":"u%d","handle":"user%d","followers":%d},"createdAt":"%s","conversationId":"%s-%d",' \
      $((i % 37)) $((i % 37)) $((i * 53 % 20000)) "$created" "$tag" $((i % 25))
    printf '"text":"Quarkus %s and %s again, post %d: is it %s for you too?"}' \
      "${words[i % ${#words[@]}]}" "${words[(i * 7 + 3) % ${#words[@]}]}" $i "${words[(i * 11 + 5) % ${#words[@]}]}"
  done
  printf ']'
}
texts_json() { # count: {"texts": [...]}
  local count=$1 i
  printf '{"texts":['
  for ((i = 0; i < count; i++)); do
    [ $i -gt 0 ] && printf ','
    printf '"The %s is %s since the %s, %d people say it is %s"' "${words[i % ${#words[@]}]}" \
      "${words[(i * 3 + 1) % ${#words[@]}]}" "${words[(i * 5 + 2) % ${#words[@]}]}" $i "${words[(i * 13 + 7) % ${#words[@]}]}"
  done
  printf ']}'
}
post() { # port token body-file path
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    --data-binary "@$3" "http://127.0.0.1:$1$4"
}
# as the services log in: the role earshot with its password over TCP (scram on a stock Debian)
as_earshot() { PGPASSWORD=earshot psql -X -w -h 127.0.0.1 -U earshot -d $database -qtAc "$1"; }
mentions_stored() { as_earshot "select count(*) from mention"; }

warm_up() { # service run
  local service=$1 run=$2 i
  case $service in
    listener-service)
      for i in $(seq 1 10); do
        posts_json "l$run-$i-$(date +%s%N)" 100 >"$work/body.json"
        post "${port[listener-service]}" "$lead_token" "$work/body.json" /api/v1/ingest
      done ;;
    sentiment-service)
      texts_json 100 >"$work/body.json"
      for i in $(seq 1 50); do post "${port[sentiment-service]}" "$agent_token" "$work/body.json" /api/v1/score; done ;;
    response-service)
      local before target
      before=$(mentions_stored); target=$((before + 200))
      for i in 1 2; do
        posts_json "r$run-$i-$(date +%s%N)" 100 >"$work/body.json"
        post "${port[listener-service]}" "$lead_token" "$work/body.json" /api/v1/ingest
      done
      for _ in $(seq 1 600); do [ "$(mentions_stored)" -ge $target ] && break; sleep 0.1; done
      [ "$(mentions_stored)" -ge $target ] || { log "the pipeline stored $(($(mentions_stored) - before)) of 200 posts"; return 1; }
      local url="http://127.0.0.1:${port[response-service]}/api/v1/tasks"
      for i in $(seq 1 300); do curl -fs -o /dev/null -H "Authorization: Bearer $agent_token" "$url?limit=50"; done
      for id in $(as_earshot "select id from task order by id desc limit 100"); do
        curl -fs -o /dev/null -H "Authorization: Bearer $agent_token" "$url/$id"
      done ;;
  esac
}

results="$work/results.tsv"
: >"$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for service in listener-service sentiment-service response-service; do
  if [ $service = response-service ]; then
    log "starting a listener and a sentiment-service to feed the response-service"
    for helper in listener-service sentiment-service; do launch $helper "$work/$helper-helper.log"; wait_ready $helper; done
  fi
  for run in $(seq 0 "$runs"); do
    logfile="$work/$service-$run.log"
    start=$(now_ms)
    launch $service "$logfile"
    wait_ready $service
    ready_ms=$(($(now_ms) - start))
    pid=${pid_of[$service]}
    rss_ready=$(rss_kib "$pid")
    warm_up $service "$run"
    rss_load=$(rss_kib "$pid")
    heap_load=$(heap_bytes $service)
    jcmd "$pid" GC.run >/dev/null
    heap_live=$(heap_bytes $service)
    quarkus_started=$(grep -o 'started in [0-9.]*s' "$logfile" | head -1 | tr -dc '0-9.')
    stop $service
    if [ "$run" = 0 ]; then log "$service: first start (not counted) ready in $ready_ms ms"; continue; fi
    log "$service run $run: ready ${ready_ms} ms (Quarkus: ${quarkus_started}s), RSS $((rss_ready / 1024)) MiB at ready, $((rss_load / 1024)) MiB after load, heap $((heap_load / 1048576)) MiB, live $((heap_live / 1048576)) MiB"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $service "$ready_ms" "$quarkus_started" "$rss_ready" "$rss_load" "$heap_load" "$heap_live" >>"$results"
  done
  stop_all
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "JVM mode, $runs starts per service ($java_opts, $(nproc) CPUs; load average $load_before before, $load_after after)"
echo
echo "| service | ready (median / max) | Quarkus \"started in\" (median) | RSS at ready (median / max) | RSS after warm-up (median / max) | heap used after warm-up (median / max) | live heap after GC (median / max) |"
echo "|---|---|---|---|---|---|---|"
for service in listener-service sentiment-service response-service; do
  awk -F'\t' -v s=$service '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function maximum(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m }
    $1 == s { n++; ready[n] = $2 / 1000; started[n] = $3; rss0[n] = $4 / 1024; rss1[n] = $5 / 1024; heap[n] = $6 / 1048576; live[n] = $7 / 1048576 }
    END {
      printf "| %s | %.2f s / %.2f s | %.2f s | %.0f / %.0f MiB | %.0f / %.0f MiB | %.0f / %.0f MiB | %.0f / %.0f MiB |\n", s,
        median(ready, n), maximum(ready, n), median(started, n), median(rss0, n), maximum(rss0, n),
        median(rss1, n), maximum(rss1, n), median(heap, n), maximum(heap, n), median(live, n), maximum(live, n)
    }' "$results"
done
echo
echo "Logs and raw figures: $work"
