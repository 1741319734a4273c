# shellcheck shell=bash
# Sourced by start.sh and test.sh. Production servers refuse to start without their
# secrets, and the repository holds none, so a local run generates random ones once and
# keeps them under .services/ (git-ignored): sessions survive restarts, nothing is shared.
# Values already in the environment (or .env) win. METRICS_TOKEN is also what the local
# Prometheus of scripts/monitoring.sh sends.
secrets_file="$ROOT/.services/local-secrets.env"
mkdir -p "$ROOT/.services"
for name in NEXTAUTH_SECRET QUEUE_TICKET_SECRET QUEUE_TOKEN_SECRET STRIPE_WEBHOOK_SECRET POW_HMAC_SECRET TICKET_SIGNING_KEY EMAIL_TOKEN_SECRET METRICS_TOKEN; do
  if ! grep -q "^$name=" "$secrets_file" 2>/dev/null; then
    echo "$name=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))')" >>"$secrets_file"
  fi
done
chmod 600 "$secrets_file"
while IFS='=' read -r name value; do
  [[ -n "${!name:-}" ]] || export "$name=$value"
done <"$secrets_file"
