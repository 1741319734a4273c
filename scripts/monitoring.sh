#!/usr/bin/env bash
# The monitoring profile of docker-compose.yml without Docker: Prometheus and Alertmanager
# from Debian's packages and a Zipkin server from Maven Central, on 127.0.0.1, with the
# repository's own configs. Grafana and Loki are not packaged for Debian: they stay
# compose-only (their dashboard's queries run against this Prometheus as well).
#
#   scripts/monitoring.sh up       start the three (reusing those this script already runs)
#   scripts/monitoring.sh down     stop the ones this script started (none other)
#   scripts/monitoring.sh status   print their addresses; exit 3 when one does not answer
#   scripts/monitoring.sh urls     print their addresses when they answer (for `npm start`)
#
# The configs are rendered from infra/monitoring/ at every `up`: the compose service names
# in prometheus.yml become the local addresses below, and `up` refuses to start if one is
# left over, so the two setups cannot drift apart. Config, data, logs and pid files live in
# $MONITORING_STATE_DIR; Zipkin's jar is fetched once with Maven into .services/zipkin/.
#
# Environment (defaults in brackets):
#   PROMETHEUS_PORT [9090]  ALERTMANAGER_PORT [9095] (9093 is the local Kafka's controller)
#   ZIPKIN_PORT [9411]
#   WEB_PORT [3000]  QUEUE_SERVICE_PORT [4000]  WORKER_HEALTH_PORT [4100]  what is scraped
#   METRICS_TOKEN  the bearer token Prometheus sends [npm start's, .services/local-secrets.env]
#   DISCORD_WEBHOOK_URL  alerts go there (infra/monitoring/alertmanager/discord.yml)
#   MONITORING_STATE_DIR [.services/monitoring]  another folder (and ports) runs a second,
#     independent set, as the monitoring test does
#   MONITORING_TIME_SCALE [1]  runs every rule window, `for` and Alertmanager timer N times
#     faster (the test's copy of the same files); MONITORING_SCRAPE_INTERVAL [15] seconds
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$ROOT/infra/monitoring"
STATE="${MONITORING_STATE_DIR:-$ROOT/.services/monitoring}"
ZIPKIN_VERSION=3.5.1
ZIPKIN_LIB="$ROOT/.services/zipkin/lib"
ZIPKIN_JAR="$ZIPKIN_LIB/zipkin-server-$ZIPKIN_VERSION-exec.jar"
HOST=127.0.0.1
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9095}"
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"
WEB_PORT="${WEB_PORT:-3000}"
QUEUE_SERVICE_PORT="${QUEUE_SERVICE_PORT:-4000}"
WORKER_HEALTH_PORT="${WORKER_HEALTH_PORT:-4100}"
TIME_SCALE="${MONITORING_TIME_SCALE:-1}"
SCRAPE_INTERVAL="${MONITORING_SCRAPE_INTERVAL:-15}"
READY_TIMEOUT=90

# The token npm start gives the processes, unless one is set (e.g. by a test).
source "$ROOT/scripts/lib/load-env.sh"
[[ -n "${METRICS_TOKEN:-}" ]] || source "$ROOT/scripts/lib/local-secrets.sh"

log() { printf '[monitoring] %s\n' "$*" >&2; }
fail() {
  printf '[monitoring] ERROR: %s\n' "$*" >&2
  exit 1
}

[[ "$TIME_SCALE" =~ ^[1-9][0-9]*$ ]] || fail "MONITORING_TIME_SCALE must be a whole number >= 1"
[[ "$SCRAPE_INTERVAL" =~ ^[1-9][0-9]*$ ]] || fail "MONITORING_SCRAPE_INTERVAL must be whole seconds"

url_of() { # url_of <prometheus|alertmanager|zipkin>
  case "$1" in
    prometheus) echo "http://$HOST:$PROMETHEUS_PORT" ;;
    alertmanager) echo "http://$HOST:$ALERTMANAGER_PORT" ;;
    zipkin) echo "http://$HOST:$ZIPKIN_PORT" ;;
  esac
}

answers() { # answers <name>
  local path=/-/ready
  [[ "$1" == zipkin ]] && path=/health
  curl -fsS -m 2 -o /dev/null "$(url_of "$1")$path" 2>/dev/null
}

