#!/usr/bin/env bash
# Runs the EAR on two (or more) application-server nodes at once on this machine: the shape the coordination
# library exists for. The nodes share one PostgreSQL database (their default datasource) and the configured lock
# and bus backends, which must already run (scripts/services.sh start). Everything binds to 127.0.0.1.
#
#   scripts/cluster.sh start [options]   starts the nodes one after the other, each deployed and answering
#   scripts/cluster.sh stop              stops every node this script started, by pid
#   scripts/cluster.sh status            one line per node
#   scripts/cluster.sh pid N             the JVM pid of node N
#   scripts/cluster.sh kill N            kill -9 node N (a crash)
#   scripts/cluster.sh pause N|resume N  SIGSTOP / SIGCONT node N's JVM (a stop-the-world pause)
#   scripts/cluster.sh restart N         starts node N again, as it was configured, and waits until it answers
#   scripts/cluster.sh log N             the path of node N's server log
#
# start options:
#   --shape wildfly      N WildFly 39 nodes, each with the whole EAR (default); node n listens on 8080 + 100 n
#   --shape payara       node 1: Payara Server 6 with the whole EAR (8180); node 2: the order module's WAR alone on
#                        Payara Micro (8280), a second node of that module
#   --nodes N            WildFly nodes (default 2)
#   --locks B            lock backend: local, redis, zookeeper (default redis)
#   --bus B              bus backend: local, rabbitmq, kafka (default kafka)
#   --ear FILE           the EAR to deploy (default ear/target/tradecoord.ear, built when missing)
#   --db NAME            PostgreSQL database on 127.0.0.1:5432, dropped and made afresh (default tradecoord_cluster)
#   --set key=value      a MicroProfile Config property for every node (repeatable), e.g. --set order.payment-timeout=PT1M
#
# State, logs and server copies live in ear/target/cluster/ (node n: ear/target/cluster/node<n>/, its log under
# log/server.log for WildFly). The servers come from Maven Central through the ear build. What the nodes declare on the
# brokers (Kafka topics, RabbitMQ queues) stays after stop, as a real deployment's would.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Bearer tokens (MicroProfile JWT): unless set already, the server trusts the DEVELOPMENT key pair in scripts/dev-jwt,
# whose tokens scripts/token.sh mints. Never use that pair where it matters: its private key is in this repository.
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-file:$root/scripts/dev-jwt/public-key.pem}
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-tradecoord-dev}
state=$root/ear/target/cluster
conf=$state/cluster.conf
MVN=${MVN:-mvn}
wildfly_version=39.0.1.Final

