#!/usr/bin/env bash
# Mints a MicroProfile JWT signed with the DEVELOPMENT key pair (scripts/dev-jwt/), which scripts/run.sh and the
# tests configure. Never configure that public key on a server that matters: its private key is in this repository.
#
#   scripts/token.sh <subject> <role>[,<role>...] [minutes]
#
#   scripts/token.sh shop-admin admin                # SKUs, stock, shipments, every member and order
#   scripts/token.sh "$MEMBER_ID" customer           # that member's own profile and orders
#   scripts/token.sh ops operator 480                # dead letters and the operations page, for 8 hours
#
# Prints the token alone, so that:  curl -H "Authorization: Bearer $(scripts/token.sh ops operator)" ...
# The roles are customer, admin and operator (docs/api.md "Who may call what"). Issuer: TRADECOORD_JWT_ISSUER,
# default "tradecoord-dev" (what scripts/run.sh configures as mp.jwt.verify.issuer).
set -euo pipefail

die() { echo "token.sh: $*" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: scripts/token.sh <subject> <role>[,<role>...] [minutes, default 60]"

subject=$1
roles=$2
minutes=${3:-60}
issuer=${TRADECOORD_JWT_ISSUER:-tradecoord-dev}
key=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/dev-jwt/private-key.pem

[[ $subject =~ ^[A-Za-z0-9._@:-]{1,128}$ ]] || die "the subject must be 1 to 128 of A-Z a-z 0-9 . _ @ : -"
[[ $roles =~ ^(customer|admin|operator)(,(customer|admin|operator))*$ ]] || die "roles are customer, admin, operator (comma-separated)"
[[ $minutes =~ ^[1-9][0-9]{0,5}$ ]] || die "minutes must be a whole number from 1"
command -v openssl >/dev/null || die "needs openssl"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
groups=$(printf '"%s",' ${roles//,/ })
header='{"alg":"RS256","typ":"JWT"}'
claims=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "${groups%,}" "$now" "$((now + minutes * 60))" "$(openssl rand -hex 16)")
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
