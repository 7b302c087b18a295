#!/usr/bin/env bash
# Lock benchmark: ours (coordination-module) against a raw Jedis floor, Redisson and bare Curator, in ONE run.
#
# Usage: benchmarks/run-locks.sh [--no-install] [benchmark flags...]
#   --no-install   do not (re)install coordination-module into ~/.m2 first (it is installed by default, so the
#                  benchmark measures the lock code of this work tree)
#   benchmark flags (see --help): --warmup=S --round=S --rounds=N --quick --threads=N
#                  --groups=redis,contended,zookeeper,zookeeper-contended --out=FILE
# Needs Redis on 127.0.0.1:6379 and ZooKeeper on 127.0.0.1:2181 (scripts/services.sh start redis zookeeper).
# Prints the Markdown report on stdout, progress on stderr. Exit 1 if any operation or check failed.
#
# Environment: see common.sh (MVN, MVN_FLAGS, JAVA, BENCH_JAVA_OPTS, COORDINATION_JAR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bench_args run-locks.sh "$@"
echo "run-locks.sh: building benchmarks/" >&2
(cd "$HERE" && "$MVN" "${MVN_ARGS[@]}" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
bench_classpath run-locks.sh "$HERE/target"
bench_code lock coordination-module/src/main/java/io/tradecoord/coordination/lock

exec "$JAVA" "${JAVA_OPTS[@]}" -Dbench.git="$git_rev" \
  -cp "$classpath" \
  io.tradecoord.benchmarks.LockBenchmark ${args[@]+"${args[@]}"}