# The pid file alone is not proof: the pid may have been reused. Every process started here
# names this state folder on its command line.
our_pid() { # our_pid <name>
  local file="$STATE/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE/" || return 1
  echo "$pid"
}

# Durations of the rules' windows and `for`, and of Alertmanager's timers, divided by the
# time scale (in milliseconds, which both accept). Scale 1 leaves the files as they are.
scale_durations() { # scale_durations <file>: prints it
  SCALE="$TIME_SCALE" perl -pe '
    BEGIN { %ms = (ms => 1, s => 1000, m => 60000, h => 3600000); }
    sub scaled { my ($n, $u) = @_; my $v = int($n * $ms{$u} / $ENV{SCALE} + 0.5); ($v < 1 ? 1 : $v) . "ms" }
    if ($ENV{SCALE} != 1) {
      s/\[(\d+)(ms|s|m|h)\]/"[" . scaled($1, $2) . "]"/ge;
      s/^(\s*(?:for|group_wait|group_interval|repeat_interval):\s*)(\d+)(ms|s|m|h)\s*$/$1 . scaled($2, $3) . "\n"/e;
    }' "$1"
}

render_configs() {
  mkdir -p "$STATE/rules" "$STATE/alertmanager" "$STATE/prometheus-data" "$STATE/alertmanager-data"
  rm -f "$STATE/rules/"*.yml
  local rule
  for rule in "$INFRA/prometheus/rules/"*.yml; do
    scale_durations "$rule" >"$STATE/rules/$(basename "$rule")"
  done
  cp "$INFRA/alertmanager/render-config.sh" "$STATE/alertmanager/"
  scale_durations "$INFRA/alertmanager/alertmanager.yml" >"$STATE/alertmanager/alertmanager.yml"
  scale_durations "$INFRA/alertmanager/discord.yml" >"$STATE/alertmanager/discord.yml"

  # Prometheus reads the token from a file only, as in the container.
  (umask 077 && printf '%s' "${METRICS_TOKEN:-}" >"$STATE/metrics-token")
  local timeout=$((SCRAPE_INTERVAL < 10 ? SCRAPE_INTERVAL : 10))
  sed -e "s|\"web:3000\"|\"$HOST:$WEB_PORT\"|" \
    -e "s|\"queue-service:4000\"|\"$HOST:$QUEUE_SERVICE_PORT\"|" \
    -e "s|\"worker:4100\"|\"$HOST:$WORKER_HEALTH_PORT\"|" \
    -e "s|\"alertmanager:9093\"|\"$HOST:$ALERTMANAGER_PORT\"|" \
    -e "s|\"localhost:9090\"|\"$HOST:$PROMETHEUS_PORT\"|" \
    -e "s|/prometheus/metrics-token|$STATE/metrics-token|" \
    -e "s|/etc/prometheus/rules/|$STATE/rules/|" \
    -e "s|^\(  scrape_interval:\).*|\1 ${SCRAPE_INTERVAL}s\n  scrape_timeout: ${timeout}s|" \
    -e "s|^\(  evaluation_interval:\).*|\1 $(((SCRAPE_INTERVAL + TIME_SCALE - 1) / TIME_SCALE))s|" \
    "$INFRA/prometheus/prometheus.yml" >"$STATE/prometheus.yml"
  # One source: a target or path the substitutions above do not know stops the start.
  if grep -nE 'targets:' "$STATE/prometheus.yml" | grep -v "\"$HOST:[0-9]*\"" >&2 ||
    grep -nE '/etc/prometheus|/prometheus/' "$STATE/prometheus.yml" >&2; then
    fail "infra/monitoring/prometheus/prometheus.yml names an address or path scripts/monitoring.sh does not map (above)"
  fi
  promtool check config --syntax-only "$STATE/prometheus.yml" >/dev/null ||
    fail "the rendered $STATE/prometheus.yml is invalid"
}

