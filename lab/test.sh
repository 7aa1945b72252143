#!/usr/bin/env bash
# Runs every test: unit tests (recording fakes, in-process gRPC) and the lab tests
# (JUnit tag "lab": real glusterd in network + mount namespaces; needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
# Whatever happens to the JVM, leave no lab behind.
trap 'BW_LAB_PREFIX=${BW_LABTEST_PREFIX:-bwt} BW_LAB_SUBNET_PREFIX=${BW_LABTEST_SUBNET:-10.213.9} lab/lab.sh down >/dev/null 2>&1 || true' EXIT
mvn -B -ntp verify -Plab "$@"
