#!/usr/bin/env bash
# Retrains every model sentiment-service loads and writes them to src/main/resources/models: English sentiment
# from ../shared/data/sentiment (relative to the repository root; data SHA-256, parameters, decision rule and
# figures on the time-separated and random development splits in sentiment-en.json), German, Spanish, French,
# Italian and Portuguese from ../shared/data/sentiment/umsab (L2 chosen on each validation file), then the intent
# models from src/main/resources/intents/intents.tsv. Deterministic: with the committed data and parameters it
# writes the committed files byte for byte (git status stays clean). A thin wrapper of the train-models profile of
# sentiment-training (see its pom for every property). About 5 minutes on a quiet 2-core machine.
# Usage: sentiment-service/train-model.sh [iterations] [cutoff] [l2] [none|oversample]   (defaults 150 2 30 none)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress -pl sentiment-training -am -Ptrain-models process-classes \
  -Dtrain.iterations="${1:-150}" -Dtrain.cutoff="${2:-2}" -Dtrain.l2="${3:-30}" -Dtrain.balance="${4:-none}"
