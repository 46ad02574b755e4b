#!/usr/bin/env bash
# Retrains the sentiment model from ../shared/data/sentiment (relative to the repository root) and
# writes src/main/resources/models/sentiment-en.bin and sentiment-en.json (metadata and dev-split
# figures). Usage: sentiment-service/train-model.sh [iterations] [cutoff]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${SENTIMENT_TRAIN_DATA:-../shared/data/sentiment/semeval-2013-2016-train.tsv}"
out="sentiment-service/src/main/resources/models"
args="$data $out ${1:-100} ${2:-3}"
exec mvn -B -q -pl sentiment-service compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=dev.earshot.sentiment.training.TrainSentimentModel \
  -Dexec.args="$args" -Dexec.cleanupDaemonThreads=false
