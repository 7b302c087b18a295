#!/usr/bin/env bash
# Lock benchmark: ours (coordination-module) against a raw Jedis floor, Redisson and bare Curator, in ONE run.
#
# Usage: benchmarks/run-locks.sh [--no-install] [benchmark flags...]
#   --no-install   do not (re)install coordination-module into ~/.m2 first (it is installed by default, so the
#                  benchmark measures the lock code of this work tree)
#   benchmark flags (see --help): --warmup=S --round=S --rounds=N --quick --threads=N
#                  --groups=redis,contended,zookeeper,zookeeper-contended --diag --out=FILE
# Needs Redis on 127.0.0.1:6379 and ZooKeeper on 127.0.0.1:2181 (scripts/services.sh start redis zookeeper).
# Prints the Markdown report on stdout, progress on stderr. Exit 1 if any operation or check failed.
#
# Environment: MVN [mvn]; MVN_FLAGS [-B -q] (add -o to stay offline); JAVA [java];
#              BENCH_JAVA_OPTS [-Xms1g -Xmx1g -XX:+UseG1GC];
#              COORDINATION_JAR: run this coordination-module jar instead of the one in ~/.m2 (before/after
#              comparisons; use with --no-install)
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
  echo "run-locks.sh: installing coordination-module into ~/.m2 (skip with --no-install)" >&2
  (cd "$REPO" && "$MVN" "${MVN_ARGS[@]}" install -pl coordination-module -am -DskipTests) >&2
fi
echo "run-locks.sh: building benchmarks/" >&2
(cd "$HERE" && "$MVN" "${MVN_ARGS[@]}" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2

# run on a private copy of the coordination-module jar: ~/.m2 is shared, and a jar replaced there while the
# benchmark runs breaks its class loading
jar_m2="${COORDINATION_JAR:-$(tr ':' '\n' < "$HERE/target/classpath.txt" | grep 'coordination-module-[^/]*\.jar$' | head -1)}"
if [ -z "$jar_m2" ]; then
  echo "run-locks.sh: coordination-module jar not on the class path" >&2
  exit 1
fi
cp "$jar_m2" "$HERE/target/coordination-module.jar"
classpath="$HERE/target/classes:$(tr ':' '\n' < "$HERE/target/classpath.txt" | grep -v 'coordination-module-[^/]*\.jar$' | paste -sd: -)"
classpath="$classpath:$HERE/target/coordination-module.jar"

# what the header calls the code: the commit, whether the lock sources differ from it, and which jar ran
lock_src=coordination-module/src/main/java/io/tradecoord/coordination/lock
git_rev="work tree at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")"
if ! git -C "$REPO" diff --quiet HEAD -- "$lock_src" 2>/dev/null; then
  git_rev="$git_rev (lock sources have uncommitted changes)"
fi
git_rev="$git_rev; coordination-module jar built $(date -u -r "$jar_m2" '+%Y-%m-%dT%H:%MZ'), sha256 $(sha256sum "$jar_m2" | cut -c1-12)"

exec "$JAVA" "${JAVA_OPTS[@]}" -Dbench.git="$git_rev" \
  -cp "$classpath" \
  io.tradecoord.benchmarks.LockBenchmark ${args[@]+"${args[@]}"}
