#!/usr/bin/env bash
# `npm run test:kafka-cluster`: the payment path on three Kafka brokers (scripts/kafka-cluster.sh),
# one of them killed with SIGKILL mid-run: every payment confirmed exactly once. Starts the
# cluster (about 25 s) and stops it again afterwards unless it was already running: three JVMs
# are too heavy to leave idling on a small machine. PostgreSQL and Redis must be up
# (scripts/services.sh up); the shared single broker is not used.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/load-env.sh

if ! bash scripts/kafka-cluster.sh status 2>/dev/null; then
  trap 'bash scripts/kafka-cluster.sh down' EXIT
fi
bash scripts/kafka-cluster.sh up
KAFKA_BROKERS="$(bash scripts/kafka-cluster.sh url)"
export KAFKA_BROKERS
echo "[test-kafka-cluster] KAFKA_BROKERS=$KAFKA_BROKERS"
npm run --silent test:cluster -w @ticketping/worker
