#!/usr/bin/env bash
# Evaluates the committed models (src/main/resources/models) as the service loads them: accuracy, macro-averaged
# recall, macro F1 and the confusion matrix on both development splits of the English tweet pool
# (../shared/data/sentiment/semeval-2013-2016-train.tsv) for our model and for the VADER-style lexicon baseline,
# intensity, each other language on its UMSAB validation file, then precision and recall per intent on the
# held-back part of src/main/resources/intents/intents.tsv. Reads no test set. A thin wrapper of the
# evaluate-models profile of sentiment-training. Usage: sentiment-service/evaluate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress -pl sentiment-training -am -Pevaluate-models process-classes
