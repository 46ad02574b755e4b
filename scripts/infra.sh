#!/usr/bin/env bash
# Makes sure Redis, PostgreSQL and RabbitMQ answer on localhost (installing them with apt-get where
# they are missing, starting them where they are stopped) and creates what the system and its tests
# use: the PostgreSQL role `earshot` (password `earshot`) with databases earshot, earshot_test and
# earshot_e2e, and the RabbitMQ virtual hosts earshot-test-{messaging,listener,sentiment,response} and
# earshot-e2e; also the database EARSHOT_TEST_DB and the virtual host EARSHOT_TEST_VHOST where they are
# set. Also installs kubectl where it is missing (deploy-tests renders deploy/kubernetes with
# `kubectl kustomize`), and chromium with chromium-driver where /usr/bin/chromedriver is missing (the inbox's
# browser tests). Safe to run again.
#
# PostgreSQL is administered as Debian intends, as the `postgres` system user over the Unix socket
# (scripts/psql-admin.sh); the services and tests log in as `earshot` with its password over TCP, which
# Debian's default pg_hba.conf (peer on the socket, scram-sha-256 on TCP) allows.
#
#   scripts/infra.sh                                   # everything
#   scripts/infra.sh postgresql rabbitmq               # only these parts (postgresql redis rabbitmq kubectl browser)
#   EARSHOT_PG_PORT=5433 scripts/infra.sh postgresql   # the PostgreSQL cluster on another port (else PGPORT, else 5432)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[infra] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=no
install_packages() {
  if [ "$apt_updated" = no ]; then as_root apt-get update -qq; apt_updated=yes; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  log "$what did not come up"; return 1
}

# A name from the environment that goes into SQL or rabbitmqctl: letters, digits, _ and - only.
safe_name() { [[ $1 =~ ^[A-Za-z0-9_-]+$ ]] || { log "refusing the name '$1'"; exit 1; }; }

export EARSHOT_PG_PORT=${EARSHOT_PG_PORT:-${PGPORT:-5432}}
pg_admin() { scripts/psql-admin.sh "$@"; }

postgresql() {
  command -v pg_ctlcluster >/dev/null || { log "installing PostgreSQL"; install_packages postgresql; }
  if ! pg_isready -q -h 127.0.0.1 -p "$EARSHOT_PG_PORT"; then
    local cluster
    cluster=$(pg_lsclusters -h | awk -v port="$EARSHOT_PG_PORT" '$3 == port { print $1, $2; exit }')
    [ -n "$cluster" ] || { log "no PostgreSQL cluster is set up on port $EARSHOT_PG_PORT (pg_lsclusters)"; exit 1; }
    log "starting PostgreSQL $cluster"
    # shellcheck disable=SC2086 # version and cluster name
    as_root pg_ctlcluster --skip-systemctl-redirect $cluster start
    wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p "$EARSHOT_PG_PORT"
  fi

  if [ "$(pg_admin -c "select 1 from pg_roles where rolname = 'earshot'")" != 1 ]; then
    log "creating the PostgreSQL role earshot"
    pg_admin -c "create role earshot login password 'earshot'"
  elif [ "$(pg_admin -c "select rolpassword is null from pg_authid where rolname = 'earshot'")" = t ]; then
    # made where local TCP was trusted: without a password it cannot log in where it is not
    log "giving the PostgreSQL role earshot its password"
    pg_admin -c "alter role earshot login password 'earshot'"
  fi
  local db
  for db in earshot earshot_test earshot_e2e ${EARSHOT_TEST_DB:-}; do
    safe_name "$db"
    if [ "$(pg_admin -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
      pg_admin -c "create database \"$db\" owner earshot"
    fi
  done
  # what the services and tests do: log in as earshot, with the password, over TCP
  local denied
  if ! denied=$(PGPASSWORD=earshot PGPASSFILE=/dev/null psql -X -w -h 127.0.0.1 -p "$EARSHOT_PG_PORT" -U earshot \
      -d earshot -qtAc 'select 1' 2>&1 >/dev/null); then
    log "the role earshot cannot log in with password 'earshot' over TCP on port $EARSHOT_PG_PORT: $denied"
    log "(the services and tests use that password; a changed one can be set back with" \
      "scripts/psql-admin.sh -c \"alter role earshot password 'earshot'\")"
    exit 1
  fi
}

redis() {
  command -v redis-server >/dev/null || { log "installing Redis"; install_packages redis-server; }
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    log "starting Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for Redis redis-cli -h 127.0.0.1 ping
  fi
}

rabbitmq() {
  command -v rabbitmq-server >/dev/null || { log "installing RabbitMQ"; install_packages rabbitmq-server; }
  if ! as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached
    wait_for RabbitMQ as_root rabbitmq-diagnostics -q ping
  fi
  local vhost
  for vhost in earshot-test-messaging earshot-test-listener earshot-test-sentiment earshot-test-response earshot-e2e \
      ${EARSHOT_TEST_VHOST:-}; do
    safe_name "$vhost"
    if ! as_root rabbitmqctl -q list_vhosts | grep -qx "$vhost"; then
      as_root rabbitmqctl -q add_vhost "$vhost"
    fi
    as_root rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
  done
}

# deploy-tests renders the manifests with kubectl's built-in kustomize (v5: kubectl 1.27 or newer) and skips
# its checks where kubectl is missing, so a machine whose apt sources lack the package still gets its servers.
kubectl_client() {
  if ! command -v kubectl >/dev/null; then
    log "installing kubectl"
    install_packages kubectl || log "kubectl could not be installed with apt-get: deploy-tests will skip its checks" \
      "(deploy/README.md, 'Installing kubectl', says how to get it)"
  fi
}

# The inbox's browser tests drive Debian's headless Chromium through /usr/bin/chromedriver (Selenium downloads nothing).
browser() {
  if [ ! -x /usr/bin/chromedriver ]; then
    log "installing chromium and chromium-driver"
    install_packages chromium chromium-driver
  fi
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(postgresql redis rabbitmq kubectl browser)
for part in "${parts[@]}"; do
  case $part in
    postgresql | redis | rabbitmq) "$part" ;;
    kubectl) kubectl_client ;;
    browser) browser ;;
    *) log "unknown part '$part' (postgresql, redis, rabbitmq, kubectl, browser)"; exit 1 ;;
  esac
done
log "ready: ${parts[*]}"
