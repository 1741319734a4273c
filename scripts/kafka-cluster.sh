#!/usr/bin/env bash
# A local Apache Kafka cluster of three nodes (KRaft: each node is broker and controller, the
# three controllers are the metadata quorum), from the same Maven Central jars as
# scripts/kafka.sh, for running the payment path on replicated topics and killing a broker.
#
#   scripts/kafka-cluster.sh up        start whichever of the three nodes is not running (all of
#                                      them the first time), then wait until all three brokers
#                                      are registered and serve metadata
#   scripts/kafka-cluster.sh down      stop the nodes this script started (none other)
#   scripts/kafka-cluster.sh status    each node's state; exit 0 when all three answer, 3 if not
#   scripts/kafka-cluster.sh url       print the KAFKA_BROKERS that points the apps at it
#   scripts/kafka-cluster.sh pid <n>   print node n's process id (tests kill it)
#
# Topics default to replication factor 3 and min.insync.replicas 2 (infra/kafka/cluster.properties).
# Node n (1-3) listens on 127.0.0.1:$KAFKA_CLUSTER_PORT + n - 1, its controller on
# $KAFKA_CLUSTER_CONTROLLER_PORT + n - 1. Config, data, logs and pid files live in
# .services/kafka-cluster/node-<n>/ (git-ignored). A clean slate:
# `scripts/kafka-cluster.sh down && rm -rf .services/kafka-cluster`.
#
# Environment (defaults in brackets):
#   KAFKA_CLUSTER_PORT [19092]  KAFKA_CLUSTER_CONTROLLER_PORT [19192]
#   KAFKA_CLUSTER_HEAP_OPTS [-Xms128m -Xmx384m] per node (three JVMs on a small machine)
#   KAFKA_READY_TIMEOUT [90] seconds that `up` waits for the cluster
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$ROOT/infra/kafka"
STATE="$ROOT/.services/kafka-cluster"
HOST=127.0.0.1
NODES=(1 2 3)
KAFKA_CLUSTER_PORT="${KAFKA_CLUSTER_PORT:-19092}"
KAFKA_CLUSTER_CONTROLLER_PORT="${KAFKA_CLUSTER_CONTROLLER_PORT:-19192}"
KAFKA_CLUSTER_HEAP_OPTS="${KAFKA_CLUSTER_HEAP_OPTS:--Xms128m -Xmx384m}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
STOP_TIMEOUT=30
LIB=""

log() { printf '[kafka-cluster] %s\n' "$*" >&2; }
fail() {
  printf '[kafka-cluster] ERROR: %s\n' "$*" >&2
  exit 1
}

broker_port() { echo "$((KAFKA_CLUSTER_PORT + $1 - 1))"; }
controller_port() { echo "$((KAFKA_CLUSTER_CONTROLLER_PORT + $1 - 1))"; }
node_dir() { echo "$STATE/node-$1"; }

