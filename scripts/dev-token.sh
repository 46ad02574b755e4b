#!/usr/bin/env bash
# Prints a development bearer token (RS256 JWT) for a role: agent, lead or admin.
#   scripts/dev-token.sh lead [subject] [hours-valid]
#   curl -H "Authorization: Bearer $(scripts/dev-token.sh agent)" localhost:8080/api/v1/tasks
# Signed with .dev/jwt/private.pem (made by scripts/dev-keys.sh); only services started with the
# matching public key (scripts/up.sh) accept it.
set -euo pipefail
cd "$(dirname "$0")/.."
role=${1:-agent}
subject=${2:-dev-$role@earshot.local}
hours=${3:-12}
issuer=${EARSHOT_JWT_ISSUER:-https://earshot.local}
audience=${EARSHOT_JWT_AUDIENCE:-earshot}
case "$role" in agent|lead|admin) ;; *) echo "role must be agent, lead or admin" >&2; exit 2 ;; esac
case "$subject$audience" in *[\"\\]*) echo "subject and EARSHOT_JWT_AUDIENCE must not contain quotes or backslashes" >&2; exit 2 ;; esac
key=.dev/jwt/private.pem
[ -s "$key" ] || scripts/dev-keys.sh >&2
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$audience" "$subject" "$subject" "$role" "$now" $((now + hours * 3600)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
