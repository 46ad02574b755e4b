#!/usr/bin/env bash
# Retrains the English sentiment model from ../shared/data/sentiment (relative to the repository root)
# and writes src/main/resources/models/sentiment-en.bin and sentiment-en.json (data SHA-256,
# parameters, decision rule, figures on the time-separated and random development splits, of the
# model and of the VADER-style baseline); then the German, Spanish, French, Italian and Portuguese
# models from ../shared/data/sentiment/umsab (sentiment-<code>.bin/.json, L2 chosen on each
# validation file); then the intent models from src/main/resources/intents/intents.tsv.
# Deterministic (single-threaded L-BFGS); about 5 minutes on a quiet 2-core machine.
# Usage: sentiment-service/train-model.sh [iterations] [cutoff] [l2] [none|oversample]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${SENTIMENT_TRAIN_DATA:-../shared/data/sentiment/semeval-2013-2016-train.tsv}"
out="sentiment-service/src/main/resources/models"
mvn -B -q -o -pl sentiment-service compile
cp="sentiment-service/target/classes:$(mvn -B -q -o -pl sentiment-service dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
java -Xmx2g -cp "$cp" dev.earshot.sentiment.training.TrainSentimentModel "$data" "$out" \
  "${1:-150}" "${2:-2}" "${3:-3.0}" "${4:-none}"
java -Xmx1g -cp "$cp" dev.earshot.sentiment.training.TrainLanguageModels \
  "$(dirname "$data")/umsab" "$out"
java -Xmx1g -cp "$cp" dev.earshot.sentiment.training.TrainIntentModel \
  sentiment-service/src/main/resources/intents/intents.tsv "$out"
