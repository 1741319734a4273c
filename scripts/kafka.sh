#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft: broker and controller in one JVM), run from
# Maven Central's jars, for machines without Docker.
#
#   scripts/kafka.sh up       reuse a broker that answers on 127.0.0.1:$KAFKA_PORT, else start one
#                             and wait until it serves metadata
#   scripts/kafka.sh down     stop the broker this script started (none other)
#   scripts/kafka.sh status   whether a broker answers and whether this script started it
#                             (exit 0 when it answers, 3 when it does not)
#   scripts/kafka.sh jars     download the jars if missing and print their folder (the
#                             three-broker cluster of scripts/kafka-cluster.sh runs the same)
#
# Needs Java 17+ and, for the one-time download of the jars, Maven. Listens on 127.0.0.1 only.
# Jars, config, data, logs and the pid file live in .services/kafka/ (git-ignored); Maven's own
# cache is ~/.m2. A clean slate: `scripts/kafka.sh down && rm -rf .services/kafka`.
#
# Environment (defaults in brackets):
#   KAFKA_PORT [9092]  KAFKA_CONTROLLER_PORT [9093]  KAFKA_HEAP_OPTS [-Xms256m -Xmx512m]
#   KAFKA_READY_TIMEOUT [60] seconds that `up` waits for the broker
#   KAFKA_STATE_DIR [.services/kafka] config, data, logs and pid file: another directory (with
#   other ports) runs a second, independent broker, e.g. one a test may stop and start
#
# The Kafka command-line tools are in the same jars, e.g.:
#   java -cp '.services/kafka/lib/*' org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#   java -cp '.services/kafka/lib/*' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server 127.0.0.1:9092 --list
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$ROOT/infra/kafka"
STATE="${KAFKA_STATE_DIR:-$ROOT/.services/kafka}"
# The jars are the same for every broker, so a second broker's state dir reuses them.
LIB="$ROOT/.services/kafka/lib"
LIB_MARKER="$LIB/.complete"
DATA="$STATE/data"
LOGS="$STATE/logs"
CONFIG="$STATE/server.properties"
CLIENT_CONFIG="$STATE/client.properties"
PIDFILE="$STATE/kafka.pid"

HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# Small heap: the machine has 2 cores and shares them with PostgreSQL, Redis and Next.js.
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-60}"
STOP_TIMEOUT=30
LOG_START_LINE=0

log() { printf '[kafka] %s\n' "$*"; }
fail() {
  printf '[kafka] ERROR: %s\n' "$*" >&2
  exit 1
}

