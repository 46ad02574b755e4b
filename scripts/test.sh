#!/usr/bin/env bash
# Runs every test: unit and @QuarkusTest tests of each service against the real local Redis,
# PostgreSQL and RabbitMQ, then the end-to-end test over the three packaged services. Before that it
# makes sure the servers answer and the test databases and virtual hosts exist (scripts/infra.sh),
# and runs Quarkus's native build steps (sources only: GraalVM is not needed) to keep every service
# native-ready.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/infra.sh
mvn -B --no-transfer-progress -Dnative -Dquarkus.native.sources-only=true -DskipTests install
mvn -B --no-transfer-progress verify
