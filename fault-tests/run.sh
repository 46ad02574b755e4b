#!/usr/bin/env bash
# Runs the fault suite alone: packages the three services (their tests skipped) and runs FaultSuiteIT
# against private Redis, PostgreSQL and RabbitMQ servers under fault-tests/target/ (needs root).
#   fault-tests/run.sh                                                   # both tests (about 6 min on a quiet machine)
#   fault-tests/run.sh 'FaultSuiteIT#startInTheWorstOrderAgainstFreshStores'   # the quick worst-order test only
# Service logs: fault-tests/target/fault-logs/; server data and logs: fault-tests/target/fault-stores/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress verify -pl fault-tests -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="${1:-FaultSuiteIT}" -Dfailsafe.failIfNoSpecifiedTests=false