port_open() { # port_open <port>
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# The pid file alone is not proof: after a reboot the pid may belong to another process.
our_pid() { # prints the pid of the broker this script started, if it still runs
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $CONFIG" || return 1
  echo "$pid"
}

# C1 only: the tools run for a second or two, where start-up time is all that matters.
TOOL_JAVA_OPTS=(-Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR)

kafka_tool() { # kafka_tool <main class> <args...>: a Kafka CLI tool from the downloaded jars
  java "${TOOL_JAVA_OPTS[@]}" -cp "$LIB/*" "$@"
}

# A bound port is not enough: the broker accepts connections before it has caught up with the
# metadata log and registered itself. Listing topics needs a working metadata path end to end.
broker_ready() {
  timeout 20 java "${TOOL_JAVA_OPTS[@]}" -cp "$LIB/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --command-config "$CLIENT_CONFIG" --list >/dev/null 2>&1
}

require_java() {
  command -v java >/dev/null ||
    fail "java not found; install Java 17+ (e.g. apt-get install -y openjdk-17-jre-headless maven)"
  local version major
  version="$(java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  major="${version%%.*}"
  [[ "$major" == "1" ]] && major="$(cut -d. -f2 <<<"$version")"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    fail "Kafka 4 needs Java 17+, found '${version:-unknown}' (e.g. apt-get install -y openjdk-17-jre-headless)"
  fi
}

# Re-download when the pom changes (e.g. a Kafka version bump), so lib/ never mixes versions.
# Downloads go to a temporary folder first: an interrupted run leaves no half-filled lib/.
ensure_jars() {
  local pom_sum
  pom_sum="$(sha256sum "$INFRA/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$LIB_MARKER" && "$(cat "$LIB_MARKER")" == "$pom_sum" ]]; then
    return
  fi
  command -v mvn >/dev/null ||
    fail "mvn not found; it downloads the Kafka jars once (e.g. apt-get install -y maven openjdk-17-jre-headless)"
  local tmp="$STATE/lib.tmp"
  rm -rf "$tmp"
  log "downloading the Kafka jars with Maven (once) into ${LIB#"$ROOT"/}"
  if ! mvn -q -B -f "$INFRA/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$STATE/mvn.log" 2>&1; then
    tail -n 30 "$STATE/mvn.log" >&2
    fail "Maven could not fetch the Kafka jars (full output: ${STATE#"$ROOT"/}/mvn.log)"
  fi
  echo "$pom_sum" >"$tmp/.complete"
  rm -rf "$LIB"
  mkdir -p "$(dirname "$LIB")"
  mv "$tmp" "$LIB"
  rm -f "$STATE/mvn.log"
}

write_config() {
  mkdir -p "$DATA" "$LOGS"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$DATA|g" \
    "$INFRA/server.properties" >"$CONFIG"
  # Keeps the readiness probe short instead of the admin client's 60 s default.
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=10000\n' >"$CLIENT_CONFIG"
}

# The standalone (single-voter, dynamic) quorum records the controller's endpoint when the
# storage is formatted, so a data dir formatted for another controller port would not start.
CONTROLLER_PORT_FILE="$DATA/.controller-port"

check_controller_port() {
  if [[ -f "$DATA/meta.properties" && -f "$CONTROLLER_PORT_FILE" &&
    "$(cat "$CONTROLLER_PORT_FILE")" != "$KAFKA_CONTROLLER_PORT" ]]; then
    fail "the data in ${DATA#"$ROOT"/} was formatted for controller port $(cat "$CONTROLLER_PORT_FILE"), not $KAFKA_CONTROLLER_PORT; use that port or remove the folder"
  fi
}

ensure_formatted() {
  [[ -f "$DATA/meta.properties" ]] && return
  local cluster_id
  cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
  log "formatting storage (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format --standalone \
    --cluster-id "$cluster_id" --config "$CONFIG" >"$LOGS/format.log" 2>&1 || {
    cat "$LOGS/format.log" >&2
    fail "formatting the storage failed"
  }
  echo "$KAFKA_CONTROLLER_PORT" >"$CONTROLLER_PORT_FILE"
}

# The broker creates __consumer_offsets only when a client first looks for a group coordinator;
# until then that client gets "The group coordinator is not available" (kafkajs logs it as an
# ERROR and retries). Describing any group creates the topic, so the first real consumer joins
# cleanly. Only needed once per storage.
create_offsets_topic() {
  compgen -G "$DATA/__consumer_offsets-*" >/dev/null && return
  timeout 30 java "${TOOL_JAVA_OPTS[@]}" -cp "$LIB/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --command-config "$CLIENT_CONFIG" \
    --describe --group ticketping-kafka-sh-warmup >/dev/null 2>&1 || true
}

# The cause of a failed start is usually far above the last lines (a fatal error makes Kafka
# dump its whole config while shutting down), so errors are shown first, then the tail.
print_log_tail() {
  local log="$LOGS/server.log"
  if [[ -s "$LOGS/kafka.out" ]]; then
    printf '[kafka] --- last lines of %s ---\n' "${LOGS#"$ROOT"/}/kafka.out" >&2
    tail -n 20 "$LOGS/kafka.out" >&2
  fi
  [[ -s "$log" ]] || return 0
  # Only this start's lines: the log file is kept across restarts.
  local this_run
  this_run="$(tail -n +"$((LOG_START_LINE + 1))" "$log")"
  if grep -qE '^\[[^]]*\] (ERROR|FATAL) ' <<<"$this_run"; then
    printf '[kafka] --- errors in %s ---\n' "${log#"$ROOT"/}" >&2
    grep -A1 -E '^\[[^]]*\] (ERROR|FATAL) ' <<<"$this_run" | grep -v '^--$' | tail -n 12 | cut -c1-400 >&2
  fi
  printf '[kafka] --- last lines of %s ---\n' "${log#"$ROOT"/}" >&2
  tail -n 15 <<<"$this_run" | cut -c1-400 >&2
}

wait_ready() { # wait_ready <pid>
  local pid="$1" deadline=$((SECONDS + KAFKA_READY_TIMEOUT))
  until port_open "$KAFKA_PORT" && broker_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PIDFILE"
      fail "the broker exited during start-up"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      fail "the broker (pid $pid) was not ready after ${KAFKA_READY_TIMEOUT}s; it is left running, stop it with: scripts/kafka.sh down"
    fi
    sleep 0.5
  done
}

