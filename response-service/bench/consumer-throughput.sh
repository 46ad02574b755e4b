#!/usr/bin/env bash
# Throughput of the scored-mention consumer against the real RabbitMQ and PostgreSQL (vhost $EARSHOT_TEST_VHOST,
# database $EARSHOT_TEST_DB, as the tests): N scored mentions (default 15000, conversations of three) put on
# earshot.scored-mentions, timed until all are stored; prints posts per second and CPU per post.
# Usage: response-service/bench/consumer-throughput.sh [posts]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B --no-transfer-progress -pl response-service -am verify -DskipITs -Dtest=ConsumerThroughput \
  -Dsurefire.failIfNoSpecifiedTests=false -Dearshot.bench.posts="${1:-15000}"
