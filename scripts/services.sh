#!/usr/bin/env bash
# Starts, stops and reports the local services that tests and demos need:
#   Redis 6379, RabbitMQ 5672 (guest/guest), PostgreSQL 5432 (trust, db "test"),
#   ZooKeeper 2181 and Kafka 9092 (KRaft, controller 9093), a Redis Cluster of three
#   masters (7001-7003), and a Redis master 6380 + replica 6381 watched by three
#   Sentinels (26380-26382, master name "tradecoord"), all on 127.0.0.1.
#
# Usage: scripts/services.sh start|stop|restart|status [service...]
#        services: redis rabbitmq postgresql zookeeper kafka redis-cluster redis-sentinel
#        (default: all)
#        scripts/services.sh kill zookeeper|kafka   kill -9 (a crash, for fault tests); `start` brings it back
#
# - A service that already answers is used as it is, whoever started it.
# - A missing Redis/RabbitMQ/PostgreSQL server is installed from Debian packages.
# - ZooKeeper and Kafka run from Maven Central jars (scripts/services/*/pom.xml).
# - The Redis Cluster and the Sentinel set are redis-server processes of this script,
#   without persistence, made afresh when they are not all up and healthy.
# - `stop` stops only what this script started (pids and markers in .services/).
#
# Environment (defaults in brackets):
#   REDIS_PORT [6379] RABBITMQ_PORT [5672] POSTGRES_PORT [5432]
#   ZOOKEEPER_PORT [2181] KAFKA_PORT [9092] KAFKA_CONTROLLER_PORT [9093]
#   SERVICES_TIMEOUT [60]  readiness timeout in seconds, per service; each one
#   can be overridden: REDIS_TIMEOUT RABBITMQ_TIMEOUT POSTGRES_TIMEOUT
#   ZOOKEEPER_TIMEOUT KAFKA_TIMEOUT
#   SERVICES_FETCH_TIMEOUT [900]  bound on one Maven download of server jars
#   MVN [mvn]  the Maven command used for that download
# The probes below pass host/port to `bash -c '...'` as $0/$1 on purpose.
# shellcheck disable=SC2016
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd -P)"
STATE="$REPO/.services"

HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
ZOOKEEPER_PORT="${ZOOKEEPER_PORT:-2181}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"

SERVICES_TIMEOUT="${SERVICES_TIMEOUT:-60}"
REDIS_TIMEOUT="${REDIS_TIMEOUT:-$SERVICES_TIMEOUT}"
RABBITMQ_TIMEOUT="${RABBITMQ_TIMEOUT:-$SERVICES_TIMEOUT}"
POSTGRES_TIMEOUT="${POSTGRES_TIMEOUT:-$SERVICES_TIMEOUT}"
ZOOKEEPER_TIMEOUT="${ZOOKEEPER_TIMEOUT:-$SERVICES_TIMEOUT}"
KAFKA_TIMEOUT="${KAFKA_TIMEOUT:-$SERVICES_TIMEOUT}"
SERVICES_FETCH_TIMEOUT="${SERVICES_FETCH_TIMEOUT:-900}"
MVN="${MVN:-mvn}"

ALL_SERVICES=(redis rabbitmq postgresql zookeeper kafka redis-cluster redis-sentinel)
REDIS_CLUSTER_PORTS=(7001 7002 7003)
REDIS_SENTINEL_DATA_PORTS=(6380 6381)     # started as master, replica (a failover swaps them)
REDIS_SENTINEL_PORTS=(26380 26381 26382)
REDIS_SENTINEL_MASTER=tradecoord
export DEBIAN_FRONTEND=noninteractive   # CI=true, no stdin: never prompt

# ---------------------------------------------------------------- helpers

log()  { echo "services.sh: $*"; }
# fail <service> <message>: prints an error naming the service; returns 1 so the
# caller can `return` it and the remaining services are still handled.
fail() { echo "services.sh: ERROR: $1: $2" >&2; return 1; }

