#!/usr/bin/env bash
# Evaluates the committed models (src/main/resources/models) as the service loads them: accuracy,
# macro-averaged recall, macro F1 and the confusion matrix on the development split of the tweet
# pool (CRC32(id) % 100 < 10 of ../shared/data/sentiment/semeval-2013-2016-train.tsv) for our model
# and for the VADER-style lexicon baseline, then precision and recall per intent on the held-back
# part of src/main/resources/intents/intents.tsv. Reads no test set. Usage: sentiment-service/evaluate.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${SENTIMENT_TRAIN_DATA:-../shared/data/sentiment/semeval-2013-2016-train.tsv}"
mvn -B -q -o -pl sentiment-service compile
cp="sentiment-service/target/classes:$(mvn -B -q -o -pl sentiment-service dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
exec java -Xmx1g -cp "$cp" dev.earshot.sentiment.training.EvaluateSentimentModel "$data" \
  sentiment-service/src/main/resources/intents/intents.tsv