port_open() { # port_open <port>
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

url() {
  local node brokers=()
  for node in "${NODES[@]}"; do brokers+=("$HOST:$(broker_port "$node")"); done
  local IFS=,
  echo "${brokers[*]}"
}

# The pid file alone is not proof: after a reboot the pid may belong to another process.
node_pid() { # node_pid <n>: prints node n's pid if the process this script started still runs
  local dir pid
  dir="$(node_dir "$1")"
  [[ -f "$dir/kafka.pid" ]] || return 1
  pid="$(cat "$dir/kafka.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $dir/server.properties" || return 1
  echo "$pid"
}

# C1 only: the tools run for a second or two, where start-up time is all that matters.
kafka_tool() { # kafka_tool <main class> <args...>
  java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR -cp "$LIB/*" "$@"
}

# The single broker's template with this node's ports, minus every key cluster.properties
# sets, then cluster.properties itself: one place for the shared tuning, one for the cluster's.
write_config() { # write_config <n>
  local node="$1" dir controllers=() other
  dir="$(node_dir "$node")"
  mkdir -p "$dir/data" "$dir/logs"
  for other in "${NODES[@]}"; do controllers+=("$HOST:$(controller_port "$other")"); done
  local overridden
  overridden="$(grep -oE '^[a-z][a-z0-9._-]*=' "$INFRA/cluster.properties" | paste -sd'|')"
  {
    sed -e "s|@KAFKA_PORT@|$(broker_port "$node")|g" \
      -e "s|@CONTROLLER_PORT@|$(controller_port "$node")|g" \
      -e "s|@DATA_DIR@|$dir/data|g" \
      "$INFRA/server.properties" | grep -vE "^($overridden)"
    local IFS=,
    sed -e "s|@NODE_ID@|$node|g" -e "s|@CONTROLLER_SERVERS@|${controllers[*]}|g" \
      "$INFRA/cluster.properties"
  } >"$dir/server.properties"
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=10000\n' >"$STATE/client.properties"
}

# All three storages are formatted together, with one cluster id and the quorum's three
# initial controllers (each with its own directory id); a node formatted alone could never
# join the others' quorum.
ensure_formatted() {
  local node formatted=0
  for node in "${NODES[@]}"; do
    [[ -f "$(node_dir "$node")/data/meta.properties" ]] && formatted=$((formatted + 1))
  done
  ((formatted == ${#NODES[@]})) && return
  ((formatted == 0)) ||
    fail "only $formatted of ${#NODES[@]} nodes have formatted storage; start afresh: rm -rf ${STATE#"$ROOT"/}"
  local cluster_id controllers=()
  cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
  for node in "${NODES[@]}"; do
    controllers+=("$node@$HOST:$(controller_port "$node"):$(kafka_tool kafka.tools.StorageTool random-uuid)")
  done
  local IFS=,
  log "formatting three storages (cluster id $cluster_id)"
  for node in "${NODES[@]}"; do
    kafka_tool kafka.tools.StorageTool format --cluster-id "$cluster_id" \
      --initial-controllers "${controllers[*]}" --config "$(node_dir "$node")/server.properties" \
      >"$(node_dir "$node")/logs/format.log" 2>&1 || {
      cat "$(node_dir "$node")/logs/format.log" >&2
      fail "formatting node $node's storage failed"
    }
  done
}

start_node() { # start_node <n>
  local node="$1" dir pid
  dir="$(node_dir "$node")"
  for port in "$(broker_port "$node")" "$(controller_port "$node")"; do
    ! port_open "$port" || fail "port $HOST:$port (node $node) is taken by another process"
  done
  log "starting node $node on $HOST:$(broker_port "$node") (controller $(controller_port "$node"))"
  # As scripts/kafka.sh: 9>&- keeps the lock from the broker; setsid and nohup keep a Ctrl-C
  # or a closed terminal from reaching it.
  # shellcheck disable=SC2086 # KAFKA_CLUSTER_HEAP_OPTS is a list of JVM flags
  setsid nohup java $KAFKA_CLUSTER_HEAP_OPTS \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -XX:ErrorFile="$dir/logs/hs_err_pid%p.log" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INFRA/log4j2.yaml" -Dkafka.logs.dir="$dir/logs" \
    -cp "$LIB/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/kafka.out" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$dir/kafka.pid"
}

# Brokers the cluster's metadata lists as alive (registered and not fenced), as node 1's
# neighbours see them; all three must be there before a topic of factor 3 can be created.
alive_brokers() {
  timeout 20 java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR -cp "$LIB/*" \
    org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$(url)" \
    --command-config "$STATE/client.properties" 2>/dev/null | grep -c '(id: ' || true
}

print_node_logs() { # the last lines of each node that stopped
  local node dir
  for node in "${NODES[@]}"; do
    dir="$(node_dir "$node")"
    node_pid "$node" >/dev/null && continue
    printf '[kafka-cluster] --- node %s stopped; last lines of its logs ---\n' "$node" >&2
    tail -n 15 "$dir/logs/kafka.out" "$dir/logs/server.log" 2>/dev/null | cut -c1-400 >&2 || true
  done
}

wait_ready() {
  local deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) node alive=0
  for (( ; ; )); do
    for node in "${NODES[@]}"; do
      node_pid "$node" >/dev/null || {
        print_node_logs
        fail "node $node exited during start-up"
      }
    done
    if port_open "$(broker_port 1)" || port_open "$(broker_port 2)" || port_open "$(broker_port 3)"; then
      alive="$(alive_brokers)"
      ((alive >= ${#NODES[@]})) && return
    fi
    ((SECONDS < deadline)) ||
      fail "only $alive of ${#NODES[@]} brokers were alive after ${KAFKA_READY_TIMEOUT}s; logs in ${STATE#"$ROOT"/}/node-*/logs; stop with: scripts/kafka-cluster.sh down"
    sleep 1
  done
}

# As scripts/kafka.sh: describing any group creates __consumer_offsets (here with three
# replicas), so the first real consumer finds its coordinator at once.
create_offsets_topic() {
  compgen -G "$(node_dir 1)/data/__consumer_offsets-*" >/dev/null && return
  timeout 30 java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR -cp "$LIB/*" \
    org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$(url)" \
    --command-config "$STATE/client.properties" \
    --describe --group ticketping-kafka-cluster-warmup >/dev/null 2>&1 || true
}

up() {
  local node missing=()
  for node in "${NODES[@]}"; do node_pid "$node" >/dev/null || missing+=("$node"); done
  if ((${#missing[@]} == 0)); then
    log "all three nodes run; waiting until they serve metadata"
  else
    LIB="$(bash "$ROOT/scripts/kafka.sh" jars)"
    for node in "${NODES[@]}"; do write_config "$node"; done
    ensure_formatted
    for node in "${missing[@]}"; do start_node "$node"; done
  fi
  LIB="${LIB:-$ROOT/.services/kafka/lib}"
  wait_ready
  create_offsets_topic
  log "three brokers ready: KAFKA_BROKERS=$(url)"
}

down() {
  local node pid pids=()
  for node in "${NODES[@]}"; do
    if pid="$(node_pid "$node")"; then
      log "stopping node $node (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  ((${#pids[@]} > 0)) || {
    log "no node of this script runs"
    return
  }
  # The last nodes lose their quorum while shutting down and may wait for it: bounded.
  local deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        log "pid $pid still runs after ${STOP_TIMEOUT}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.5
    done
  done
  for node in "${NODES[@]}"; do rm -f "$(node_dir "$node")/kafka.pid"; done
  log "stopped"
}

status() {
  local node pid answering=0 state
  for node in "${NODES[@]}"; do
    state="down"
    port_open "$(broker_port "$node")" && state="up" && answering=$((answering + 1))
    pid="$(node_pid "$node")" || pid=""
    printf '[kafka-cluster] node %s  %-4s %s:%s%s\n' "$node" "$state" "$HOST" \
      "$(broker_port "$node")" "${pid:+ (started by this script, pid $pid)}" >&2
  done
  ((answering == ${#NODES[@]})) || exit 3
}

with_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 180 9 || fail "another scripts/kafka-cluster.sh is still running (lock ${STATE#"$ROOT"/}/.lock)"
  "$@"
}

case "${1:-}" in
  up) with_lock up ;;
  down) with_lock down ;;
  status) status ;;
  url) url ;;
  pid)
    [[ "${2:-}" =~ ^[123]$ ]] || fail "usage: $0 pid 1|2|3"
    node_pid "$2" || fail "node $2 does not run"
    ;;
  *)
    echo "usage: $0 up|down|status|url|pid <n>" >&2
    exit 2
    ;;
esac