print_summary() { # print_summary <pid>
  local version
  version="$(find "$LIB" -maxdepth 1 -name 'kafka_2.13-*.jar' -printf '%f\n' | sed 's/^kafka_2.13-//; s/\.jar$//')"
  log "Kafka ${version:-?} is ready (pid $1)"
  log "  bootstrap servers  $HOST:$KAFKA_PORT (controller $HOST:$KAFKA_CONTROLLER_PORT)"
  log "  config             ${CONFIG#"$ROOT"/}"
  log "  data               ${DATA#"$ROOT"/}"
  log "  log                ${LOGS#"$ROOT"/}/server.log"
  log "  stop with          scripts/kafka.sh down"
}

up() {
  if port_open "$KAFKA_PORT"; then
    local pid
    if pid="$(our_pid)"; then
      log "Kafka started by this script (pid $pid) already answers on $HOST:$KAFKA_PORT; reusing it"
    else
      log "something already answers on $HOST:$KAFKA_PORT; reusing it as the Kafka broker"
    fi
    return
  fi

  require_java
  mkdir -p "$STATE"

  local pid
  # Our broker may be alive but not listening yet (another `up` just started it).
  if pid="$(our_pid)"; then
    local running_port
    running_port="$(sed -n 's|^advertised.listeners=PLAINTEXT://.*:\([0-9]*\)$|\1|p' "$CONFIG")"
    [[ "$running_port" == "$KAFKA_PORT" ]] ||
      fail "the broker this script started (pid $pid) uses port ${running_port:-?}, not $KAFKA_PORT; run scripts/kafka.sh down first"
    log "Kafka (pid $pid) is starting; waiting for it"
  else
    rm -f "$PIDFILE"
    check_controller_port
    ! port_open "$KAFKA_CONTROLLER_PORT" ||
      fail "the controller port $HOST:$KAFKA_CONTROLLER_PORT is taken by another process; set KAFKA_CONTROLLER_PORT"
    ensure_jars
    write_config
    ensure_formatted
    log "starting Kafka on $HOST:$KAFKA_PORT"
    [[ -f "$LOGS/server.log" ]] && LOG_START_LINE="$(wc -l <"$LOGS/server.log")"
    # 9>&-: the broker must not inherit (and so hold) the lock below.
    # setsid: a Ctrl-C in the terminal that ran `up` (e.g. during `npm test`) must not reach
    # the broker; nohup: nor must closing that terminal. ErrorFile: a JVM crash report would
    # otherwise land in the caller's working directory.
    # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
    setsid nohup java $KAFKA_HEAP_OPTS \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
      -XX:ErrorFile="$LOGS/hs_err_pid%p.log" -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$INFRA/log4j2.yaml" -Dkafka.logs.dir="$LOGS" \
      -cp "$LIB/*" kafka.Kafka "$CONFIG" \
      </dev/null >"$LOGS/kafka.out" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PIDFILE"
  fi
  wait_ready "$pid"
  create_offsets_topic
  print_summary "$pid"
}

down() {
  local pid
  if ! pid="$(our_pid)"; then
    if [[ -f "$PIDFILE" ]]; then
      log "removing a stale pid file (pid $(cat "$PIDFILE") is not our broker)"
      rm -f "$PIDFILE"
    fi
    if port_open "$KAFKA_PORT"; then
      log "not stopping the broker on $HOST:$KAFKA_PORT: this script did not start it"
    else
      log "Kafka is not running"
    fi
    return
  fi
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "still running after ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$PIDFILE"
  log "Kafka stopped"
}

status() {
  local pid started answers=0
  if pid="$(our_pid)"; then
    started="started by this script (pid $pid)"
  else
    started="not started by this script"
  fi
  if port_open "$KAFKA_PORT"; then
    answers=1
    log "Kafka answers on $HOST:$KAFKA_PORT, $started"
  else
    log "Kafka does not answer on $HOST:$KAFKA_PORT, $started"
  fi
  ((answers)) || exit 3
}

# up and down serialise on a lock so two concurrent `up`s cannot start two brokers.
with_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 120 9 || fail "another scripts/kafka.sh is still running (lock ${STATE#"$ROOT"/}/.lock)"
  "$@"
}

case "${1:-}" in
  up) with_lock up ;;
  down) with_lock down ;;
  status) status ;;
  jars)
    with_lock ensure_jars >&2
    echo "$LIB"
    ;;
  *)
    echo "usage: $0 up|down|status|jars" >&2
    exit 2
    ;;
esac
