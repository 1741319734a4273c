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
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.services/mailpit"
BIN="$STATE/bin/mailpit"
PIDFILE="$STATE/mailpit.pid"
VERSION="v1.33.1"
HOST=127.0.0.1
MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"

log() { printf '[mailpit] %s\n' "$*" >&2; }
fail() {
  printf '[mailpit] ERROR: %s\n' "$*" >&2
  exit 1
}

answers() {
  curl -fsS -o /dev/null "http://$HOST:$MAILPIT_HTTP_PORT/api/v1/info" 2>/dev/null
}

our_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$BIN" || return 1
  echo "$pid"
}

find_go() {
  if command -v go >/dev/null; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    echo /usr/local/go/bin/go
  else
    return 1
  fi
}

ensure_binary() {
  [[ -x "$BIN" && "$(cat "$STATE/bin/.version" 2>/dev/null)" == "$VERSION" ]] && return
  local go
  go="$(find_go)" || fail "Go 1.22+ is needed to build Mailpit once (https://go.dev/dl/)"
  log "building Mailpit $VERSION with go install (once, about a minute)"
  mkdir -p "$STATE/bin"
  GOBIN="$STATE/bin" GOFLAGS=-mod=mod "$go" install "github.com/axllent/mailpit@$VERSION" >&2 ||
    fail "go install github.com/axllent/mailpit@$VERSION failed"
  echo "$VERSION" >"$STATE/bin/.version"
}

up() {
  if answers; then
    log "Mailpit already answers on $HOST:$MAILPIT_HTTP_PORT; reusing it"
    return
  fi
  mkdir -p "$STATE"
  ensure_binary
  log "starting Mailpit: SMTP $HOST:$MAILPIT_SMTP_PORT, inbox http://$HOST:$MAILPIT_HTTP_PORT"
  # Mail is kept across restarts in its own database file; the newest 5,000 messages stay.
  setsid nohup "$BIN" --smtp "$HOST:$MAILPIT_SMTP_PORT" --listen "$HOST:$MAILPIT_HTTP_PORT" \
    --database "$STATE/mailpit.db" --max 5000 --disable-version-check --smtp-disable-rdns \
    </dev/null >"$STATE/mailpit.log" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 20))
  until answers; do
    if ! our_pid >/dev/null; then
      tail -n 20 "$STATE/mailpit.log" >&2
      fail "Mailpit exited during start-up"
    fi
    ((SECONDS < deadline)) || fail "Mailpit did not answer within 20 s"
    sleep 0.3
  done
  log "Mailpit $VERSION is ready; inbox on http://$HOST:$MAILPIT_HTTP_PORT"
}

down() {
  local pid
  if pid="$(our_pid)"; then
    log "stopping Mailpit (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    rm -f "$PIDFILE"
  else
    rm -f "$PIDFILE"
    log "no Mailpit started by this script is running"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  bin)
    ensure_binary
    echo "$BIN"
    ;;
  status)
    if answers; then
      log "answers on $HOST:$MAILPIT_HTTP_PORT"
    else
      log "does not answer on $HOST:$MAILPIT_HTTP_PORT"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 up|down|status|bin" >&2
    exit 2
    ;;
esac