ensure_zipkin_jar() {
  [[ -f "$ZIPKIN_JAR" ]] && return
  command -v mvn >/dev/null || fail "mvn not found; it downloads Zipkin once (apt-get install -y maven)"
  log "downloading Zipkin $ZIPKIN_VERSION with Maven (once) into ${ZIPKIN_LIB#"$ROOT"/}"
  mkdir -p "$ZIPKIN_LIB"
  local tmp="$ZIPKIN_LIB/download.tmp"
  rm -rf "$tmp"
  mvn -q -B dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
    -Dtransitive=false -DoutputDirectory="$tmp" >"$ZIPKIN_LIB/mvn.log" 2>&1 || {
    tail -n 20 "$ZIPKIN_LIB/mvn.log" >&2
    fail "Maven could not fetch io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec"
  }
  mv "$tmp/$(basename "$ZIPKIN_JAR")" "$ZIPKIN_JAR"
  rm -rf "$tmp" "$ZIPKIN_LIB/mvn.log"
}

require() { # require <command> <Debian package>
  command -v "$1" >/dev/null || fail "$1 not found; install it with: apt-get install -y $2"
}

start() { # start <name> <command...>: in the background, detached from this terminal
  local name="$1"
  shift
  if answers "$name"; then
    log "$name already answers on $(url_of "$name"); reusing it"
    return
  fi
  if our_pid "$name" >/dev/null; then
    log "$name (pid $(our_pid "$name")) is starting; waiting for it"
    return
  fi
  setsid nohup "$@" </dev/null >"$STATE/$name.log" 2>&1 &
  echo "$!" >"$STATE/$name.pid"
}

wait_ready() { # wait_ready <name>
  local name="$1" deadline=$((SECONDS + READY_TIMEOUT)) pid
  pid="$(cat "$STATE/$name.pid" 2>/dev/null || true)"
  until answers "$name"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$STATE/$name.log" >&2
      fail "$name exited during start-up (log: $STATE/$name.log)"
    fi
    ((SECONDS < deadline)) || fail "$name did not answer within ${READY_TIMEOUT}s (log: $STATE/$name.log)"
    sleep 0.3
  done
}

up() {
  require prometheus prometheus
  require prometheus-alertmanager prometheus-alertmanager
  require java openjdk-17-jre-headless
  mkdir -p "$STATE"
  render_configs
  ensure_zipkin_jar
  # In-memory storage, as the compose service: traces last until Zipkin stops.
  start zipkin java -Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -Dticketping.state="$STATE/" \
    -jar "$ZIPKIN_JAR" --armeria.ports[0].port="$ZIPKIN_PORT" \
    --armeria.ports[0].ip="$HOST" --armeria.ports[0].protocols=http
  # No cluster port: one Alertmanager, and 9094 may be taken.
  start alertmanager env ALERTMANAGER_CONFIG_DIR="$STATE/alertmanager" \
    ALERTMANAGER_RENDERED="$STATE/alertmanager/rendered.yml" \
    ALERTMANAGER_STORAGE="$STATE/alertmanager-data" ALERTMANAGER_BIN=prometheus-alertmanager \
    sh "$STATE/alertmanager/render-config.sh" \
    --web.listen-address="$HOST:$ALERTMANAGER_PORT" --cluster.listen-address=
  local resend=$((60000 / TIME_SCALE))
  start prometheus prometheus --config.file="$STATE/prometheus.yml" \
    --storage.tsdb.path="$STATE/prometheus-data" --storage.tsdb.retention.time=15d \
    --web.listen-address="$HOST:$PROMETHEUS_PORT" --web.enable-lifecycle \
    --rules.alert.resend-delay="${resend}ms"
  wait_ready alertmanager
  wait_ready prometheus
  wait_ready zipkin
  status
}

down() {
  local name pid
  for name in prometheus alertmanager zipkin; do
    if pid="$(our_pid "$name")"; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      local deadline=$((SECONDS + 15))
      while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
          kill -KILL "$pid" 2>/dev/null || true
          break
        fi
        sleep 0.2
      done
    fi
    rm -f "$STATE/$name.pid"
  done
}

status() {
  local name state missing=0
  for name in prometheus alertmanager zipkin; do
    state=down
    if answers "$name"; then state=up; else missing=1; fi
    printf '  %-13s %-5s %s\n' "${name^}" "$state" "$(url_of "$name")"
  done
  return "$missing"
}

urls() {
  local name
  for name in prometheus alertmanager zipkin; do
    answers "$name" && printf '%s %s\n' "${name^}" "$(url_of "$name")"
  done
  return 0
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status || exit 3 ;;
  urls) urls ;;
  *)
    echo "usage: $0 up|down|status|urls" >&2
    exit 2
    ;;
esac
