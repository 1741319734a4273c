#!/usr/bin/env bash
# stripe-mock, Stripe's own API mock: it validates every request against Stripe's OpenAPI
# description and answers with fixtures. The payment tests run the real Stripe SDK against
# it, so every call we make to Stripe is checked without reaching Stripe.
#
#   scripts/stripe-mock.sh up       build it once with `go install` (needs Go 1.22+ and the Go
#                                   module proxy), start it on 127.0.0.1:$STRIPE_MOCK_PORT
#   scripts/stripe-mock.sh down     stop the one this script started (none other)
#   scripts/stripe-mock.sh status   exit 0 when it answers, 3 when it does not
#
# The binary, pid file and log live in .services/stripe-mock/ (git-ignored).
# Environment (defaults in brackets): STRIPE_MOCK_PORT [12111]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.services/stripe-mock"
BIN="$STATE/bin/stripe-mock"
PIDFILE="$STATE/stripe-mock.pid"
VERSION="v0.203.0"
HOST=127.0.0.1
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"

log() { printf '[stripe-mock] %s\n' "$*"; }
fail() {
  printf '[stripe-mock] ERROR: %s\n' "$*" >&2
  exit 1
}

answers() {
  curl -fsS -o /dev/null -H 'Authorization: Bearer sk_test_123' \
    "http://$HOST:$STRIPE_MOCK_PORT/v1/customers?limit=1" 2>/dev/null
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
  go="$(find_go)" || fail "Go 1.22+ is needed to build stripe-mock once (https://go.dev/dl/)"
  log "building stripe-mock $VERSION with go install (once)"
  mkdir -p "$STATE/bin"
  GOBIN="$STATE/bin" GOFLAGS=-mod=mod "$go" install "github.com/stripe/stripe-mock@$VERSION" ||
    fail "go install github.com/stripe/stripe-mock@$VERSION failed"
  echo "$VERSION" >"$STATE/bin/.version"
}

up() {
  if answers; then
    log "stripe-mock already answers on $HOST:$STRIPE_MOCK_PORT; reusing it"
    return
  fi
  mkdir -p "$STATE"
  ensure_binary
  log "starting stripe-mock on $HOST:$STRIPE_MOCK_PORT"
  setsid nohup "$BIN" -http-addr "$HOST:$STRIPE_MOCK_PORT" </dev/null >"$STATE/stripe-mock.log" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 20))
  until answers; do
    if ! our_pid >/dev/null; then
      tail -n 20 "$STATE/stripe-mock.log" >&2
      fail "stripe-mock exited during start-up"
    fi
    ((SECONDS < deadline)) || fail "stripe-mock did not answer within 20 s"
    sleep 0.3
  done
  log "stripe-mock $VERSION is ready on http://$HOST:$STRIPE_MOCK_PORT"
}

down() {
  local pid
  if pid="$(our_pid)"; then
    log "stopping stripe-mock (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
  else
    rm -f "$PIDFILE"
    log "no stripe-mock started by this script is running"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status)
    if answers; then
      log "answers on $HOST:$STRIPE_MOCK_PORT"
    else
      log "does not answer on $HOST:$STRIPE_MOCK_PORT"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