die() { echo "cluster.sh: $*" >&2; exit 1; }
log() { echo "cluster.sh: $*"; }
mvn_quiet() { (cd "$root" && "$MVN" -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'); }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_port() { echo $((8080 + 100 * $1)); }

# ------------------------------------------------------------------ configuration kept between commands

save_conf() {
  mkdir -p "$state"
  {
    printf 'shape=%q\nnodes=%q\nlocks=%q\nbus=%q\near=%q\ndb=%q\n' "$shape" "$nodes" "$locks" "$bus" "$ear" "$db"
    printf 'props=(%s)\n' "$(printf '%q ' "${props[@]}")"
  } > "$conf"
}

load_conf() {
  [ -f "$conf" ] || die "no cluster was started from this checkout (no $conf)"
  # shellcheck disable=SC1090
  source "$conf"
}

node_dir() { echo "$state/node$1"; }
node_pid() {
  local f
  f="$(node_dir "$1")/pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

# the node's kind: wildfly, payara-server or payara-micro
node_kind() {
  if [ "$shape" = wildfly ]; then echo wildfly
  elif [ "$1" = 1 ]; then echo payara-server
  else echo payara-micro
  fi
}

# -D options: the backends, the database, and every --set
config_args() {
  local p
  echo "-Dcoordination.lock.backend=$locks"
  echo "-Dcoordination.bus.backend=$bus"
  for p in "${props[@]}"; do echo "-D$p"; done
}

# ------------------------------------------------------------------ checks before start

require_services() {
  local missing=()
  listening 5432 || missing+=("PostgreSQL (5432)")
  case "$locks" in
    redis) listening 6379 || missing+=("Redis (6379)") ;;
    zookeeper) listening 2181 || missing+=("ZooKeeper (2181)") ;;
    local) ;;
    *) die "unknown lock backend '$locks': local, redis or zookeeper" ;;
  esac
  case "$bus" in
    kafka) listening 9092 || missing+=("Kafka (9092)") ;;
    rabbitmq) listening 5672 || missing+=("RabbitMQ (5672)") ;;
    local) ;;
    *) die "unknown bus backend '$bus': local, rabbitmq or kafka" ;;
  esac
  [ ${#missing[@]} -eq 0 ] || die "not running: ${missing[*]}; start them first (scripts/services.sh start)"
}

fresh_database() {
  PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
       -c "CREATE DATABASE $db" >/dev/null || die "could not make database $db afresh on 127.0.0.1:5432"
}

# ------------------------------------------------------------------ WildFly

wildfly_home() { echo "$state/wildfly-$wildfly_version"; }

# One WildFly installation, configured once: OpenAPI, a PostgreSQL driver module and a datasource as the EE
# default. Each node runs it with a base directory of its own (configuration, deployments, data, log).
provision_wildfly() {
  local home
  home=$(wildfly_home)
  if [ ! -d "$home" ]; then
    log "unpacking WildFly $wildfly_version into $state"
    mvn_quiet -pl ear dependency:unpack@cluster-wildfly >/dev/null || die "unpacking WildFly failed"
  fi
  if [ ! -f "$home/.tradecoord-cluster" ]; then
    mvn_quiet -pl ear dependency:copy@copy-jdbc-driver >/dev/null || die "fetching the PostgreSQL driver failed"
    mkdir -p "$home/modules/org/postgresql/main"
    cp "$root/ear/target/jdbc/postgresql.jar" "$home/modules/org/postgresql/main/"
    cp "$root/scripts/wildfly/postgresql-module.xml" "$home/modules/org/postgresql/main/module.xml"
    "$home/bin/jboss-cli.sh" --file="$root/scripts/wildfly/tradecoord.cli" >/dev/null || die "configuring WildFly failed"
    "$home/bin/jboss-cli.sh" --file="$root/scripts/wildfly/cluster-datasource.cli" >/dev/null || die "configuring WildFly's datasource failed"
    touch "$home/.tradecoord-cluster"
  fi
}

prepare_wildfly_node() {
  local n=$1 dir home
  dir=$(node_dir "$n")
  home=$(wildfly_home)
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$home/standalone/configuration" "$dir/configuration"
  sed -i "s#jdbc:postgresql://127.0.0.1:5432/tradecoord_cluster#jdbc:postgresql://127.0.0.1:5432/$db#" "$dir/configuration/standalone.xml"
  mkdir -p "$dir/deployments"
  cp "$ear" "$dir/deployments/tradecoord.ear"
}

launch_wildfly_node() {
  local n=$1 dir home
  dir=$(node_dir "$n")
  home=$(wildfly_home)
  # standalone.sh writes the JVM's pid to JBOSS_PIDFILE; with LAUNCH_JBOSS_IN_BACKGROUND it passes TERM on
  # shellcheck disable=SC2046
  JBOSS_PIDFILE="$dir/pid" LAUNCH_JBOSS_IN_BACKGROUND=1 JAVA_OPTS="-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true" \
    setsid "$home/bin/standalone.sh" -Djboss.server.base.dir="$dir" -Djboss.node.name="node$n" \
      -Djboss.socket.binding.port-offset=$((100 * n)) -b 127.0.0.1 -bmanagement 127.0.0.1 \
      $(config_args) > "$dir/console.log" 2>&1 < /dev/null &
}

# ------------------------------------------------------------------ Payara Server + Payara Micro

payara_home() { echo "$state/payara6"; }

provision_payara() {
  local home
  home=$(payara_home)
  if [ ! -d "$home" ]; then
    log "unpacking Payara Server into $state"
    mvn_quiet -pl ear dependency:unpack@cluster-payara >/dev/null || die "unpacking Payara Server failed"
  fi
  mvn_quiet -pl ear dependency:copy@copy-jdbc-driver dependency:copy@cluster-micro-jar >/dev/null \
    || die "fetching the PostgreSQL driver or Payara Micro failed"
  # a domain made afresh at every start: nothing deployed or configured by an earlier run is left in it
  if [ -d "$home/glassfish/domains/cluster" ]; then
    "$home/bin/asadmin" delete-domain cluster >/dev/null || die "deleting the earlier Payara domain failed"
  fi
  if [ ! -d "$home/glassfish/domains/cluster" ]; then
    # portbase 8100: HTTP 8180, admin 8148; loopback-only edits as the tests' Payara has them
    "$home/bin/asadmin" --user admin create-domain --nopassword --portbase 8100 cluster >/dev/null || die "creating the Payara domain failed"
    mvn_quiet -pl ear antrun:run@payara-loopback-only -Dpayara.home="$home" -Dpayara.domain=cluster >/dev/null || die "loopback edits failed"
    cp "$root/ear/target/jdbc/postgresql.jar" "$home/glassfish/domains/cluster/lib/"
  fi
}

# MicroProfile Config reads KEY_NAME for key.name from the environment, which asadmin passes on to the server
config_env() {
  local a kv key
  while IFS= read -r a; do
    kv=${a#-D}; key=${kv%%=*}
    key=$(printf '%s' "$key" | tr '[:lower:]' '[:upper:]' | sed 's/[^A-Z0-9]/_/g')
    printf '%s=%s\n' "$key" "${kv#*=}"
  done < <(config_args)
}

launch_payara_server() {
  local dir home a env=()
  dir=$(node_dir 1)
  home=$(payara_home)
  rm -rf "$dir"; mkdir -p "$dir"
  while IFS= read -r a; do env+=("$a"); done < <(config_env)
  env "${env[@]}" "$home/bin/asadmin" start-domain cluster > "$dir/console.log" 2>&1 \
    || die "Payara Server did not start; see $dir/console.log"
  cp "$home/glassfish/domains/cluster/config/pid" "$dir/pid"
  local asadmin=("$home/bin/asadmin" --port 8148)
  if ! "${asadmin[@]}" list-jdbc-connection-pools 2>/dev/null | grep -qx TradecoordCluster; then
    # the default resource (java:comp/DefaultDataSource) onto a PostgreSQL pool; Payara wants a password property,
    # which PostgreSQL's trust authentication ignores
    "${asadmin[@]}" create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource \
        --maxpoolsize 40 --property "serverName=127.0.0.1:portNumber=5432:databaseName=$db:user=postgres:password=postgres" \
        TradecoordCluster >> "$dir/console.log" 2>&1 || die "creating the PostgreSQL pool failed; see $dir/console.log"
    "${asadmin[@]}" set resources.jdbc-resource.jdbc/__default.pool-name=TradecoordCluster >> "$dir/console.log" 2>&1 \
        || die "pointing jdbc/__default at PostgreSQL failed"
  fi
  "${asadmin[@]}" set "resources.jdbc-connection-pool.TradecoordCluster.property.databaseName=$db" >> "$dir/console.log" 2>&1 \
      || die "setting the database failed"
  "${asadmin[@]}" deploy --force=true --name tradecoord "$ear" >> "$dir/console.log" 2>&1 \
      || die "deploying to Payara Server failed; see $dir/console.log"
}

launch_payara_micro() {
  local n=$1 dir war
  dir=$(node_dir "$n")
  war=$(ls "$root"/order-module/target/order-module-*-micro.war 2>/dev/null | head -n 1)
  [ -n "$war" ] || die "no order-module/target/order-module-*-micro.war: build first (mvn -B package)"
  # afresh at every launch: Micro keeps the exploded application under its root directory and would run that
  rm -rf "$dir"
  mkdir -p "$dir"
  cat > "$dir/postboot.asadmin" <<EOF
create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --maxpoolsize 40 --property serverName=127.0.0.1:portNumber=5432:databaseName=$db:user=postgres:password=postgres TradecoordCluster
set resources.jdbc-resource.jdbc/__default.pool-name=TradecoordCluster
EOF
  # Micro's 64 HTTP threads against 40 pooled connections: on Payara, a request's transaction holds two connections
  # at once (JPA's and the outbox capture's are not shared), so a cold burst of 64 exhausted the pool for its whole
  # 60 s wait. Payara Server's default is 5 threads; Micro gets 8.
  cat "$root/scripts/payara-micro/loopback.asadmin" - > "$dir/preboot.asadmin" <<EOF
set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=8
EOF
  # shellcheck disable=SC2046
  setsid java -Xms256m -Xmx768m $(config_args) -jar "$state/payara-micro.jar" --nohazelcast --port "$(http_port "$n")" \
      --prebootcommandfile "$dir/preboot.asadmin" --postbootcommandfile "$dir/postboot.asadmin" \
      --addlibs "$root/ear/target/jdbc/postgresql.jar" --rootdir "$dir/root" --deploy "$war" \
      > "$dir/console.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
}

# ------------------------------------------------------------------ node life cycle

launch_node() {
  case "$(node_kind "$1")" in
    wildfly) launch_wildfly_node "$1" ;;
    payara-server) launch_payara_server ;;
    payara-micro) launch_payara_micro "$1" ;;
  esac
}

