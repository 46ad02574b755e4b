#!/usr/bin/env bash
# Benchmark of the listener's per-post path with the real Redis: parse Algolia JSON pages into mentions
# (HTML to text), tokenise, match 500 generated rules through the rule index, fingerprint for
# near-duplicates, and claim the matched posts with the production Lua script (one round trip per page
# of 100). Prints posts per second. Usage: listener-service/bench.sh [posts, default 200000]
# Uses Redis db 6 (REDIS_BENCH_URL to change it) and deletes its earshot:* keys afterwards.
# Run it on a quiet machine: other processes on the same cores lower the figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
posts="${1:-200000}"
mvn -B -q -o -pl listener-service test-compile
cp="listener-service/target/test-classes:listener-service/target/classes:$(mvn -B -q -o -pl listener-service \
  dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
java -Xmx512m -cp "$cp" dev.earshot.listener.bench.PipelineBenchmark "$posts" \
  "${REDIS_BENCH_URL:-redis://127.0.0.1:6379/6}"
