#!/bin/sh
# Entrypoint of the Forge runner image: starts the runner user's PostgreSQL cluster (127.0.0.1:5432,
# role odoo/odoo: what actions/test in local mode expects), then runs the command (the Actions
# runner's run.sh under ARC). The cluster stops with the pod.
set -eu
pg_ctl -D "$PGDATA" -l "$HOME/postgres.log" -w -t 60 start >/dev/null
exec "$@"