# wait_until <timeout-seconds> <description> <command...>
# Runs the command every 0.2 s until it succeeds (0). Exit status 2 from the
# command means "will never be ready" (e.g. the process died): stop at once.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout )) rc
  while :; do
    rc=0; "$@" || rc=$?
    [ "$rc" -eq 0 ] && return 0
    [ "$rc" -eq 2 ] && { echo "services.sh: gave up waiting for $what" >&2; return 1; }
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "services.sh: timed out after ${timeout}s waiting for $what" >&2
      return 1
    fi
    sleep 0.2
  done
}

# Plain bash TCP probes (no client tools needed, each bounded to 2-3 s).
tcp_open() { timeout 2 bash -c ': <>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null; }

redis_ping() {  # PING -> +PONG
  local reply
  reply="$(timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"; printf "PING\r\n" >&3
                              IFS= read -r -t 2 line <&3; printf %s "$line"' \
           "$HOST" "$REDIS_PORT" 2>/dev/null)" || return 1
  [ "${reply%$'\r'}" = "+PONG" ]
}

amqp_ready() {  # AMQP 0-9-1 protocol header -> server answers with a method frame (type 1)
  local first
  first="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"; printf "AMQP\0\0\11\1" >&3
                              head -c 1 <&3 | od -An -tx1' \
           "$HOST" "$RABBITMQ_PORT" 2>/dev/null)" || return 1
  [ "${first// /}" = "01" ]
}

zk_ruok() {  # ZooKeeper four-letter word: ruok -> imok
  local reply
  reply="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"; printf ruok >&3; head -c 4 <&3' \
           "$HOST" "$ZOOKEEPER_PORT" 2>/dev/null)" || true
  [ "$reply" = "imok" ]
}

pg_ready()   { pg_isready -q -h "$HOST" -p "$POSTGRES_PORT" -t 2 2>/dev/null; }
pg_test_db() { psql -h "$HOST" -p "$POSTGRES_PORT" -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; }

# Pid of a java server this script started: the pid file, if that process still
# runs with our config file on its command line (a recycled pid is not mistaken);
# else a java process that runs with our config file although its pid file is gone
# (left by an interrupted run), which is then adopted so `stop` can stop it.
our_pid() {  # our_pid <name> <config-file>
  local pidfile="$STATE/$1.pid" pid
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2"; then
      echo "$pid"; return 0
    fi
    rm -f "$pidfile"   # stale
  fi
  pid="$(java_pids_with "$2" | head -n 1)"
  [ -n "$pid" ] || return 1
  echo "$pid" >"$pidfile"
  echo "$pid"
}

# Pids of running java processes whose command line contains <file>. The glob is
# expanded before the loop starts any grep, so no grep of ours is listed.
java_pids_with() {  # java_pids_with <file>
  local f pid
  for f in /proc/[0-9]*/cmdline; do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] || continue
    tr '\0' ' ' 2>/dev/null <"$f" | grep -qF -- "$1" && echo "$pid"
  done
  return 0
}

# start_java <name> <log-file> <java arguments...>: starts a java server in a session
# of its own (it outlives this script). The child records its own pid and then execs
# java, so the pid stays the same and the pid file only ever names a process whose
# command line carries the server's config file: before, the file held $! while that
# child had not exec'd yet, and the first readiness check took the server for dead.
# 9>&-: the server must not inherit the lock fd, or it would hold the lock forever.
start_java() {
  local name="$1" logfile="$2" pidfile="$STATE/$1.pid"; shift 2
  rm -f "$pidfile" "$pidfile.tmp"
  setsid nohup bash -c 'echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec java "$@"' "$pidfile" "$@" \
    </dev/null >"$logfile" 2>&1 9>&- &
  wait_until 10 "$name to record its pid" test -s "$pidfile"
}

# stop_pid <name> <pid> [pid-file]: TERM, up to 20 s for a clean shutdown, then KILL;
# removes the pid file (default .services/<name>.pid).
stop_pid() {
  local name="$1" pid="$2" pidfile="${3:-$STATE/$1.pid}" i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop within 20s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  log "$name stopped (pid $pid)"
}

