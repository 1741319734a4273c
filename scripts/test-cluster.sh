#!/usr/bin/env bash
# `npm run test:cluster`: the Redis suites of the queue, holds and seat map again, on a local
# Redis Cluster of three masters and three replicas (scripts/redis-cluster.sh starts it, or
# reuses one; it is left running for the next run): every Lua script, MULTI and SCAN must
# work when keys spread over three shards, and expiry notifications reach the listeners
# from every master. PostgreSQL and Kafka must be up (scripts/services.sh up).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/load-env.sh

bash scripts/redis-cluster.sh up
REDIS_URL="$(bash scripts/redis-cluster.sh url)"
export REDIS_URL
echo "[test-cluster] REDIS_URL=$REDIS_URL"
npm run --silent test:cluster -w @ticketping/common
npm run --silent test:cluster -w @ticketping/queue-service
