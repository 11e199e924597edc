#!/bin/sh
# A small stand-in for the official image's entrypoint: initdb on first start with the
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB settings, listen on every address, then exec.
set -eu
: "${POSTGRES_USER:=postgres}" "${POSTGRES_PASSWORD:=}" "${POSTGRES_DB:=$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    postgres -D "$PGDATA" -c listen_addresses='' >/dev/null 2>&1 &
    pid=$!
    until pg_isready -q -h /var/run/postgresql; do sleep 0.1; done
    createdb -h /var/run/postgresql -U "$POSTGRES_USER" "$POSTGRES_DB"
    kill -INT "$pid"; wait "$pid" || true
  fi
fi
if [ "${1:-}" = postgres ]; then
  shift
  exec postgres -D "$PGDATA" -c listen_addresses='*' -c fsync=off -c full_page_writes=off \
    -c synchronous_commit=off "$@"
fi
exec "$@"