APT_UPDATED=
apt_install() {  # apt_install <service> <package>: `apt-get update` at most once per run
  local svc="$1" pkg="$2"
  [ "$(id -u)" -eq 0 ] || { fail "$svc" "$pkg is not installed and installing it needs root"; return 1; }
  log "$svc: installing Debian package $pkg"
  if [ -z "$APT_UPDATED" ]; then
    timeout 600 apt-get update -qq </dev/null || { fail "$svc" "apt-get update failed"; return 1; }
    APT_UPDATED=1
  fi
  timeout 900 apt-get install -y -qq "$pkg" </dev/null 9>&- \
    || { fail "$svc" "apt-get install $pkg failed"; return 1; }
}

# fetch_jars <name>: copies the jars listed in scripts/services/<name>/pom.xml
# into .services/<name>/lib, once per version of that pom (its checksum is kept
# in lib/). Goes through a temp dir so an interrupted download is never
# mistaken for a complete one.
fetch_jars() {
  local name="$1" lib="$STATE/$1/lib" pom="$SCRIPT_DIR/services/$1/pom.xml" sum
  sum="$(sha1sum "$pom" | cut -d' ' -f1)"
  if [ "$(cat "$lib/.pom.sha1" 2>/dev/null)" = "$sum" ]; then return 0; fi
  log "$name: downloading server jars from Maven Central (once)"
  rm -rf "$lib.tmp"
  if ! timeout "$SERVICES_FETCH_TIMEOUT" "$MVN" -B -q -f "$pom" \
        dependency:copy-dependencies -DoutputDirectory="$lib.tmp" \
        </dev/null >"$STATE/$name/fetch.log" 2>&1; then
    tail -n 20 "$STATE/$name/fetch.log" >&2
    fail "$name" "could not download its jars with Maven (see $STATE/$name/fetch.log)"
    return 1
  fi
  echo "$sum" >"$lib.tmp/.pom.sha1"
  rm -rf "$lib" && mv "$lib.tmp" "$lib"
}

# ---------------------------------------------------------------- Redis

redis_start() {
  if redis_ping; then return 0; fi
  if tcp_open "$REDIS_PORT"; then
    fail redis "port $HOST:$REDIS_PORT is in use but does not answer PING"; return 1
  fi
  command -v redis-server >/dev/null || apt_install redis redis-server || return 1
  log "redis: starting on $HOST:$REDIS_PORT"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log </dev/null >/dev/null 9>&- \
    || { fail redis "redis-server did not start (see /var/log/redis/ci.log)"; return 1; }
  touch "$STATE/redis.started"
  wait_until "$REDIS_TIMEOUT" "redis to answer PING" redis_ping \
    || { fail redis "not ready (see /var/log/redis/ci.log)"; return 1; }
}

redis_stop() {
  [ -f "$STATE/redis.started" ] || { log "redis: not started by this script, left as it is"; return 0; }
  if redis_ping; then
    redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    wait_until 20 "redis to stop" redis_port_closed \
      || { fail redis "did not stop"; return 1; }
    log "redis stopped"
  fi
  rm -f "$STATE/redis.started"
}

redis_status() { redis_ping; }
redis_port_closed() { ! tcp_open "$REDIS_PORT"; }

# ---------------------------------------------------------------- RabbitMQ

rabbitmq_start() {
  if amqp_ready; then return 0; fi
  if tcp_open "$RABBITMQ_PORT"; then
    # A node that is still booting or overloaded answers late: give it its timeout, then
    # restart its application once (a wedged node otherwise fails every AMQP test).
    wait_until "$RABBITMQ_TIMEOUT" "the node on $HOST:$RABBITMQ_PORT to answer AMQP" amqp_ready && return 0
    if command -v rabbitmqctl >/dev/null; then
      log "rabbitmq: port $HOST:$RABBITMQ_PORT open but silent; restarting the node's application"
      timeout 120 rabbitmqctl stop_app </dev/null >/dev/null 2>&1 || true
      timeout 120 rabbitmqctl start_app </dev/null >/dev/null 2>&1 || true
      wait_until "$RABBITMQ_TIMEOUT" "rabbitmq to accept AMQP on $HOST:$RABBITMQ_PORT" amqp_ready && return 0
    fi
    fail rabbitmq "port $HOST:$RABBITMQ_PORT is in use but does not speak AMQP"; return 1
  fi
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq rabbitmq-server || return 1
  log "rabbitmq: starting on $HOST:$RABBITMQ_PORT"
  # Loopback only: AMQP listener and the Erlang port mapper.
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBITMQ_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
    rabbitmq-server -detached </dev/null >/dev/null 2>&1 9>&- \
    || { fail rabbitmq "rabbitmq-server -detached failed (see /var/log/rabbitmq/)"; return 1; }
  touch "$STATE/rabbitmq.started"
  timeout "$RABBITMQ_TIMEOUT" rabbitmqctl await_startup </dev/null >/dev/null 2>&1 \
    || { fail rabbitmq "not started after ${RABBITMQ_TIMEOUT}s (see /var/log/rabbitmq/)"; return 1; }
  wait_until "$RABBITMQ_TIMEOUT" "rabbitmq to accept AMQP on $HOST:$RABBITMQ_PORT" amqp_ready \
    || { fail rabbitmq "not ready (see /var/log/rabbitmq/)"; return 1; }
}

