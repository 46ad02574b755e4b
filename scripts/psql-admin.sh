#!/usr/bin/env bash
# Runs psql as PostgreSQL's superuser the way Debian sets it up: as the `postgres` system user over the
# Unix socket (peer authentication, Debian's default), with runuser when root and sudo otherwise, so no
# pg_hba.conf change is needed. Arguments go to psql; output is unaligned tuples only, and the first
# error stops it. The cluster is the one on port EARSHOT_PG_PORT (else PGPORT, else 5432). psql runs
# in / (the postgres user may not enter the caller's directory): give SQL files on stdin.
#   scripts/psql-admin.sh -c "create database demo owner earshot"
#   scripts/psql-admin.sh -d earshot < some.sql
set -euo pipefail
port=${EARSHOT_PG_PORT:-${PGPORT:-5432}}
if [ "$(id -un)" = postgres ]; then
  as_postgres=()
elif [ "$(id -u)" = 0 ]; then
  as_postgres=(runuser -u postgres --)
elif command -v sudo >/dev/null; then
  as_postgres=(sudo -u postgres --)
else
  echo "[psql-admin] psql must run as the postgres system user: run this as root, or install sudo" >&2
  exit 1
fi
# the socket, not whatever server or user the caller's environment names
unset PGHOST PGHOSTADDR PGUSER PGPASSWORD PGDATABASE PGSERVICE
cd /
exec "${as_postgres[@]}" psql -X -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"
