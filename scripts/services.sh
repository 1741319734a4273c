#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis, Kafka and Mailpit (the local SMTP server) answer on the
# configured URLs.
#
#   scripts/services.sh up       reuse what answers; else Docker Compose if an engine runs;
#                                else local servers (Debian packages, Kafka from Maven jars)
#   scripts/services.sh up --cluster
#                                the same, plus a local Redis Cluster of three masters and
#                                three replicas (scripts/redis-cluster.sh; its REDIS_URL is
#                                printed), beside the single Redis, which stays
#   scripts/services.sh up --monitoring
#                                the same, plus Prometheus, Alertmanager and Zipkin on
#                                loopback (scripts/monitoring.sh; the flags combine)
#   scripts/services.sh down     stop only what this script started
#   scripts/services.sh status   print what runs where
#
# Everything it starts listens on 127.0.0.1 and keeps its state under .services/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.services"
mkdir -p "$STATE"

# Same defaults as .env.example; a .env file, when present, overrides them.
source "$ROOT/scripts/lib/load-env.sh"
DATABASE_URL="${DATABASE_URL:-postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping}"
SHADOW_DATABASE_URL="${SHADOW_DATABASE_URL:-postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping_shadow}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"

log() { printf '[services] %s\n' "$*"; }
fail() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# --- URL parsing (node is required by the project anyway) -------------------------------
url_part() { # url_part <url> <host|port|user|password|db>
  node -e '
    const u = new URL(process.argv[1]);
    const defaults = { "postgresql:": "5432", "postgres:": "5432", "redis:": "6379", "rediss:": "6379" };
    const parts = {
      host: u.hostname, port: u.port || defaults[u.protocol] || "",
      user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
      db: u.pathname.replace(/^\//, ""),
    };
    process.stdout.write(parts[process.argv[2]] ?? "");
  ' "$1" "$2"
}

PG_HOST="$(url_part "$DATABASE_URL" host)"
PG_PORT="$(url_part "$DATABASE_URL" port)"
PG_USER="$(url_part "$DATABASE_URL" user)"
PG_PASSWORD="$(url_part "$DATABASE_URL" password)"
PG_DB="$(url_part "$DATABASE_URL" db)"
PG_SHADOW_DB="$(url_part "$SHADOW_DATABASE_URL" db)"
REDIS_HOST="$(url_part "$REDIS_URL" host)"
REDIS_PORT="$(url_part "$REDIS_URL" port)"
KAFKA_HOST="${KAFKA_BROKERS%%,*}"
KAFKA_PORT="${KAFKA_HOST##*:}"
KAFKA_HOST="${KAFKA_HOST%:*}"

[[ "$PG_DB" != "$PG_SHADOW_DB" ]] || fail "SHADOW_DATABASE_URL must name a different database than DATABASE_URL"

port_open() { # port_open <host> <port>
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

wait_for() { # wait_for <description> <seconds> <command...>
  local what="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
  log "$what is ready"
}

is_root() { [[ "$(id -u)" == "0" ]]; }

source "$ROOT/scripts/lib/apt-install.sh"

docker_engine_runs() {
  command -v docker >/dev/null && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

# --- PostgreSQL ---------------------------------------------------------------------------
pg_cluster() { # prints "<version> <cluster>" of the local Debian cluster on PG_PORT
  pg_lsclusters --no-header 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }'
}

pg_answers() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=2 psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_server_answers() {
  command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
}

pg_as_superuser() { # runs psql as the local postgres superuser (needs root)
  su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -Atq $(printf '%q ' "$@")"
}

pg_ensure_role_and_databases() {
  if ! pg_answers; then
    is_root || fail "PostgreSQL answers on $PG_HOST:$PG_PORT but not for user '$PG_USER'; create the role or fix DATABASE_URL"
    log "creating PostgreSQL role $PG_USER"
    pg_as_superuser -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
          CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
        END IF; END \$\$;"
  fi
  local db
  for db in "$PG_DB" "$PG_SHADOW_DB"; do
    if ! PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atqc \
      "select 1 from pg_database where datname = '$db'" | grep -q 1; then
      log "creating database $db"
      PGPASSWORD="$PG_PASSWORD" createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$db"
    fi
  done
}

postgres_up() {
  command -v psql >/dev/null || apt_install postgresql-client
  if pg_server_answers || { command -v psql >/dev/null && pg_answers; }; then
    log "PostgreSQL already answers on $PG_HOST:$PG_PORT; reusing it"
  else
    [[ "$PG_HOST" == "127.0.0.1" || "$PG_HOST" == "localhost" ]] ||
      fail "PostgreSQL does not answer at $PG_HOST:$PG_PORT and only a local one can be started"
    command -v pg_ctlcluster >/dev/null || apt_install postgresql postgresql-client
    is_root || fail "starting a local PostgreSQL needs root (or start one yourself and set DATABASE_URL)"
    local cluster
    cluster="$(pg_cluster)"
    if [[ -z "$cluster" ]]; then
      local version
      version="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR == 1 { print $1 }')"
      version="${version:-$(ls /usr/lib/postgresql | sort -n | tail -1)}"
      log "creating PostgreSQL $version cluster 'ticketping' on port $PG_PORT"
      pg_createcluster "$version" ticketping -p "$PG_PORT" >/dev/null
      cluster="$version ticketping"
    fi
    # shellcheck disable=SC2086
    set -- $cluster
    # Loopback only: the cluster is for this project's tests and demo.
    if [[ -d "/etc/postgresql/$1/$2/conf.d" ]]; then
      echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/$1/$2/conf.d/ticketping-loopback.conf"
    fi
    log "starting PostgreSQL cluster $1/$2"
    pg_ctlcluster "$1" "$2" start
    echo "$1 $2" >"$STATE/postgres.started"
    wait_for "PostgreSQL" 30 pg_server_answers || fail "PostgreSQL did not become ready; see /var/log/postgresql/"
  fi
  pg_ensure_role_and_databases
}

postgres_down() {
  if [[ -f "$STATE/postgres.started" ]]; then
    # shellcheck disable=SC2046
    set -- $(cat "$STATE/postgres.started")
    log "stopping PostgreSQL cluster $1/$2"
    pg_ctlcluster "$1" "$2" stop || true
    rm -f "$STATE/postgres.started"
  fi
}

# --- Redis --------------------------------------------------------------------------------
redis_answers() {
  if command -v redis-cli >/dev/null; then
    [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
  else
    port_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

redis_up() {
  if redis_answers; then
    log "Redis already answers on $REDIS_HOST:$REDIS_PORT; reusing it"
    # Hold and token expiry rely on expired-key events; make sure a reused server emits them.
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" config set notify-keyspace-events Ex >/dev/null 2>&1 ||
      log "WARNING: could not enable keyspace notifications (notify-keyspace-events Ex) on the reused Redis"
    return
  fi
  [[ "$REDIS_HOST" == "127.0.0.1" || "$REDIS_HOST" == "localhost" ]] ||
    fail "Redis does not answer at $REDIS_HOST:$REDIS_PORT and only a local one can be started"
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$STATE/redis"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$STATE/redis/redis.log" \
    --notify-keyspace-events Ex --appendonly yes --save ""
  touch "$STATE/redis.started"
  wait_for "Redis" 15 redis_answers || fail "Redis did not become ready; see $STATE/redis/redis.log"
}

redis_down() {
  if [[ -f "$STATE/redis.started" ]]; then
    log "stopping Redis"
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -f "$STATE/redis.started"
  fi
}

# --- Kafka --------------------------------------------------------------------------------
kafka_up() {
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "Kafka already answers on $KAFKA_HOST:$KAFKA_PORT; reusing it"
    return
  fi
  [[ "$KAFKA_HOST" == "127.0.0.1" || "$KAFKA_HOST" == "localhost" ]] ||
    fail "Kafka does not answer at $KAFKA_HOST:$KAFKA_PORT and only a local one can be started"
  # The broker runs on Java; Maven fetches its jars the first time.
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  KAFKA_PORT="$KAFKA_PORT" bash "$ROOT/scripts/kafka.sh" up
}

kafka_down() {
  bash "$ROOT/scripts/kafka.sh" down
}

# --- Docker Compose -----------------------------------------------------------------------
compose_up() {
  log "a Docker engine runs; starting postgres, redis and kafka with Docker Compose"
  docker compose -f "$ROOT/docker-compose.yml" up -d --wait postgres redis kafka mailpit
  touch "$STATE/compose.started"
}

compose_down() {
  if [[ -f "$STATE/compose.started" ]]; then
    docker compose -f "$ROOT/docker-compose.yml" stop postgres redis kafka mailpit || true
    rm -f "$STATE/compose.started"
  fi
}

status() {
  local state
  state="down"; pg_server_answers && state="up"
  printf '  %-13s %-5s %s\n' "PostgreSQL" "$state" "$PG_HOST:$PG_PORT databases $PG_DB, $PG_SHADOW_DB$([[ -f $STATE/postgres.started ]] && echo ' (started by us)')"
  state="down"; redis_answers && state="up"
  printf '  %-13s %-5s %s\n' "Redis" "$state" "$REDIS_HOST:$REDIS_PORT$([[ -f $STATE/redis.started ]] && echo ' (started by us)')"
  state="down"; port_open "$KAFKA_HOST" "$KAFKA_PORT" && state="up"
  printf '  %-13s %-5s %s\n' "Kafka" "$state" "$KAFKA_HOST:$KAFKA_PORT$([[ -f $STATE/kafka/kafka.pid ]] && echo ' (started by us)')"
  state="down"; bash "$ROOT/scripts/mailpit.sh" status 2>/dev/null && state="up"
  printf '  %-13s %-5s %s\n' "Mailpit" "$state" "inbox http://127.0.0.1:${MAILPIT_HTTP_PORT:-8025}, SMTP 127.0.0.1:${MAILPIT_SMTP_PORT:-1025}$([[ -f $STATE/mailpit/mailpit.pid ]] && echo ' (started by us)')"
  # Only when asked for or running: the cluster is optional.
  if [[ "${1:-}" == "--cluster" ]] || bash "$ROOT/scripts/redis-cluster.sh" status 2>/dev/null; then
    state="down"; bash "$ROOT/scripts/redis-cluster.sh" status 2>/dev/null && state="up"
    printf '  %-13s %-5s %s\n' "Redis Cluster" "$state" "REDIS_URL=$(bash "$ROOT/scripts/redis-cluster.sh" url)$(compgen -G "$STATE/redis-cluster/*/redis.pid" >/dev/null && echo ' (started by us)')"
  fi
  # The three-broker Kafka (scripts/kafka-cluster.sh, which starts and stops it): when it runs.
  if bash "$ROOT/scripts/kafka-cluster.sh" status 2>/dev/null; then
    printf '  %-13s %-5s %s\n' "Kafka cluster" "up" "KAFKA_BROKERS=$(bash "$ROOT/scripts/kafka-cluster.sh" url)"
  fi
  # Prometheus, Alertmanager and Zipkin (scripts/monitoring.sh): when asked for or running.
  if ((monitoring == 1)) || [[ -n "$(bash "$ROOT/scripts/monitoring.sh" urls)" ]]; then
    bash "$ROOT/scripts/monitoring.sh" status || true
  fi
}

cluster=""
monitoring=0
for flag in "${@:2}"; do
  case "$flag" in
    --cluster) cluster="--cluster" ;;
    --monitoring) monitoring=1 ;;
    *)
      echo "usage: $0 up|down|status [--cluster] [--monitoring]" >&2
      exit 2
      ;;
  esac
done

case "${1:-}" in
  up)
    if ! pg_server_answers && ! redis_answers && ! port_open "$KAFKA_HOST" "$KAFKA_PORT" && docker_engine_runs; then
      compose_up
    else
      postgres_up
      redis_up
      kafka_up
      bash "$ROOT/scripts/mailpit.sh" up
    fi
    [[ -z "$cluster" ]] || bash "$ROOT/scripts/redis-cluster.sh" up
    ((monitoring == 0)) || bash "$ROOT/scripts/monitoring.sh" up >/dev/null
    status "$cluster"
    ;;
  down)
    bash "$ROOT/scripts/monitoring.sh" down
    bash "$ROOT/scripts/redis-cluster.sh" down
    compose_down
    bash "$ROOT/scripts/mailpit.sh" down
    kafka_down
    redis_down
    postgres_down
    ;;
  status)
    status "$cluster"
    ;;
  *)
    echo "usage: $0 up|down|status [--cluster] [--monitoring]" >&2
    exit 2
    ;;
esac
