# Shared by run-locks.sh and run-bus.sh (sourced, not run): the build of benchmarks/ and the class path to run it.
#
# Environment: MVN [mvn]; MVN_FLAGS [-B -q] (add -o to stay offline); JAVA [java];
#              BENCH_JAVA_OPTS [-Xms1g -Xmx1g -XX:+UseG1GC];
#              COORDINATION_JAR: run this coordination-module jar instead of the one in ~/.m2 (before/after
#              comparisons; use with --no-install)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$HERE/.." && pwd -P)"
MVN="${MVN:-mvn}"
read -r -a MVN_ARGS <<< "${MVN_FLAGS:--B -q}"
JAVA="${JAVA:-java}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"

# bench_args NAME ARGS...: takes --no-install out of the arguments (into $install; the rest into the array args) and,
# unless it was given, installs coordination-module from the work tree into ~/.m2, so the run measures this tree
bench_args() {
  local name="$1"
  shift
  install=1
  args=()
  local a
  for a in "$@"; do
    case "$a" in
      --no-install) install=0 ;;
      *) args+=("$a") ;;
    esac
  done
  if [ "$install" = 1 ]; then
    echo "$name: installing coordination-module into ~/.m2 (skip with --no-install)" >&2
    (cd "$REPO" && "$MVN" "${MVN_ARGS[@]}" install -pl coordination-module -am -DskipTests) >&2
  fi
}

# bench_classpath NAME DIR: after the build wrote DIR/classpath.txt, sets $classpath to DIR/classes + the dependencies
# with a PRIVATE copy of the coordination-module jar (DIR/coordination-module.jar): ~/.m2 is shared, and a jar replaced
# there while a benchmark runs breaks its class loading or, worse, measures other code. Sets $jar to the jar copied.
bench_classpath() {
  local name="$1" dir="$2"
  jar="${COORDINATION_JAR:-$(tr ':' '\n' < "$dir/classpath.txt" | grep 'coordination-module-[^/]*\.jar$' | head -1)}"
  if [ -z "$jar" ]; then
    echo "$name: coordination-module jar not on the class path" >&2
    exit 1
  fi
  cp "$jar" "$dir/coordination-module.jar"
  classpath="$dir/classes:$(tr ':' '\n' < "$dir/classpath.txt" | grep -v 'coordination-module-[^/]*\.jar$' | paste -sd: -)"
  classpath="$classpath:$dir/coordination-module.jar"
}

# bench_code WHAT SRC: sets $git_rev to what the report's header calls the code: the commit, whether the sources of WHAT
# under SRC differ from it, and which jar ran (built when, sha256)
bench_code() {
  local what="$1" src="$2"
  git_rev="work tree at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")"
  if ! git -C "$REPO" diff --quiet HEAD -- "$src" 2>/dev/null \
     || [ -n "$(git -C "$REPO" ls-files --others --exclude-standard -- "$src" 2>/dev/null)" ]; then
    git_rev="$git_rev ($what sources have uncommitted changes)"
  fi
  git_rev="$git_rev; coordination-module jar built $(date -u -r "$jar" '+%Y-%m-%dT%H:%MZ'), sha256 $(sha256sum "$jar" | cut -c1-12)"
}
