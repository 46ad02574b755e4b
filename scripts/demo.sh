#!/usr/bin/env bash
# A demo without internet: serves a small Acme Cloud thread in the Hacker News Algolia format on
# localhost:9999 (scripts/demo/AlgoliaDemoServer.java), (re)starts the listener against it with the
# rule `acme`, polls once and prints the resulting task queue. Run scripts/up.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${EARSHOT_DEMO_PORT:-9999}
mkdir -p .dev/run .dev/logs

if ! curl -fs "http://localhost:$port/api/v1/search_by_date" >/dev/null 2>&1; then
  nohup java scripts/demo/AlgoliaDemoServer.java "$port" >.dev/logs/demo-feed.log 2>&1 &
  echo $! >.dev/run/demo-feed.pid
  for _ in $(seq 1 30); do curl -fs "http://localhost:$port/api/v1/search_by_date" >/dev/null 2>&1 && break; sleep 1; done
fi

# the listener reads its source and rules at start-up: restart it against the demo feed
if [ -s .dev/run/listener-service.pid ]; then
  kill "$(cat .dev/run/listener-service.pid)" 2>/dev/null || true
  while kill -0 "$(cat .dev/run/listener-service.pid)" 2>/dev/null; do sleep 1; done
  rm -f .dev/run/listener-service.pid
fi
EARSHOT_SKIP_BUILD=1 EARSHOT_HACKERNEWS_BASE_URL="http://localhost:$port" EARSHOT_HACKERNEWS_POLL_INTERVAL=off \
  EARSHOT_LISTENER_RULES_ACME_KEYWORD=acme scripts/up.sh >/dev/null

lead=$(scripts/dev-token.sh lead)
# A listener that tried the real Hacker News without internet backs off (the back-off outlives a restart,
# as a platform's rate limit would): wait it out, then poll.
for _ in 1 2 3 4; do
  summary=$(curl -fsS -X POST -H "Authorization: Bearer $lead" localhost:8081/api/v1/sources/hackernews/poll)
  echo "[demo] poll: $summary"
  wait_seconds=$(python3 -c '
import datetime, json, re, sys
summary = json.loads(sys.argv[1])
until = summary.get("backingOffUntil")
if summary.get("outcome") != "backing-off" or not until:
    print(0)
else:
    until = re.sub(r"(\.\d{6})\d+", r"\1", until.replace("Z", "+00:00"))
    left = datetime.datetime.fromisoformat(until) - datetime.datetime.now(datetime.timezone.utc)
    print(max(1, int(left.total_seconds()) + 1))' "$summary")
  [ "$wait_seconds" = 0 ] && break
  echo "[demo] the source is backing off after an earlier failure; polling again in ${wait_seconds} s"
  sleep "$wait_seconds"
done
sleep 3
echo "[demo] the queue, highest priority first:"
curl -fsS -H "Authorization: Bearer $lead" "localhost:8080/api/v1/tasks?limit=10" | \
  python3 -m json.tool 2>/dev/null || curl -fsS -H "Authorization: Bearer $lead" "localhost:8080/api/v1/tasks?limit=10"
echo
echo "[demo] stop the demo feed with: kill \$(cat .dev/run/demo-feed.pid)"