node_log() {
  case "$(node_kind "$1")" in
    wildfly) echo "$(node_dir "$1")/log/server.log" ;;
    payara-server) echo "$(payara_home)/glassfish/domains/cluster/logs/server.log" ;;
    payara-micro) echo "$(node_dir "$1")/console.log" ;;
  esac
}

# the module every node serves: the order module (Payara Micro runs only that one)
wait_for_node() {
  local n=$1 port deadline=$((SECONDS + 300)) pidfile
  port=$(http_port "$n")
  pidfile="$(node_dir "$n")/pid"
  until curl -fsS "http://127.0.0.1:$port/order/api/about" >/dev/null 2>&1; do
    if [ -f "$(node_dir "$n")/deployments/tradecoord.ear.failed" ]; then
      die "node $n: the deployment failed: $(cat "$(node_dir "$n")/deployments/tradecoord.ear.failed")"
    fi
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      die "node $n died while starting; see $(node_log "$n")"
    fi
    [ $SECONDS -lt $deadline ] || die "node $n did not answer on 127.0.0.1:$port within 300 s; see $(node_log "$n")"
    sleep 0.5
  done
  # the whole EAR: every module answers
  if [ "$(node_kind "$n")" != payara-micro ]; then
    for m in inventory member; do
      until curl -fsS "http://127.0.0.1:$port/$m/api/about" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "node $n: /$m did not answer within 300 s"
        sleep 0.5
      done
    done
  fi
  log "node $n up: http://127.0.0.1:$port (pid $(cat "$pidfile"), $(node_kind "$n"))"
}

