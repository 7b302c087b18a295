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
# Environment: see common.sh (MVN, MVN_FLAGS, JAVA, BENCH_JAVA_OPTS, COORDINATION_JAR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bench_args run-bus.sh "$@"
echo "run-bus.sh: building benchmarks/ with -Pbus" >&2
# -Pbus builds into target/bus/: run-locks.sh's target/classes and target/classpath.txt stay its own
(cd "$HERE" && "$MVN" "${MVN_ARGS[@]}" -Pbus compile dependency:build-classpath -Dmdep.outputFile=target/bus/classpath.txt) >&2
bench_classpath run-bus.sh "$HERE/target/bus"
bench_code bus coordination-module/src/main/java/io/tradecoord/coordination/bus

exec "$JAVA" "${JAVA_OPTS[@]}" -Dbench.git="$git_rev" \
  -cp "$classpath" \
  io.tradecoord.benchmarks.bus.BusBenchmark ${args[@]+"${args[@]}"}
