#!/usr/bin/env bash
# Makes sure Redis, PostgreSQL and RabbitMQ answer on localhost (installing them with apt-get where
# they are missing, starting them where they are stopped) and creates what the system and its tests
# use: the PostgreSQL user `earshot` with databases earshot, earshot_test and earshot_e2e, and the
# RabbitMQ virtual hosts earshot-test-{listener,sentiment,response} and earshot-e2e. Also installs
# kubectl where it is missing (deploy-tests renders deploy/kubernetes with `kubectl kustomize`).
# Safe to run again.
set -euo pipefail

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

# PostgreSQL
command -v pg_ctlcluster >/dev/null || { log "installing PostgreSQL"; install_packages postgresql; }
if ! pg_isready -q -h 127.0.0.1; then
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  wait_for PostgreSQL pg_isready -q -h 127.0.0.1
fi

# Redis
command -v redis-server >/dev/null || { log "installing Redis"; install_packages redis-server; }
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis-cli -h 127.0.0.1 ping
fi

# RabbitMQ
command -v rabbitmq-server >/dev/null || { log "installing RabbitMQ"; install_packages rabbitmq-server; }
if ! as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  log "starting RabbitMQ"
  as_root rabbitmq-server -detached
  wait_for RabbitMQ as_root rabbitmq-diagnostics -q ping
fi
for vhost in earshot-test-messaging earshot-test-listener earshot-test-sentiment earshot-test-response earshot-e2e; do
  if ! as_root rabbitmqctl -q list_vhosts | grep -qx "$vhost"; then
    as_root rabbitmqctl -q add_vhost "$vhost"
  fi
  as_root rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
done

# PostgreSQL user and databases (trust auth on localhost, as on this project's machines)
psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='earshot'")" != 1 ]; then
  psql_admin -c "create role earshot login password 'earshot'"
fi
for db in earshot earshot_test earshot_e2e; do
  if [ "$(psql_admin -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
    psql_admin -c "create database $db owner earshot"
  fi
done

# kubectl: deploy-tests renders the manifests with its built-in kustomize (v5, kubectl 1.27 or newer)
# Only the deploy checks need it, so a machine whose apt sources lack the package still gets its servers.
if ! command -v kubectl >/dev/null; then
  log "installing kubectl"
  install_packages kubectl || log "kubectl could not be installed with apt-get: the deploy-tests module needs it" \
    "(see deploy/README.md, 'Installing kubectl')"
fi

log "Redis, PostgreSQL and RabbitMQ answer; databases and virtual hosts are ready"
