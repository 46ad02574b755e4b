#!/usr/bin/env bash
# Retrains the sentiment model from ../shared/data/sentiment (relative to the repository root) and
# writes src/main/resources/models/sentiment-en.bin and sentiment-en.json (data SHA-256, parameters,
# decision rule, dev-split figures of the model and of the VADER-style baseline), then the intent
# models from src/main/resources/intents/intents.tsv (models/intents-en.bin, intents-en.json).
# Deterministic (single-threaded L-BFGS); about a minute on 2 cores.
# Usage: sentiment-service/train-model.sh [iterations] [cutoff] [l2] [prior exponent]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${SENTIMENT_TRAIN_DATA:-../shared/data/sentiment/semeval-2013-2016-train.tsv}"
out="sentiment-service/src/main/resources/models"
mvn -B -q -o -pl sentiment-service compile
cp="sentiment-service/target/classes:$(mvn -B -q -o -pl sentiment-service dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
java -Xmx2g -cp "$cp" dev.earshot.sentiment.training.TrainSentimentModel "$data" "$out" \
  "${1:-150}" "${2:-2}" "${3:-3.0}" "${4:-1.0}"
java -Xmx1g -cp "$cp" dev.earshot.sentiment.training.TrainIntentModel \
  sentiment-service/src/main/resources/intents/intents.tsv "$out"
