#!/usr/bin/env bash
# Proves that scripts/infra.sh sets PostgreSQL up on a stock Debian, whose pg_hba.conf has peer
# authentication on the Unix socket and scram-sha-256 on TCP (not the trust this project's own machines
# use): creates a throw-away cluster `debiantest` with Debian's defaults on port 5499
# (EARSHOT_DEBIAN_TEST_PORT), runs `scripts/infra.sh postgresql` against it twice, checks that the role
# earshot logs in over TCP with its password and not without it, that its databases exist, that a role
# earshot left without a password (made where TCP was trusted) gets one, and drops the cluster again.
# Needs root (or sudo) and Debian's postgresql-common; touches no other cluster. About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${EARSHOT_DEBIAN_TEST_PORT:-5499}
cluster=debiantest
log() { printf '[debian-auth] %s\n' "$*"; }
fail() { log "FAILED: $*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v pg_createcluster >/dev/null || fail "pg_createcluster missing: Debian's postgresql-common is needed"
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
drop_cluster() {
  if pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    as_root pg_dropcluster --stop "$version" "$cluster"
  fi
}
drop_cluster # a leftover of an interrupted run
pg_isready -q -h 127.0.0.1 -p "$port" && fail "something already answers on port $port (EARSHOT_DEBIAN_TEST_PORT)"
trap 'drop_cluster; log "cluster $version/$cluster dropped"' EXIT

log "creating cluster $version/$cluster on port $port with Debian's default authentication"
as_root pg_createcluster --start-conf=manual "$version" "$cluster" -p "$port" >/dev/null
hba=/etc/postgresql/$version/$cluster/pg_hba.conf
rules=$(as_root grep -Ev '^[[:space:]]*(#|$)' "$hba")
grep -Eq '^local[[:space:]]+all[[:space:]]+all[[:space:]]+peer' <<<"$rules" || fail "$hba has no peer rule for the socket"
grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+scram-sha-256' <<<"$rules" ||
  fail "$hba does not ask TCP clients for a scram-sha-256 password"
grep -Eqw 'trust' <<<"$rules" && fail "$hba trusts someone: not Debian's default"
as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start

export EARSHOT_PG_PORT=$port
log "scripts/infra.sh postgresql, twice"
scripts/infra.sh postgresql
scripts/infra.sh postgresql

# as the services and tests connect: role earshot, over TCP, on 127.0.0.1 and on localhost (IPv6 first)
as_earshot() { # password, host, psql arguments...
  local password=$1 host=$2; shift 2
  PGPASSWORD=$password PGPASSFILE=/dev/null psql -X -w -h "$host" -p "$port" -U earshot -qtA "$@"
}
for host in 127.0.0.1 localhost; do
  [ "$(as_earshot earshot "$host" -d earshot -c 'select current_user')" = earshot ] ||
    fail "earshot cannot log in with its password over TCP ($host)"
  as_earshot "" "$host" -d earshot -c 'select 1' >/dev/null 2>&1 && fail "earshot logs in over TCP ($host) without a password"
  as_earshot wrong "$host" -d earshot -c 'select 1' >/dev/null 2>&1 && fail "earshot logs in over TCP ($host) with a wrong password"
done
expected=$(printf '%s\n' earshot earshot_e2e earshot_test ${EARSHOT_TEST_DB:-} | sort -u | paste -sd' ')
owned=$(as_earshot earshot 127.0.0.1 -d earshot -c \
  "select datname from pg_database where datdba = (select oid from pg_roles where rolname = 'earshot') order by 1" | paste -sd' ')
[ "$owned" = "$expected" ] || fail "earshot owns [$owned], expected [$expected]"
[ "$(scripts/psql-admin.sh -c "select rolpassword like 'SCRAM-SHA-256\$%' from pg_authid where rolname = 'earshot'")" = t ] ||
  fail "earshot's password is not stored as SCRAM-SHA-256"
log "earshot logs in over TCP with its password only, and owns: $owned"

log "a role earshot without a password gets one"
scripts/psql-admin.sh -c "alter role earshot password null"
as_earshot earshot 127.0.0.1 -d earshot -c 'select 1' >/dev/null 2>&1 && fail "earshot logs in with a password it no longer has"
scripts/infra.sh postgresql
[ "$(as_earshot earshot 127.0.0.1 -d earshot -c 'select current_user')" = earshot ] ||
  fail "infra.sh did not give earshot its password back"

log "a password that is not the services' makes infra.sh fail, saying so"
scripts/psql-admin.sh -c "alter role earshot password 'other'"
if message=$(scripts/infra.sh postgresql 2>&1); then fail "infra.sh accepted a role earshot the services cannot log in as"; fi
grep -q "cannot log in with password 'earshot'" <<<"$message" || fail "infra.sh failed without naming the cause: $message"

log "passed"
