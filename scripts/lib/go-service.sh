# shellcheck shell=bash
# A local server built once from the Go module proxy and run in the background: the shared
# part of scripts/mailpit.sh and scripts/stripe-mock.sh. The sourcing script sets
#
#   SERVICE        its name in logs and under .services/ (e.g. mailpit)
#   GO_MODULE      what `go install` builds, without the version
#   VERSION        the pinned version
#   ADDRESS        where it answers, for the logs
#
# sources this file, defines `answers` (exit 0 when the server responds) and the array
# SERVER_ARGS (the binary's arguments; may use $STATE), then calls `go_service_main "$@"`.
# The binary, pid file, data and log live in .services/$SERVICE/ (git-ignored).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.services/$SERVICE"
BIN="$STATE/bin/$SERVICE"
PIDFILE="$STATE/$SERVICE.pid"
# shellcheck disable=SC2034 # used by the sourcing scripts
HOST=127.0.0.1

log() { printf '[%s] %s\n' "$SERVICE" "$*" >&2; }
fail() {
  printf '[%s] ERROR: %s\n' "$SERVICE" "$*" >&2
  exit 1
}

our_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to another program: only ours is ever signalled.
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
  go="$(find_go)" || fail "Go 1.22+ is needed to build $SERVICE once (https://go.dev/dl/)"
  log "building $SERVICE $VERSION with go install (once)"
  mkdir -p "$STATE/bin"
  GOBIN="$STATE/bin" GOFLAGS=-mod=mod "$go" install "$GO_MODULE@$VERSION" >&2 ||
    fail "go install $GO_MODULE@$VERSION failed"
  echo "$VERSION" >"$STATE/bin/.version"
}

up() {
  if answers; then
    log "already answers on $ADDRESS; reusing it"
    return
  fi
  mkdir -p "$STATE"
  ensure_binary
  log "starting on $ADDRESS"
  setsid nohup "$BIN" "${SERVER_ARGS[@]}" </dev/null >"$STATE/$SERVICE.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + 20))
  until answers; do
    # Alive is enough here: until the child has exec'd, its command line is still this
    # shell's, which our_pid would not recognise (seen: "exited during start-up" while running).
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$STATE/$SERVICE.log" >&2
      fail "$SERVICE exited during start-up"
    fi
    ((SECONDS < deadline)) || fail "$SERVICE did not answer within 20 s"
    sleep 0.3
  done
  log "$SERVICE $VERSION is ready on $ADDRESS"
}

down() {
  local pid
  if pid="$(our_pid)"; then
    log "stopping $SERVICE (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  else
    log "no $SERVICE started by this script is running"
  fi
  rm -f "$PIDFILE"
}

go_service_main() {
  case "${1:-}" in
    up) up ;;
    down) down ;;
    bin)
      ensure_binary
      echo "$BIN"
      ;;
    status)
      if answers; then
        log "answers on $ADDRESS"
      else
        log "does not answer on $ADDRESS"
        exit 3
      fi
      ;;
    *)
      echo "usage: $0 up|down|status|bin" >&2
      exit 2
      ;;
  esac
}
