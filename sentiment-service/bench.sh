#!/usr/bin/env bash
# JMH benchmark of the full scoring path (normalise, detect language, sentiment with drivers, intents, urgency)
# with the committed models over a varied corpus of 40 posts: posts per second on one thread and on every core
# (ops/s are posts per second, all threads together), then CPU time per post of the scoring thread, which other
# processes on the same cores do not lower. A thin wrapper of the bench profile. Usage: sentiment-service/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress -pl sentiment-service -am -Pbench process-test-classes
