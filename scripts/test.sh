#!/usr/bin/env bash
# `npm test`: every check and test, against real PostgreSQL, Redis and Kafka.
# Starts whatever services are missing (and leaves them running for the next run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "dependencies"
bash scripts/ensure-deps.sh

step "services"
bash scripts/services.sh up

step "static checks: format, lint, types"
npx prettier --check . --log-level warn
npx turbo run typecheck lint --output-logs=errors-only

step "compose file"
if command -v docker-compose >/dev/null; then
  docker-compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml is valid"
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml is valid"
else
  echo "docker-compose is not installed; skipping the compose check (apt-get install -y docker-compose)" >&2
fi

step "database: migrations match the schema, then apply them"
npm run --silent db:check
npm run --silent db:migrate

step "unit and integration tests"
npx turbo run test --concurrency=1 --output-logs=new-only
