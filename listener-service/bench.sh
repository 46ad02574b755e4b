#!/usr/bin/env bash
# The pipeline benchmark (PipelineBenchmark; a Maven execution, profile "bench" of listener-service/pom.xml).
# Usage: listener-service/bench.sh [posts, default 200000]; REDIS_BENCH_URL (default redis://127.0.0.1:6379/6).
cd "$(dirname "$0")/.." && exec mvn -B -q --no-transfer-progress -pl listener-service -am -Pbench process-test-classes \
  -Dbench.posts="${1:-200000}" -Dbench.redis="${REDIS_BENCH_URL:-redis://127.0.0.1:6379/6}"
