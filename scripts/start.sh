#!/usr/bin/env bash
# `npm start`: the whole system with demo data on http://localhost:3000.
# Installs dependencies, starts PostgreSQL/Redis/Kafka/Mailpit, migrates, seeds, builds web,
# queue-service and worker, and runs their builds together, as the Docker images do.
# Ctrl-C stops them all, and the services this script started (KEEP_SERVICES=1 leaves
# those running for next time). `npm start -- --monitoring` also starts Prometheus,
# Alertmanager and Zipkin (scripts/monitoring.sh); when they run, their addresses are printed
# and the processes send their spans to that Zipkin.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/load-env.sh
source scripts/lib/local-secrets.sh
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

bash scripts/ensure-deps.sh
bash scripts/services.sh up "$@"

if [[ "${KEEP_SERVICES:-0}" != "1" ]]; then
  trap 'echo; bash scripts/services.sh down' EXIT
fi

npm run --silent db:migrate
npm run --silent db:seed
npm run --silent build

# Every process runs as it would in production (each is its production build), so
# the demo shows the real secret checks, metrics behind the token and refusals.
export NODE_ENV=production

# Without a Stripe key the demo takes payments on the simulated page (no money moves, every
# page says so); production runs it only when named, so name it.
if [[ -z "${STRIPE_SECRET_KEY:-}" ]]; then
  export PAYMENT_PROVIDER="${PAYMENT_PROVIDER:-simulated}"
fi

# Production refuses to send mail without an SMTP server and the address its links point
# to: the demo's are the local Mailpit and this web app.
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:${MAILPIT_SMTP_PORT:-1025}}"
export PUBLIC_WEB_URL="${PUBLIC_WEB_URL:-http://localhost:${WEB_PORT:-3000}}"

# The waiting room's socket goes from the browser straight to the queue service: point the
# web app at its port, and let the queue service accept the web app's origin.
export QUEUE_PUBLIC_URL="${QUEUE_PUBLIC_URL:-http://localhost:${QUEUE_SERVICE_PORT:-4000}}"
export QUEUE_CORS_ORIGINS="${QUEUE_CORS_ORIGINS:-http://localhost:${WEB_PORT:-3000},http://127.0.0.1:${WEB_PORT:-3000}}"

# Zipkin of scripts/monitoring.sh, when it runs and no other endpoint is set.
monitoring="$(bash scripts/monitoring.sh urls)"
zipkin="$(sed -n 's/^Zipkin //p' <<<"$monitoring")"
if [[ -n "$zipkin" && -z "${OTEL_EXPORTER_ZIPKIN_ENDPOINT+set}" ]]; then
  export OTEL_EXPORTER_ZIPKIN_ENDPOINT="$zipkin/api/v2/spans"
fi

echo
echo "Ticketping is starting on http://localhost:${WEB_PORT:-3000} (Ctrl-C stops everything)"
echo "Mail it sends lands in Mailpit's inbox: http://localhost:${MAILPIT_HTTP_PORT:-8025}"
if [[ -n "$monitoring" ]]; then
  echo "Monitoring (scripts/monitoring.sh; traces go to Zipkin):"
  sed 's/^/  /' <<<"$monitoring"
fi
echo
# The queue service's fixed glibc malloc thresholds: queue-service/src/process/malloc-env.ts.
npx concurrently --kill-others --kill-signal SIGTERM --names web,queue,worker \
  --prefix-colors cyan,magenta,yellow \
  "HOSTNAME=${WEB_HOST:-127.0.0.1} PORT=${WEB_PORT:-3000} npm run --silent start -w @ticketping/web" \
  "MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-131072} npm run --silent start -w @ticketping/queue-service" \
  "npm run --silent start -w @ticketping/worker" || true
