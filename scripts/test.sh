#!/usr/bin/env bash
# `npm test`: every check and test, against real PostgreSQL, Redis and Kafka.
# Starts whatever services are missing (and leaves them running for the next run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/load-env.sh
source scripts/lib/local-secrets.sh
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "dependencies"
bash scripts/ensure-deps.sh

step "services"
bash scripts/services.sh up
# The Stripe provider's tests run the real SDK against Stripe's API mock (needs Go once).
export STRIPE_MOCK_URL="http://127.0.0.1:${STRIPE_MOCK_PORT:-12111}"
if ! bash scripts/stripe-mock.sh up; then
  [[ -z "${CI:-}" ]] || exit 1
  echo "stripe-mock is unavailable; the tests against it are skipped (they are required in CI)" >&2
fi

step "static checks: format, lint, types"
npx prettier --check . --log-level warn
if command -v shellcheck >/dev/null; then
  shellcheck -x -S warning scripts/*.sh scripts/lib/*.sh .ci/run
else
  echo "shellcheck is not installed; skipping the shell script check (apt-get install -y shellcheck)" >&2
fi
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

step "build (web tests run against the production server)"
npx turbo run build --filter=@ticketping/web --output-logs=errors-only

step "unit and integration tests"
npx turbo run test --concurrency=1 --output-logs=new-only

step "browser tests (the real system in Debian's Chromium)"
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium_path" ]]; then
  echo "Chromium not found at $chromium_path; install it with: apt-get install -y chromium" >&2
  exit 1
fi
E2E_DATABASE_URL="${E2E_DATABASE_URL:-postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping_e2e}"
DATABASE_URL="$E2E_DATABASE_URL" npm run --silent db:migrate
E2E_DATABASE_URL="$E2E_DATABASE_URL" npm run --silent test:e2e -w @ticketping/playwright
