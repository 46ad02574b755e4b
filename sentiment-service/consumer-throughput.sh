#!/usr/bin/env bash
# Throughput of the mention consumer against the real RabbitMQ (vhost $EARSHOT_TEST_VHOST, default
# earshot-test-sentiment): N mentions (default 5000) put on earshot.mentions, timed until N scored mentions are
# confirmed into a queue; prints messages per second. Usage: sentiment-service/consumer-throughput.sh [mentions]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress -pl sentiment-service -am test -Dtest=ConsumerThroughput \
  -Dsurefire.failIfNoSpecifiedTests=false -Dearshot.bench.mentions="${1:-5000}"
