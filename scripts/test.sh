#!/usr/bin/env bash
# `npm test`: every check and test, against real PostgreSQL, Redis and Kafka. Installs the
# tools it needs (scripts/ensure-tools.sh) and the npm dependencies, starts whatever services
# are missing (and leaves them running for the next run). Nothing is skipped: a missing tool
# stops the run at the start, with the command that installs it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/load-env.sh
source scripts/lib/local-secrets.sh
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Each test runner writes its counts here; the run closes with their sum.
export TEST_RESULTS_DIR="$ROOT/.test-results"
rm -rf "$TEST_RESULTS_DIR"
mkdir -p "$TEST_RESULTS_DIR"

step "dependencies: tools and npm packages"
bash scripts/ensure-tools.sh
bash scripts/ensure-deps.sh

step "services"
bash scripts/services.sh up
# The Stripe provider's tests run the real SDK against Stripe's API mock (needs Go once).
export STRIPE_MOCK_URL="http://127.0.0.1:${STRIPE_MOCK_PORT:-12111}"
bash scripts/stripe-mock.sh up

step "static checks: format, lint, types"
npx prettier --check . --log-level warn
shellcheck -x -S warning scripts/*.sh scripts/lib/*.sh .ci/run infra/monitoring/alertmanager/*.sh
npx turbo run typecheck lint --output-logs=errors-only

step "compose file (with and without the monitoring profile)"
# Either Debian's docker-compose or Docker's compose plugin (scripts/ensure-tools.sh).
compose=(docker-compose)
command -v docker-compose >/dev/null || compose=(docker compose)
"${compose[@]}" -f docker-compose.yml config --quiet
"${compose[@]}" -f docker-compose.yml --profile monitoring config --quiet
echo "docker-compose.yml is valid"

step "monitoring configs: Prometheus, alert rules and their unit tests, Alertmanager"
# --syntax-only: the scrape token file exists only inside the Prometheus container.
promtool check config --syntax-only infra/monitoring/prometheus/prometheus.yml
promtool check rules infra/monitoring/prometheus/rules/*.yml
(cd infra/monitoring/prometheus && promtool test rules tests/*.yml)
amtool check-config infra/monitoring/alertmanager/alertmanager.yml
# The Discord variant as its entrypoint renders it, with a made-up webhook URL.
rendered="$(mktemp --suffix=.yml)"
sed 's|__DISCORD_WEBHOOK_URL__|https://discord.com/api/webhooks/0/check|' \
  infra/monitoring/alertmanager/discord.yml >"$rendered"
amtool check-config "$rendered"
rm -f "$rendered"

step "database: migrations match the schema, then apply them"
npm run --silent db:check
npm run --silent db:migrate

step "build (web tests and browser tests run the production builds)"
npx turbo run build --output-logs=errors-only

step "unit and integration tests"
npx turbo run test --concurrency=1 --output-logs=new-only

step "Redis Cluster: the queue, holds and seat-map suites again, on three shards"
# Starts (or reuses) the local cluster of scripts/redis-cluster.sh; about a minute.
bash scripts/test-cluster.sh

step "Kafka on three brokers: payments while the partition leader is killed"
# Starts the local three-broker cluster and stops it afterwards; about a minute.
bash scripts/test-kafka-cluster.sh

step "API fuzzing: Schemathesis against the documented API (buyer, admitted buyer, organizer)"
bash scripts/fuzz-api.sh

step "browser tests (the real system in Debian's Chromium)"
E2E_DATABASE_URL="${E2E_DATABASE_URL:-postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping_e2e}"
DATABASE_URL="$E2E_DATABASE_URL" npm run --silent db:migrate
E2E_DATABASE_URL="$E2E_DATABASE_URL" npm run --silent test:e2e -w @ticketping/playwright

step "summary"
node scripts/lib/test-summary.mjs "$TEST_RESULTS_DIR" \
  vitest-common vitest-prisma vitest-queue-service vitest-worker vitest-web vitest-loadtest vitest-verify \
  vitest-common-cluster vitest-queue-service-cluster vitest-worker-cluster \
  schemathesis playwright
