#!/usr/bin/env bash
# JMH benchmark of the full scoring path (normalise, detect language, sentiment with drivers, intents,
# urgency) with the committed models over a varied corpus of 40 posts. Prints posts per second on one
# thread and on every core. Usage: sentiment-service/bench.sh [threads for the second run, default: nproc]
# Run it on a quiet machine: other processes on the same cores lower the JMH figures; the last part
# also reports CPU time per post, which they do not.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
threads="${1:-$(nproc)}"
mvn -B -q -o -pl sentiment-service test-compile
cp="sentiment-service/target/test-classes:sentiment-service/target/classes:$(mvn -B -q -o -pl sentiment-service \
  dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
for t in 1 "$threads"; do
  echo "== full scoring path, $t thread(s): ops/s below are posts per second (all threads together)"
  java -cp "$cp" org.openjdk.jmh.Main ScoringBenchmark -t "$t" -foe true -rf text -rff /dev/null 2>&1 \
    | grep -E "^Benchmark|^ScoringBenchmark|Result \"|±"
done
echo "cores: $(nproc); per-core figure = the $threads-thread result / $threads"
echo "== the same path measured in CPU time of the scoring thread (not lowered by other processes)"
java -Xmx512m -cp "$cp" dev.earshot.sentiment.bench.CpuTimePerPost