stop_node() {
  local n=$1 pid i
  if [ "$(node_kind "$n")" = payara-server ] && pid=$(node_pid "$n"); then
    kill -CONT "$pid" 2>/dev/null || true
    "$(payara_home)/bin/asadmin" stop-domain cluster >/dev/null 2>&1 || true
    kill -0 "$pid" 2>/dev/null || { rm -f "$(node_dir "$n")/pid"; log "node $n stopped (pid $pid)"; return 0; }
  fi
  pid=$(node_pid "$n") || { rm -f "$(node_dir "$n")/pid"; return 0; }
  kill -CONT "$pid" 2>/dev/null || true   # a paused JVM cannot act on TERM
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "node $n (pid $pid) did not stop within 30 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(node_dir "$n")/pid"
  log "node $n stopped (pid $pid)"
}

# ------------------------------------------------------------------ commands

cmd_start() {
  shape=wildfly; nodes=2; locks=redis; bus=kafka; ear=$root/ear/target/tradecoord.ear; db=tradecoord_cluster; props=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --shape) shape=$2; shift 2 ;;
      --nodes) nodes=$2; shift 2 ;;
      --locks) locks=$2; shift 2 ;;
      --bus) bus=$2; shift 2 ;;
      --ear) ear=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
      --db) db=$2; shift 2 ;;
      --set) [[ "$2" == *=* ]] || die "--set wants key=value, got '$2'"; props+=("$2"); shift 2 ;;
      *) die "unknown option '$1' (see the head of $0)" ;;
    esac
  done
  case "$shape" in
    wildfly) [[ "$nodes" =~ ^[1-9]$ ]] || die "--nodes must be 1..9" ;;
    payara) nodes=2 ;;
    *) die "unknown shape '$shape': wildfly or payara" ;;
  esac
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "--db must be a plain lower-case name"
  # in a subshell: the earlier run's settings must not replace this one's
  [ ! -f "$conf" ] || ! (any_running) || die "a cluster is already running (scripts/cluster.sh stop first)"
  for ((n = 1; n <= nodes; n++)); do
    ! listening "$(http_port "$n")" || die "127.0.0.1:$(http_port "$n") is in use"
  done
  require_services
  if [ ! -f "$ear" ]; then
    [ "$ear" = "$root/ear/target/tradecoord.ear" ] || die "no EAR at $ear"
    log "building the EAR"
    mvn_quiet package -DskipTests >/dev/null || die "the build failed"
  fi
  fresh_database
  save_conf
  if [ "$shape" = wildfly ]; then provision_wildfly; else provision_payara; fi
  # one node at a time: the first one creates the tables, the next ones find them
  for ((n = 1; n <= nodes; n++)); do
    [ "$(node_kind "$n")" != wildfly ] || prepare_wildfly_node "$n"
    launch_node "$n"
    wait_for_node "$n"
  done
}

