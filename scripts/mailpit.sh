#!/usr/bin/env bash
# Mailpit, a real SMTP server with an HTTP API and a web inbox: every mail the system sends
# in development and in the tests lands there, and the tests read it back through its API.
#
#   scripts/mailpit.sh up       build it once with `go install` (needs Go 1.22+ and the Go
#                               module proxy), start it: SMTP on 127.0.0.1:$MAILPIT_SMTP_PORT,
#                               inbox and API on http://127.0.0.1:$MAILPIT_HTTP_PORT
#   scripts/mailpit.sh down     stop the one this script started (none other)
#   scripts/mailpit.sh status   exit 0 when it answers, 3 when it does not
#   scripts/mailpit.sh bin      build it if needed and print the binary's path (for tests
#                               that run a Mailpit of their own)
#
# The binary, pid file, mail database and log live in .services/mailpit/ (git-ignored).
# Environment (defaults in brackets): MAILPIT_SMTP_PORT [1025]  MAILPIT_HTTP_PORT [8025]
# shellcheck disable=SC2034 # the settings below are read by lib/go-service.sh
set -euo pipefail

MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"
SERVICE=mailpit
GO_MODULE=github.com/axllent/mailpit
VERSION=v1.33.1
ADDRESS="SMTP 127.0.0.1:$MAILPIT_SMTP_PORT, inbox http://127.0.0.1:$MAILPIT_HTTP_PORT"
source "$(dirname "${BASH_SOURCE[0]}")/lib/go-service.sh"

answers() {
  curl -fsS -o /dev/null "http://$HOST:$MAILPIT_HTTP_PORT/api/v1/info" 2>/dev/null
}

# Mail is kept across restarts in its own database file; the newest 5,000 messages stay.
SERVER_ARGS=(
  --smtp "$HOST:$MAILPIT_SMTP_PORT" --listen "$HOST:$MAILPIT_HTTP_PORT"
  --database "$STATE/mailpit.db" --max 5000 --disable-version-check --smtp-disable-rdns
)

go_service_main "$@"
