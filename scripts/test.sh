#!/usr/bin/env bash
# The one command that passes all tests: starts the services the tests need (Redis, RabbitMQ,
# PostgreSQL, ZooKeeper, Kafka on 127.0.0.1), runs every test of the reactor (unit tests, smoke tests
# against the real services, each module WAR on Payara Micro, the EAR on WildFly and on Payara Server),
# then stops the services it started itself. Extra arguments go to Maven, e.g. scripts/test.sh -pl ear -am
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Services that were already up before this run stay up after it; the ones this run started are stopped.
if scripts/services.sh status >/dev/null 2>&1; then
  started_here=false
else
  started_here=true
fi
# The trap goes first: a start that fails half-way still stops what it started.
if [ "$started_here" = true ]; then
  trap 'scripts/services.sh stop' EXIT
fi
scripts/services.sh start

# The operations page is tested in Debian's headless Chromium, driven by Selenium through Debian's ChromeDriver
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  [ "$(id -u)" -eq 0 ] || { echo "test.sh: chromium and chromium-driver are needed: apt-get install chromium chromium-driver (as root)" >&2; exit 1; }
  echo "test.sh: installing Debian's chromium and chromium-driver"
  timeout 600 apt-get update -qq </dev/null
  timeout 900 apt-get install -y -qq chromium chromium-driver </dev/null
fi

# -Pbenchmarks,bus: the benchmarks are compiled too (not run), so a change cannot break them unnoticed
mvn -B -Dstyle.color=never verify -Pbenchmarks,bus "$@"