rabbitmq_stop() {
  [ -f "$STATE/rabbitmq.started" ] || { log "rabbitmq: not started by this script, left as it is"; return 0; }
  timeout 60 rabbitmqctl stop </dev/null >/dev/null 2>&1 || true
  if amqp_ready; then fail rabbitmq "did not stop"; return 1; fi
  rm -f "$STATE/rabbitmq.started"
  log "rabbitmq stopped"
}

rabbitmq_status() { amqp_ready; }

# ---------------------------------------------------------------- PostgreSQL

pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }

# Only for a server this script has just installed: the same setup as the
# machine's own (127.0.0.1 only, trust auth), which Debian's defaults are not.
pg_configure_fresh_install() {
  local ver="$1" conf="/etc/postgresql/$1/main"
  [ -d "$conf" ] || pg_createcluster "$ver" main >/dev/null
  mkdir -p "$conf/conf.d"
  printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$POSTGRES_PORT" >"$conf/conf.d/90-services.conf"
  { printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n'; cat "$conf/pg_hba.conf"; } \
    >"$conf/pg_hba.conf.new" && mv "$conf/pg_hba.conf.new" "$conf/pg_hba.conf"
}

postgresql_start() {
  if ! pg_ready; then
    local installed_now=
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(pg_version)" ]; then
      apt_install postgresql postgresql || return 1
      installed_now=1
    fi
    local ver; ver="$(pg_version)"
    [ -n "$installed_now" ] && pg_configure_fresh_install "$ver"
    log "postgresql: starting cluster $ver/main on $HOST:$POSTGRES_PORT"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start </dev/null 9>&- \
      || { fail postgresql "pg_ctlcluster $ver main start failed (see /var/log/postgresql/)"; return 1; }
    touch "$STATE/postgresql.started"
    wait_until "$POSTGRES_TIMEOUT" "postgresql on $HOST:$POSTGRES_PORT" pg_ready \
      || { fail postgresql "not ready (see /var/log/postgresql/)"; return 1; }
  fi
  # Tests expect a database named "test".
  if ! pg_test_db; then
    log "postgresql: creating database test"
    createdb -h "$HOST" -p "$POSTGRES_PORT" -U postgres test </dev/null \
      || { fail postgresql "could not create database test"; return 1; }
  fi
}

postgresql_stop() {
  [ -f "$STATE/postgresql.started" ] || { log "postgresql: not started by this script, left as it is"; return 0; }
  pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main stop </dev/null || true
  if pg_ready; then fail postgresql "did not stop"; return 1; fi
  rm -f "$STATE/postgresql.started"
  log "postgresql stopped"
}

postgresql_status() { pg_ready && pg_test_db; }

# ---------------------------------------------------------------- Redis Cluster and Sentinel
# redis-server processes of this script: each in .services/<set>/<port>/ with its pid file
# (written by redis itself), log and data; no persistence.

redis_port_ping() {  # redis_port_ping <port>
  [ "$(timeout 2 redis-cli -h "$HOST" -p "$1" ping 2>/dev/null)" = PONG ]
}

# Pid of our redis-server on <port> of <set>, if it runs (its command line names the port).
redis_our_pid() {  # redis_our_pid <set> <port>
  local pidfile="$STATE/$1/$2/redis.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- ":$2"; then
    echo "$pid"
  else
    rm -f "$pidfile"
    return 1
  fi
}

# redis_spawn <set> <port> [redis-server arguments...]: a daemonized redis-server of ours,
# ready (PING) on return. A sentinel gets its config file as the first argument.
redis_spawn() {
  local set="$1" port="$2" dir; shift 2
  dir="$STATE/$set/$port"
  mkdir -p "$dir"
  if tcp_open "$port"; then fail "$set" "port $HOST:$port is already in use"; return 1; fi
  redis-server "$@" --port "$port" --bind "$HOST" --daemonize yes --pidfile "$dir/redis.pid" \
    --dir "$dir" --logfile "$dir/redis.log" </dev/null >/dev/null 2>&1 9>&- \
    || { fail "$set" "redis-server on port $port did not start (see $dir/redis.log)"; return 1; }
  wait_until 20 "$set: redis on $HOST:$port" redis_port_ping "$port" \
    || { tail -n 20 "$dir/redis.log" >&2; fail "$set" "redis on port $port not ready (see $dir/redis.log)"; return 1; }
  wait_until 10 "$set: the pid file of port $port" redis_our_pid "$set" "$port" >/dev/null
}

redis_set_stop() {  # redis_set_stop <set> <port...>: stops our processes of a set
  local set="$1" port pid; shift
  for port in "$@"; do
    if pid="$(redis_our_pid "$set" "$port")"; then
      stop_pid "$set: redis on port $port" "$pid" "$STATE/$set/$port/redis.pid"
    fi
  done
}

redis_cluster_ok() {
  local port
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    timeout 2 redis-cli -h "$HOST" -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

redis-cluster_status() { redis_cluster_ok; }

redis-cluster_start() {
  if redis_cluster_ok; then return 0; fi
  command -v redis-server >/dev/null || apt_install redis-cluster redis-server || return 1
  redis_set_stop redis-cluster "${REDIS_CLUSTER_PORTS[@]}"
  rm -rf "$STATE/redis-cluster"
  local port nodes=()
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    redis_spawn redis-cluster "$port" --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 2000 --save "" --appendonly no || return 1
    nodes+=("$HOST:$port")
  done
  log "redis-cluster: creating a cluster of ${nodes[*]}"
  timeout 60 redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes \
    </dev/null >"$STATE/redis-cluster/create.log" 2>&1 \
    || { tail -n 20 "$STATE/redis-cluster/create.log" >&2; fail redis-cluster "redis-cli --cluster create failed"; return 1; }
  wait_until 30 "redis-cluster: cluster_state:ok on every node" redis_cluster_ok \
    || { fail redis-cluster "the cluster did not become ok"; return 1; }
}

redis-cluster_stop() { redis_set_stop redis-cluster "${REDIS_CLUSTER_PORTS[@]}"; }

redis_sentinel_ok() {
  local port reply master
  for port in "${REDIS_SENTINEL_DATA_PORTS[@]}"; do redis_port_ping "$port" || return 1; done
  for port in "${REDIS_SENTINEL_PORTS[@]}"; do
    reply="$(timeout 2 redis-cli -h "$HOST" -p "$port" sentinel master "$REDIS_SENTINEL_MASTER" 2>/dev/null | tr '\n' ' ')" || return 1
    # every sentinel sees the other two, and sees the master up
    [[ "$reply" == *"num-other-sentinels 2 "* ]] || return 1
    [[ "$reply" == *"flags master "* ]] || return 1
  done
  # the master has its replica online
  master="$(timeout 2 redis-cli -h "$HOST" -p "${REDIS_SENTINEL_PORTS[0]}" sentinel get-master-addr-by-name "$REDIS_SENTINEL_MASTER" 2>/dev/null | sed -n 2p)"
  [ -n "$master" ] && timeout 2 redis-cli -h "$HOST" -p "$master" info replication 2>/dev/null | grep -q 'state=online'
}

redis-sentinel_status() { redis_sentinel_ok; }

redis-sentinel_start() {
  if redis_sentinel_ok; then return 0; fi
  command -v redis-server >/dev/null || apt_install redis-sentinel redis-server || return 1
  redis-sentinel_stop
  rm -rf "$STATE/redis-sentinel"
  local master="${REDIS_SENTINEL_DATA_PORTS[0]}" replica="${REDIS_SENTINEL_DATA_PORTS[1]}" port conf
  redis_spawn redis-sentinel "$master" --save "" --appendonly no || return 1
  redis_spawn redis-sentinel "$replica" --save "" --appendonly no --replicaof "$HOST" "$master" || return 1
  for port in "${REDIS_SENTINEL_PORTS[@]}"; do
    conf="$STATE/redis-sentinel/$port/sentinel.conf"
    mkdir -p "$(dirname "$conf")"
    # a sentinel rewrites its config file: a new one at each start
    printf '%s\n' "sentinel monitor $REDIS_SENTINEL_MASTER $HOST $master 2" \
      "sentinel down-after-milliseconds $REDIS_SENTINEL_MASTER 1000" \
      "sentinel failover-timeout $REDIS_SENTINEL_MASTER 10000" \
      "sentinel parallel-syncs $REDIS_SENTINEL_MASTER 1" >"$conf"
    redis_spawn redis-sentinel "$port" "$conf" --sentinel || return 1
  done
  log "redis-sentinel: master $HOST:$master, replica $HOST:$replica, sentinels on ${REDIS_SENTINEL_PORTS[*]}"
  wait_until 30 "redis-sentinel: the sentinels to know each other and the replica to be online" redis_sentinel_ok \
    || { fail redis-sentinel "the sentinel set did not become healthy"; return 1; }
}

redis-sentinel_stop() {
  redis_set_stop redis-sentinel "${REDIS_SENTINEL_PORTS[@]}" "${REDIS_SENTINEL_DATA_PORTS[@]}"
}

# ---------------------------------------------------------------- ZooKeeper

ZK_DIR="$STATE/zookeeper"
ZK_CFG="$ZK_DIR/zoo.cfg"

zookeeper_start() {
  if zk_ruok; then return 0; fi
  local pid
  if pid="$(our_pid zookeeper "$ZK_CFG")"; then
    # Ours and running but not answering yet: give it time, else start afresh.
    wait_until "$ZOOKEEPER_TIMEOUT" "zookeeper to answer ruok on $HOST:$ZOOKEEPER_PORT" zookeeper_ready && return 0
    stop_pid zookeeper "$pid"
  fi
  if tcp_open "$ZOOKEEPER_PORT"; then
    fail zookeeper "port $HOST:$ZOOKEEPER_PORT is in use but does not answer ruok"; return 1
  fi
  mkdir -p "$ZK_DIR/data"
  fetch_jars zookeeper || return 1
  cat >"$ZK_CFG" <<EOF
tickTime=2000
maxSessionTimeout=60000
dataDir=$ZK_DIR/data
clientPort=$ZOOKEEPER_PORT
clientPortAddress=$HOST
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr
EOF
  log "zookeeper: starting on $HOST:$ZOOKEEPER_PORT"
  # The admin server (Jetty, port 8080 on all interfaces) is off; IPv4 only, so the
  # socket is a plain 127.0.0.1 one (not an IPv4-mapped [::ffff:127.0.0.1]).
  start_java zookeeper "$ZK_DIR/server.log" -Xmx128m -Djava.net.preferIPv4Stack=true -Dzookeeper.admin.enableServer=false \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -cp "$ZK_DIR/lib/*" org.apache.zookeeper.server.ZooKeeperServerMain "$ZK_CFG" \
    || { fail zookeeper "the server did not start"; return 1; }
  wait_until "$ZOOKEEPER_TIMEOUT" "zookeeper to answer ruok on $HOST:$ZOOKEEPER_PORT" zookeeper_ready \
    || { tail -n 20 "$ZK_DIR/server.log" >&2; fail zookeeper "not ready (see $ZK_DIR/server.log)"; return 1; }
}

zookeeper_ready() {
  our_pid zookeeper "$ZK_CFG" >/dev/null || { echo "services.sh: zookeeper: the server process exited" >&2; return 2; }
  zk_ruok
}

zookeeper_stop() {
  local pid
  if pid="$(our_pid zookeeper "$ZK_CFG")"; then stop_pid zookeeper "$pid"
  elif zk_ruok; then log "zookeeper: not started by this script, left as it is"
  fi
}

zookeeper_status() { zk_ruok; }

# ---------------------------------------------------------------- Kafka (KRaft)

KAFKA_DIR="$STATE/kafka"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_LOG4J="$KAFKA_DIR/log4j2.properties"

kafka_write_config() {
  cat >"$KAFKA_PROPS" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=4
auto.create.topics.enable=true
# The default 128 MiB dedupe buffer does not fit in a 256 MiB heap.
log.cleaner.dedupe.buffer.size=8388608
EOF
  # Without a config log4j2 prints errors only; INFO is needed for "Kafka Server started".
  cat >"$KAFKA_LOG4J" <<'EOF'
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
EOF
}

kafka_java() {
  java -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$KAFKA_DIR/lib/*" "$@"
}

# Formats the log dir once (single-node dynamic quorum) with a new cluster id.
kafka_format() {
  [ -f "$KAFKA_DIR/data/meta.properties" ] && return 0
  local id=
  # 16 random bytes, base64url without padding (22 chars); avoid a leading "-",
  # which the command line would read as an option.
  while [ -z "$id" ] || [ "${id:0:1}" = "-" ]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  log "kafka: formatting $KAFKA_DIR/data (cluster id $id)"
  kafka_java -Xmx256m kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" --standalone \
    </dev/null >"$KAFKA_DIR/format.log" 2>&1 \
    || { tail -n 20 "$KAFKA_DIR/format.log" >&2; fail kafka "formatting the log dir failed (see $KAFKA_DIR/format.log)"; return 1; }
}

kafka_start() {
  local pid
  if pid="$(our_pid kafka "$KAFKA_PROPS")"; then
    # Ours and running: ready, or still starting (e.g. a start that timed out).
    wait_until "$KAFKA_TIMEOUT" "kafka on $HOST:$KAFKA_PORT" kafka_ready && return 0
    stop_pid kafka "$pid"   # hung: start afresh
  elif tcp_open "$KAFKA_PORT"; then
    return 0                # someone else's Kafka: use it
  fi
  if tcp_open "$KAFKA_CONTROLLER_PORT"; then
    fail kafka "controller port $HOST:$KAFKA_CONTROLLER_PORT is already in use"; return 1
  fi
  mkdir -p "$KAFKA_DIR/data"
  fetch_jars kafka || return 1
  kafka_write_config
  kafka_format || return 1
  log "kafka: starting on $HOST:$KAFKA_PORT (controller $HOST:$KAFKA_CONTROLLER_PORT)"
  start_java kafka "$KAFKA_DIR/server.log" -Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$KAFKA_DIR/lib/*" kafka.Kafka "$KAFKA_PROPS" \
    || { fail kafka "the server did not start"; return 1; }
  wait_until "$KAFKA_TIMEOUT" "kafka on $HOST:$KAFKA_PORT" kafka_ready \
    || { tail -n 20 "$KAFKA_DIR/server.log" >&2; fail kafka "not ready (see $KAFKA_DIR/server.log)"; return 1; }
}

# Ready = the port accepts connections and the broker logged its start
# (the log is truncated at each start, so the line is from this run).
kafka_ready() {
  our_pid kafka "$KAFKA_PROPS" >/dev/null || { echo "services.sh: kafka: the server process exited" >&2; return 2; }
  tcp_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$KAFKA_DIR/server.log"
}

kafka_stop() {
  local pid
  if pid="$(our_pid kafka "$KAFKA_PROPS")"; then stop_pid kafka "$pid"
  elif tcp_open "$KAFKA_PORT"; then log "kafka: not started by this script, left as it is"
  fi
}

kafka_status() {
  if our_pid kafka "$KAFKA_PROPS" >/dev/null; then kafka_ready; else tcp_open "$KAFKA_PORT"; fi
}

# ---------------------------------------------------------------- commands

address_of() {
  case "$1" in
    redis) echo "$HOST:$REDIS_PORT" ;;
    rabbitmq) echo "$HOST:$RABBITMQ_PORT" ;;
    postgresql) echo "$HOST:$POSTGRES_PORT" ;;
    zookeeper) echo "$HOST:$ZOOKEEPER_PORT" ;;
    kafka) echo "$HOST:$KAFKA_PORT" ;;
    redis-cluster) echo "$HOST:7001-7003" ;;
    redis-sentinel) echo "$HOST:26380-2" ;;
  esac
}

# Who started a service: this script (pid file or marker) or someone else.
origin_of() {
  local pid
  case "$1" in
    zookeeper) pid="$(our_pid zookeeper "$ZK_CFG")" && { echo "started by services.sh (pid $pid)"; return; } ;;
    kafka)     pid="$(our_pid kafka "$KAFKA_PROPS")" && { echo "started by services.sh (pid $pid)"; return; } ;;
    redis-cluster)  redis_our_pid redis-cluster "${REDIS_CLUSTER_PORTS[0]}" >/dev/null && { echo "started by services.sh"; return; } ;;
    redis-sentinel) redis_our_pid redis-sentinel "${REDIS_SENTINEL_PORTS[0]}" >/dev/null && { echo "started by services.sh"; return; } ;;
    *)         [ -f "$STATE/$1.started" ] && { echo "started by services.sh"; return; } ;;
  esac
  echo "not started by services.sh"
}

status_line() {  # status_line <service> up|down
  printf '%-14s %-16s %-5s %s\n' "$1" "$(address_of "$1")" "$2" "$(origin_of "$1")"
}

cmd_status() {
  local svc all_up=0
  for svc in "$@"; do
    if "${svc}_status"; then status_line "$svc" up; else status_line "$svc" down; all_up=1; fi
  done
  return "$all_up"
}

cmd_start() {
  local svc failed=()
  for svc in "$@"; do
    # A start function returns 0 only once its service answers, so no re-check here.
    if "${svc}_start"; then status_line "$svc" up; else failed+=("$svc"); fi
  done
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "services.sh: ERROR: failed to start: ${failed[*]}" >&2
    return 1
  fi
}

cmd_stop() {
  local svc failed=() i
  for (( i=$#; i>=1; i-- )); do   # reverse order
    svc="${!i}"
    "${svc}_stop" || failed+=("$svc")
  done
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "services.sh: ERROR: failed to stop: ${failed[*]}" >&2
    return 1
  fi
}

usage() {
  echo "usage: $0 start|stop|restart|status [${ALL_SERVICES[*]}]  |  $0 kill zookeeper|kafka" >&2
  exit 2
}

# kill -9 one of the Java servers this script runs: a crash, with no chance to flush or deregister
cmd_kill() {
  local svc pid cfg
  for svc in "$@"; do
    case "$svc" in
      zookeeper) cfg=$ZK_CFG ;;
      kafka) cfg=$KAFKA_PROPS ;;
      *) echo "services.sh: kill works on zookeeper and kafka, not $svc" >&2; return 2 ;;
    esac
    pid="$(our_pid "$svc" "$cfg")" || { echo "services.sh: ERROR: $svc: not started by this script, not killed" >&2; return 1; }
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$STATE/$svc.pid"
    log "$svc killed (pid $pid)"
  done
}

main() {
  [ $# -ge 1 ] || usage
  local cmd="$1"; shift
  case "$cmd" in start|stop|restart|status|kill) ;; *) usage ;; esac
  local svc services=("$@")
  [ ${#services[@]} -gt 0 ] || services=("${ALL_SERVICES[@]}")
  for svc in "${services[@]}"; do
    case " ${ALL_SERVICES[*]} " in *" $svc "*) ;; *) echo "services.sh: unknown service: $svc" >&2; usage ;; esac
  done

  mkdir -p "$STATE"
  if [ "$cmd" != status ]; then
    # One start/stop at a time (e.g. two test runs starting services together).
    # Servers started below close fd 9 (9>&-) so they do not keep holding it.
    exec 9>"$STATE/lock"
    flock -w 900 9 || { echo "services.sh: ERROR: another services.sh holds $STATE/lock" >&2; exit 1; }
  fi

  case "$cmd" in
    start)   cmd_start "${services[@]}" ;;
    stop)    cmd_stop "${services[@]}" ;;
    restart) cmd_stop "${services[@]}" && cmd_start "${services[@]}" ;;
    kill)    cmd_kill "${services[@]}" ;;
    status)  cmd_status "${services[@]}" ;;
  esac
}

main "$@"
