#!/usr/bin/env bash
# Builds the EAR and runs the whole system on a Maven-provisioned application server with the embedded
# defaults (in-JVM locks and bus, the server's own database): no external service is needed.
#
#   scripts/run.sh            # WildFly 39   (default)
#   scripts/run.sh payara     # Payara Server 6
#
# The server listens on 127.0.0.1:8080 and runs in the foreground; Ctrl-C stops it. Its copy lives in
# ear/target/run/, apart from the copies the tests start, so never run both at the same time on 8080.
set -euo pipefail

server=${1:-wildfly}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Bearer tokens (MicroProfile JWT): unless set already, the server trusts the DEVELOPMENT key pair in scripts/dev-jwt,
# whose tokens scripts/token.sh mints. Never use that pair where it matters: its private key is in this repository.
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-file:$root/scripts/dev-jwt/public-key.pem}
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-tradecoord-dev}
run_dir=$root/ear/target/run
ear=$root/ear/target/tradecoord.ear
port=8080
modules=(order inventory member)

die() { echo "run.sh: $*" >&2; exit 1; }
# Maven, quiet, without the colour-reset codes Maven 3.8 prints even in batch mode
mvn_quiet() { mvn -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }

case "$server" in
  wildfly|payara) ;;
  *) die "unknown server '$server': use wildfly or payara" ;;
esac

if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
  die "127.0.0.1:$port is already in use (another server or a test run?); stop it first"
fi

cd "$root"
echo "==> building the EAR (unit tests included; integration tests are for scripts/test.sh)"
mvn_quiet package
[ -f "$ear" ] || die "the build did not produce $ear"

echo "==> provisioning $server into $run_dir"
if [ "$server" = wildfly ]; then
  mvn_quiet -pl ear dependency:unpack@run-wildfly
  home=$(ls -d "$run_dir"/wildfly-* | head -n 1)
  if [ ! -f "$home/.tradecoord-config" ]; then
    # OpenAPI on, and the default database (H2) in a file, so a restart keeps the data
    "$home/bin/jboss-cli.sh" --file="$root/scripts/wildfly/tradecoord.cli" >/dev/null || die "configuring WildFly failed"
    touch "$home/.tradecoord-config"
  fi
else
  mvn_quiet -pl ear dependency:unpack@run-payara
  home=$run_dir/payara6
  mvn_quiet -pl ear antrun:run@payara-loopback-only -Dpayara.home="$home"
fi

wait_for_about() {
  local deadline=$((SECONDS + 240))
  until curl -fsS "http://127.0.0.1:$port/order/api/about" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "the application did not answer within 240 s; see the server log"
    sleep 1
  done
}

print_urls() {
  echo
  echo "==> tradecoord is up on $server:"
  for m in "${modules[@]}"; do
    echo "    http://127.0.0.1:$port/$m/api/about   $(curl -fsS "http://127.0.0.1:$port/$m/api/about")"
  done
  echo "    operations page: http://127.0.0.1:$port/order/api/operations/page   (sign in with: scripts/token.sh ops operator)"
  echo "    bearer tokens:   scripts/token.sh <subject> <customer|admin|operator>   (docs/api.md \"Who may call what\")"
  if [ "$server" = wildfly ]; then
    echo "    readiness:       http://127.0.0.1:9990/health/ready   (docs/operations.md)"
  else
    echo "    readiness:       http://127.0.0.1:$port/health/ready   (docs/operations.md)"
  fi
  echo "    Ctrl-C stops the server."
}

if [ "$server" = wildfly ]; then
  log=$home/standalone/log/server.log
  rm -f "$home"/standalone/deployments/tradecoord.ear*
  cp "$ear" "$home/standalone/deployments/"
  # with LAUNCH_JBOSS_IN_BACKGROUND, standalone.sh passes our TERM on to the server's JVM
  LAUNCH_JBOSS_IN_BACKGROUND=1 "$home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 >/dev/null 2>&1 &
  server_pid=$!
  trap 'echo; echo "==> stopping WildFly"; kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  wait_for_about
  print_urls
  wait "$server_pid"
else
  log=$home/glassfish/domains/domain1/logs/server.log
  "$home/bin/asadmin" start-domain domain1 >/dev/null
  trap 'echo; echo "==> stopping Payara Server"; "$home/bin/asadmin" stop-domain domain1 >/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  "$home/bin/asadmin" deploy --force=true --name tradecoord "$ear" >/dev/null
  wait_for_about
  print_urls
  tail -n 0 -F "$log" >/dev/null &
  wait $!
fi
