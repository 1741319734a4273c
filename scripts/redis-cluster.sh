#!/usr/bin/env bash
# A local Redis Cluster of three masters and three replicas (six redis-server processes from
# Debian's package), for running the system and its Redis test suites on a cluster.
#
#   scripts/redis-cluster.sh up       reuse a cluster that answers cluster_state:ok on the
#                                     ports; else start the six nodes, create the cluster and
#                                     wait until it reports cluster_state:ok
#   scripts/redis-cluster.sh down     stop the nodes this script started (none other)
#   scripts/redis-cluster.sh status   exit 0 when the cluster is ok, 3 when it is not
#   scripts/redis-cluster.sh url      print the REDIS_URL that points the apps at it
#
# Nodes listen on 127.0.0.1, ports $REDIS_CLUSTER_PORT to $REDIS_CLUSTER_PORT + 5 (each
# with its cluster bus on port + 10000); state, pid files and logs live in
# .services/redis-cluster/<port>/ (git-ignored).
# Environment (default in brackets): REDIS_CLUSTER_PORT [7101]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.services/redis-cluster"
HOST=127.0.0.1
REDIS_CLUSTER_PORT="${REDIS_CLUSTER_PORT:-7101}"
PORTS=()
for offset in 0 1 2 3 4 5; do PORTS+=("$((REDIS_CLUSTER_PORT + offset))"); done

log() { printf '[redis-cluster] %s\n' "$*" >&2; }
fail() {
  printf '[redis-cluster] ERROR: %s\n' "$*" >&2
  exit 1
}

url() {
  local port urls=()
  for port in "${PORTS[@]}"; do urls+=("redis://$HOST:$port"); done
  local IFS=,
  echo "${urls[*]}"
}

node_answers() { # node_answers <port>
  [[ "$(redis-cli -h "$HOST" -p "$1" ping 2>/dev/null)" == "PONG" ]]
}

cluster_ok() {
  local port
  for port in "${PORTS[@]}"; do
    redis-cli -h "$HOST" -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

start_node() { # start_node <port>
  local port="$1" dir="$STATE/$1"
  mkdir -p "$dir"
  # The hold and grant expiry listeners need expired-key events ("Ex"), as on the single
  # Redis; each node emits them for its own keys only, so the listeners subscribe to every
  # master. No persistence: a test cluster is created afresh after every stop.
  redis-server --bind "$HOST" --port "$port" --daemonize yes \
    --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout 3000 \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --notify-keyspace-events Ex --appendonly no --save ""
}

up() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null ||
    fail "redis-server and redis-cli are needed: apt-get install -y redis-server"
  if cluster_ok; then
    log "a Redis Cluster already answers on $HOST:${PORTS[0]}-${PORTS[5]}; reusing it"
    return
  fi
  local port
  for port in "${PORTS[@]}"; do
    node_answers "$port" && fail "$HOST:$port answers but is not part of a healthy cluster; stop it or set REDIS_CLUSTER_PORT"
  done
  rm -rf "$STATE"
  log "starting six Redis nodes on $HOST:${PORTS[0]}-${PORTS[5]}"
  for port in "${PORTS[@]}"; do start_node "$port"; done
  local deadline=$((SECONDS + 15))
  for port in "${PORTS[@]}"; do
    until node_answers "$port"; do
      ((SECONDS < deadline)) || fail "node $port did not start; see $STATE/$port/redis.log"
      sleep 0.2
    done
  done
  local nodes=()
  for port in "${PORTS[@]}"; do nodes+=("$HOST:$port"); done
  log "creating the cluster: three masters, one replica each"
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$STATE/create.log" 2>&1 ||
    fail "redis-cli --cluster create failed; see $STATE/create.log"
  deadline=$((SECONDS + 30))
  until cluster_ok; do
    ((SECONDS < deadline)) || fail "the cluster did not reach cluster_state:ok within 30 s"
    sleep 0.5
  done
  log "cluster_state:ok; REDIS_URL=$(url)"
}

our_pid() { # our_pid <port>: the pid of a node this script started, if it still runs
  local pidfile="$STATE/$1/redis.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "redis-server.*:$1" || return 1
  echo "$pid"
}

down() {
  local port pid stopped=0
  for port in "${PORTS[@]}"; do
    if pid="$(our_pid "$port")"; then
      redis-cli -h "$HOST" -p "$port" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
  done
  if ((stopped > 0)); then
    log "stopped $stopped Redis Cluster node(s)"
  else
    log "no Redis Cluster node started by this script is running"
  fi
}

status() {
  if cluster_ok; then
    log "cluster_state:ok on $HOST:${PORTS[0]}-${PORTS[5]}"
    redis-cli -h "$HOST" -p "${PORTS[0]}" cluster nodes 2>/dev/null |
      awk '{ split($2, address, "@"); printf "[redis-cluster]   %-16s %s\n", address[1], ($3 ~ /master/ ? "master " $9 : "replica") }' >&2
  else
    log "no healthy cluster on $HOST:${PORTS[0]}-${PORTS[5]}"
    exit 3
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  url) url ;;
  *)
    echo "usage: $0 up|down|status|url" >&2
    exit 2
    ;;
esac
