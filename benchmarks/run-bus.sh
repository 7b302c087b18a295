#!/usr/bin/env bash
# Event-bus benchmark: the bridge (coordination-module's bus) against the raw Kafka and RabbitMQ clients with the
# same settings, the outbox relay against the raw producer rates, and end-to-end latency, in ONE run.
#
# Usage: benchmarks/run-bus.sh [--no-install] [benchmark flags...]
#   --no-install   do not (re)install coordination-module into ~/.m2 first (it is installed by default, so the
#                  benchmark measures the bus code of this work tree)
#   benchmark flags (see --help): --quick --warmup=S --round=S --rounds=N --window=N --relay-events=N
#                  --relay-rounds=N --tx=N --writers=N --rate=N --latency-seconds=S --groups=kafka,rabbitmq,relay,latency
#                  --backends=local,rabbitmq,kafka --quiet=PCT --out=FILE
# Needs Kafka on 127.0.0.1:9092, RabbitMQ on 127.0.0.1:5672 (guest/guest) and PostgreSQL on 127.0.0.1:5432
# (database test, user postgres): scripts/services.sh start kafka rabbitmq postgresql.
# Prints the Markdown report on stdout, progress on stderr. Exit 1 if any operation or check failed.
# Everything the run creates (Kafka topics and groups, RabbitMQ exchanges and queues, bus table rows) is named
# bench-bus-<run id>... and removed at the end.
#
# Environment: MVN [mvn]; MVN_FLAGS [-B -q] (add -o to stay offline); JAVA [java];
#              BENCH_JAVA_OPTS [-Xms1g -Xmx1g -XX:+UseG1GC]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$HERE/.." && pwd -P)"
MVN="${MVN:-mvn}"
read -r -a MVN_ARGS <<< "${MVN_FLAGS:--B -q}"
JAVA="${JAVA:-java}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"

install=1
args=()
for a in "$@"; do
  case "$a" in
    --no-install) install=0 ;;
    *) args+=("$a") ;;
  esac
done

if [ "$install" = 1 ]; then
  echo "run-bus.sh: installing coordination-module into ~/.m2 (skip with --no-install)" >&2
  (cd "$REPO" && "$MVN" "${MVN_ARGS[@]}" install -pl coordination-module -am -DskipTests) >&2
fi
echo "run-bus.sh: building benchmarks/ with -Pbus" >&2
# -Pbus builds into target/bus/: run-locks.sh's target/classes and target/classpath.txt stay its own
(cd "$HERE" && "$MVN" "${MVN_ARGS[@]}" -Pbus compile dependency:build-classpath -Dmdep.outputFile=target/bus/classpath.txt) >&2

# what the header calls the code: the commit, whether the bus sources differ from it, and which jar ran
bus_src=coordination-module/src/main/java/io/tradecoord/coordination/bus
git_rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
if ! git -C "$REPO" diff --quiet HEAD -- "$bus_src" 2>/dev/null \
   || [ -n "$(git -C "$REPO" ls-files --others --exclude-standard -- "$bus_src" 2>/dev/null)" ]; then
  git_rev="$git_rev (bus sources have uncommitted changes)"
fi
jar="$(tr ':' '\n' < "$HERE/target/bus/classpath.txt" | grep 'coordination-module-[^/]*\.jar$' | head -1)"
if [ -n "$jar" ]; then
  git_rev="$git_rev; jar installed $(date -u -r "$jar" '+%Y-%m-%dT%H:%MZ')"
fi

exec "$JAVA" "${JAVA_OPTS[@]}" -Dbench.git="$git_rev" \
  -cp "$HERE/target/bus/classes:$(cat "$HERE/target/bus/classpath.txt")" \
  io.tradecoord.benchmarks.bus.BusBenchmark ${args[@]+"${args[@]}"}
