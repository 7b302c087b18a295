#!/usr/bin/env bash
# End-to-end order benchmark: the whole system on one and on two WildFly nodes (scripts/cluster.sh), orders placed over
# HTTP and confirmed through the bus, per backend combination; the in-JVM backends on one node are the baseline that
# shows what coordination costs. One Markdown table on stdout (docs/benchmarks.md shows the last one), progress on
# stderr, then two more: what each configuration spends per order (CPU per server and per node thread, transactions, lock
# scripts, deliveries), read off the servers, and pgbench's write rate on the same PostgreSQL for scale. About 12
# minutes on 2 cores.
#
# Usage: benchmarks/run-orders.sh [--quick] [--out=FILE] [benchmark flags: --buyers=N --seconds=S --warmup=S --rate=N
#                                 --latency-seconds=S --skus=N]
#   --quick      shorter phases (a smoke run of the harness, not a result)
#   --out=FILE   also write the report to FILE
# Starts the services it needs (scripts/services.sh) and stops the ones it started; each configuration gets a fresh
# database (tradecoord_bench) and names of its own on the brokers, removed after it ran.
#
# Environment: see common.sh (MVN, MVN_FLAGS, JAVA, BENCH_JAVA_OPTS).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

out=
flags=()
for a in "$@"; do
  case "$a" in
    --quick) flags+=(--warmup=3 --seconds=5 --latency-seconds=5) ;;
    --out=*) out=${a#--out=} ;;
    *) flags+=("$a") ;;
  esac
done

# nodes, locks, bus: in-JVM first (the baseline), then each real combination on one and on two nodes
configs=("1 local local" "1 redis kafka" "2 redis kafka" "1 zookeeper rabbitmq" "2 zookeeper rabbitmq")
services=(redis rabbitmq postgresql zookeeper kafka)
cluster=$REPO/scripts/cluster.sh

costs_file=$(mktemp)
stop_services=false
if ! "$REPO/scripts/services.sh" status "${services[@]}" >/dev/null 2>&1; then
  stop_services=true
fi
trap 'rm -f "$costs_file"; if $stop_services; then "$REPO/scripts/services.sh" stop >&2; fi' EXIT
"$REPO/scripts/services.sh" start "${services[@]}" >&2

echo "run-orders.sh: building the EAR and benchmarks/ (-Pbus)" >&2
(cd "$REPO" && "$MVN" "${MVN_ARGS[@]}" install -DskipTests) >&2
(cd "$HERE" && "$MVN" "${MVN_ARGS[@]}" -Pbus compile dependency:build-classpath -Dmdep.outputFile=target/bus/classpath.txt) >&2
bench_classpath run-orders.sh "$HERE/target/bus"
bench=("$JAVA" "${JAVA_OPTS[@]}" -cp "$classpath" io.tradecoord.benchmarks.orders.OrderBenchmark)
# the nodes trust the development key pair (cluster.sh); the benchmark acts as the shop's admin
TRADECOORD_TOKEN=$("$REPO/scripts/token.sh" bench admin 720)
export TRADECOORD_TOKEN

psql_admin=(psql -h 127.0.0.1 -U postgres -d test -q)
# the database's own write rate on this machine, for scale: pgbench's simple updates (-N), 8 clients, 15 s
echo "run-orders.sh: pgbench -N" >&2
PGOPTIONS='--client-min-messages=warning' "${psql_admin[@]}" -c "DROP DATABASE IF EXISTS tradecoord_pgbench WITH (FORCE)" \
    -c "CREATE DATABASE tradecoord_pgbench" >&2
pgbench -h 127.0.0.1 -U postgres -i -s 10 -q tradecoord_pgbench >/dev/null 2>&1
pgbench_tps=$(pgbench -h 127.0.0.1 -U postgres -N -c 8 -j 2 -T 15 tradecoord_pgbench 2>/dev/null | awk '/^tps/ {printf "%.0f", $3; exit}')
PGOPTIONS='--client-min-messages=warning' "${psql_admin[@]}" -c "DROP DATABASE tradecoord_pgbench WITH (FORCE)" >&2
[ -n "$pgbench_tps" ] || { echo "run-orders.sh: pgbench gave no figure" >&2; exit 1; }

rows=()
cost_rows=()
thread_rows=()
for config in "${configs[@]}"; do
  read -r nodes locks bus <<< "$config"
  run=bench-orders-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
  label="$locks locks, $bus bus"
  echo "run-orders.sh: $nodes node(s), $label" >&2
  "$cluster" start --nodes "$nodes" --locks "$locks" --bus "$bus" --db tradecoord_bench \
      --set "coordination.kafka.topic-prefix=$run." --set "coordination.rabbitmq.exchange=$run" \
      --set "coordination.redis.key-prefix=$run:" --set "coordination.zookeeper.namespace=$run" >&2
  urls=$(for ((n = 1; n <= nodes; n++)); do printf 'http://127.0.0.1:%d,' $((8080 + 100 * n)); done)
  status=0
  row=$("${bench[@]}" --nodes="${urls%,}" --db=tradecoord_bench --label="$label" --costs-out="$costs_file" \
      ${flags[@]+"${flags[@]}"}) || status=$?
  "$cluster" stop >&2
  "${bench[@]}" --cleanup="$run" --locks="$locks" --bus="$bus" >&2
  [ "$status" -eq 0 ] || { echo "run-orders.sh: the benchmark failed on $nodes node(s), $label" >&2; exit 1; }
  rows+=("$row")
  cost_rows+=("$(sed -n 1p "$costs_file")")
  thread_rows+=("$(sed -n 2p "$costs_file")")
done
PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS tradecoord_bench WITH (FORCE)" >&2

report() {
  echo "# End-to-end orders, $(date -u '+%Y-%m-%d %H:%MZ'), $(git -C "$REPO" rev-parse --short HEAD), $(nproc) cores"
  echo
  echo "| backends | nodes | accepted/s | refused (503)/s | confirmed/s in the window | completed/s | last confirmed after the load, s | offered/s (latency run) | place -> CONFIRMED p50 ms | p99 ms | max ms | failed |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Per accepted order at saturation: what each server spent from the window's start until its last order settled, divided by the window's orders; pgbench -N on the same PostgreSQL: $pgbench_tps tps"
  echo
  echo "| backends | nodes | orders | WildFly CPU ms | PostgreSQL CPU ms | Redis CPU ms | ZooKeeper CPU ms | Kafka CPU ms | RabbitMQ CPU ms | DB transactions | Redis lock scripts | Redis commands | deliveries applied |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${cost_rows[@]}"
  echo
  echo "The WildFly nodes' CPU per order (ms) by what their threads do: HTTP (Undertow's I/O and request threads: placement), deliveries (the bus's consumer threads running the modules' handlers), relays (outbox relays), JIT and GC of the JVM, other (broker and lock clients, timers)"
  echo
  echo "| backends | nodes | HTTP | deliveries | relays | JIT | GC | other |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${thread_rows[@]}"
}
if [ -n "$out" ]; then report | tee "$out"; else report; fi
