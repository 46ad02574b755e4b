#!/usr/bin/env bash
# Heap of the packaged sentiment-service under 60 s of API load (-Xmx256m): packages the service, then runs
# src/test/load/heap-under-load.sh (the heap-under-load profile). DURATION and HEAP_MAX override the defaults.
# Needs RabbitMQ (vhost ${RABBITMQ_VIRTUAL_HOST:-earshot-test-sentiment}). Usage: sentiment-service/heap-under-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress -pl sentiment-service -am -Pheap-under-load -DskipTests package
