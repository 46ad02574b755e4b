#!/usr/bin/env bash
# Heap of the packaged sentiment-service under sustained load: starts target/quarkus-app/quarkus-run.jar
# (run by the heap-under-load profile right after packaging: sentiment-service/heap-under-load.sh) on port 18082 with
# -Xmx${HEAP_MAX:-256m}, drives POST /api/v1/score with batches of 40 posts from 4 parallel clients for
# ${DURATION:-60} seconds, samples jvm_memory_used_bytes{area="heap"} from /q/metrics every second and
# prints the samples, the maximum and the mean of the last 20 seconds, and how many posts were scored.
# Needs the development keys (scripts/dev-keys.sh) and RabbitMQ (vhost ${RABBITMQ_VIRTUAL_HOST:-earshot-test-sentiment}).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
port=18082
duration="${DURATION:-60}"
heap_max="${HEAP_MAX:-256m}"
jar=sentiment-service/target/quarkus-app/quarkus-run.jar
[ -s "$jar" ] || { echo "no $jar: run sentiment-service/heap-under-load.sh, which packages it first" >&2; exit 2; }
[ -s .dev/jwt/public.pem ] || scripts/dev-keys.sh >&2
work=$(mktemp -d)
EARSHOT_JWT_PUBLIC_KEY_LOCATION="file:$root/.dev/jwt/public.pem" QUARKUS_HTTP_PORT=$port \
  RABBITMQ_VIRTUAL_HOST="${RABBITMQ_VIRTUAL_HOST:-earshot-test-sentiment}" RABBITMQ_HOST=127.0.0.1 \
  RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}" RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}" \
  java "-Xmx$heap_max" -jar "$jar" >"$work/service.log" 2>&1 &
service=$!
clients=()
cleanup() {
  for pid in "${clients[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || { tail -n 30 "$work/service.log" >&2; exit 1; }
  sleep 1
done
token=$(scripts/dev-token.sh agent)
texts=(
  "Acme Cloud has been down for an hour &amp; nobody answers. Third outage this week!!!"
  "I love the new Acme dashboard, so much cleaner 😍"
  "Why did my Acme bill jump from \$12 to \$29 without any notice? I want a refund"
  "Someone logged into my acme account from another country, please help"
  "Done with Acme. Switching to a competitor tomorrow"
  "lol ok"
  "Get 10,000 followers in 24 hours!! DM now, link in bio"
  "The Acme keynote starts at 10am PT https://acme.example/live #AcmeConf"
  "Der Dienst ist seit heute Morgen ausgefallen und niemand antwortet"
  "The Acme app crashes every time I open the camera tab on Android 14. Reinstalled twice, cleared the cache, still the same. Support told me to wait for the next release but it has been three weeks."
)
body='{"texts":['
for i in $(seq 0 39); do
  text="${texts[$((i % ${#texts[@]}))]} #$i"
  body+="\"${text//\"/\\\"}\""
  [ "$i" -lt 39 ] && body+=','
done
body+=']}'
printf '%s' "$body" >"$work/body.json"
for c in 1 2 3 4; do
  ( while true; do
      curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @"$work/body.json" "http://localhost:$port/api/v1/score" && echo >>"$work/requests.$c"
    done ) &
  clients+=($!)
done
echo "sampling heap for ${duration}s under load (-Xmx$heap_max, 4 clients, 40 posts per request)"
samples=()
for s in $(seq 1 "$duration"); do
  sleep 1
  used=$(curl -fs "http://localhost:$port/q/metrics" | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {sum += $NF} END {printf "%d", sum / 1048576}')
  samples+=("$used")
  printf '%s ' "$used"
done
echo "(MB)"
requests=$(cat "$work"/requests.* 2>/dev/null | wc -l)
max=0; tail_sum=0; tail_n=0
for i in "${!samples[@]}"; do
  v=${samples[$i]}
  [ "$v" -gt "$max" ] && max=$v
  if [ "$i" -ge $((${#samples[@]} - 20)) ]; then tail_sum=$((tail_sum + v)); tail_n=$((tail_n + 1)); fi
done
echo "heap used: max ${max} MB, mean of the last ${tail_n} s $((tail_sum / tail_n)) MB (-Xmx$heap_max)"
echo "scored $((requests * 40)) posts in $requests requests over ${duration}s ($((requests * 40 / duration)) posts/s through HTTP, 4 clients)"