any_running() {
  local n
  load_conf
  for ((n = 1; n <= nodes; n++)); do node_pid "$n" >/dev/null && return 0; done
  return 1
}

cmd_stop() {
  local n
  [ -f "$conf" ] || { log "no cluster"; return 0; }
  load_conf
  for ((n = nodes; n >= 1; n--)); do stop_node "$n"; done
}

cmd_status() {
  local n pid up=0 state_of
  load_conf
  for ((n = 1; n <= nodes; n++)); do
    if pid=$(node_pid "$n"); then
      state_of=$(ps -o stat= -p "$pid" | cut -c1)
      [ "$state_of" = T ] && state_of=paused || state_of=running
      echo "node $n  $(node_kind "$n")  127.0.0.1:$(http_port "$n")  $state_of (pid $pid)"
      up=$((up + 1))
    else
      echo "node $n  $(node_kind "$n")  127.0.0.1:$(http_port "$n")  down"
    fi
  done
  echo "locks=$locks bus=$bus db=$db"
  [ "$up" -eq "$nodes" ]
}

node_arg() {
  load_conf
  [[ "${1:-}" =~ ^[1-9]$ ]] && [ "$1" -le "$nodes" ] || die "which node? 1..$nodes"
}

main() {
  [ $# -ge 1 ] || die "usage: start [options] | stop | status | pid N | log N | kill N | pause N | resume N | restart N"
  local cmd=$1 pid; shift
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    pid) node_arg "${1:-}"; node_pid "$1" || die "node $1 is down" ;;
    log) node_arg "${1:-}"; node_log "$1" ;;
    kill)
      node_arg "${1:-}"; pid=$(node_pid "$1") || die "node $1 is down"
      kill -KILL "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      rm -f "$(node_dir "$1")/pid"
      log "node $1 killed (pid $pid)" ;;
    pause) node_arg "${1:-}"; pid=$(node_pid "$1") || die "node $1 is down"; kill -STOP "$pid"; log "node $1 paused (pid $pid)" ;;
    resume) node_arg "${1:-}"; pid=$(node_pid "$1") || die "node $1 is down"; kill -CONT "$pid"; log "node $1 resumed (pid $pid)" ;;
    restart)
      node_arg "${1:-}"
      ! node_pid "$1" >/dev/null || die "node $1 still runs (kill or stop it first)"
      launch_node "$1"
      wait_for_node "$1" ;;
    *) die "unknown command '$cmd'" ;;
  esac
}

main "$@"
