#!/usr/bin/env bash
# The whole two-node fault matrix: every case of ear/src/test/java/io/tradecoord/ear/cluster/TwoNodesIT
#   - on two WildFly 39 nodes with Redis locks + the Kafka bus,
#   - on two WildFly 39 nodes with ZooKeeper locks + the RabbitMQ bus,
#   - on Payara Server 6 (the EAR) + Payara Micro (the order module alone), ZooKeeper + RabbitMQ: the cases that need
#     only the order module on the second node,
# then the bus conformance suite's 10,000-event case on every backend, and a results table (docs/reliability.md shows
# the last one). The build's test command runs a subset of it.
# Starts the services it needs (and stops the ones it started); about 15 minutes on 2 cores.
#
#   scripts/fault-matrix.sh            everything
#   scripts/fault-matrix.sh wildfly    the two WildFly combinations only
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
services=(redis rabbitmq postgresql zookeeper kafka)
executions=(cluster-redis-kafka cluster-zookeeper-rabbitmq)
[ "${1:-all}" = wildfly ] || executions+=(cluster-payara-micro)

if ! scripts/services.sh status "${services[@]}" >/dev/null 2>&1; then
  trap 'scripts/services.sh stop' EXIT
fi
scripts/services.sh start "${services[@]}"

log=$root/ear/target/fault-matrix.log
mkdir -p "$root/ear/target"
mvn -B -q -Dstyle.color=never install -DskipTests
goals=()
for e in "${executions[@]}"; do goals+=("failsafe:integration-test@$e"); done
status=0
mvn -B -Dstyle.color=never -pl ear pre-integration-test "${goals[@]}" failsafe:verify@verify-cluster \
    -Dcluster.excludedGroups=none -Dcluster.excludedGroups.zookeeper-rabbitmq=none 2>&1 | tee "$log" || status=$?

# the bus conformance suite's volume case at full size (the build runs 2,000 events per backend): 10,000 events
mvn -B -Dstyle.color=never -pl coordination-module verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='*BusConformanceIT#thousandsOfEvents*' -Dconformance.events-per-key=100 2>&1 \
    | tee "$root/ear/target/fault-matrix-volume.log" | grep -E 'Tests run:|FAIL' || status=1

echo
echo "| nodes | backends | case | orders accepted | answers (HTTP status: count) | retried unanswered | lost | applied twice | seconds |"
echo "|---|---|---|---|---|---|---|---|---|"
grep -h '^matrix|' "$log" | sed 's/^matrix//' || true
echo
echo "full log: $log"
exit $status
