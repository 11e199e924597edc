#!/usr/bin/env bash
# Starts Podman's Docker-compatible API on a unix socket with Odoo Forge's own configuration
# (runner/podman/*.conf, rendered into a state folder; /etc/containers is not read), waits until
# it answers, and prints the environment to use it:
#
#   eval "$(runner/podman/start-podman-service.sh)"    # exports DOCKER_HOST and CONTAINERS_*
#
# Settings (environment):
#   FORGE_PODMAN_SOCKET   socket path                (default /run/forge-podman.sock)
#   FORGE_PODMAN_STATE    rendered config, log, pid  (default /run/odoo-forge/podman)
#   FORGE_PODMAN_GRAPHROOT image and container store (default /var/lib/odoo-forge/podman/storage)
# Idempotent: when the socket already answers, it only prints the environment.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
socket="${FORGE_PODMAN_SOCKET:-/run/forge-podman.sock}"
state="${FORGE_PODMAN_STATE:-/run/odoo-forge/podman}"
graphroot="${FORGE_PODMAN_GRAPHROOT:-/var/lib/odoo-forge/podman/storage}"
runroot="$state/runroot"

say() { echo "start-podman-service: $*" >&2; }

for tool in podman runc conmon curl; do
  if ! command -v "$tool" >/dev/null; then
    say "$tool is not installed. Install it with: apt-get install -y podman runc curl"
    exit 1
  fi
done

mkdir -p "$state" "$graphroot" "$runroot"
sed -e "s|@FORGE_PODMAN_CONF_DIR@|$state|g" -e "s|@PATH@|$PATH|g" \
  "$here/containers.conf" >"$state/containers.conf"
sed -e "s|@FORGE_PODMAN_GRAPHROOT@|$graphroot|g" -e "s|@FORGE_PODMAN_RUNROOT@|$runroot|g" \
  "$here/storage.conf" >"$state/storage.conf"

export CONTAINERS_CONF="$state/containers.conf"
export CONTAINERS_STORAGE_CONF="$state/storage.conf"

ping() { curl -fsS --max-time 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }

if ! ping; then
  rm -f "$socket"
  say "starting podman system service on unix://$socket (log: $state/service.log)"
  # From / : conmon inherits the service's working directory, and when that folder is removed
  # (a CI clone deleted after its run) every container start fails with "write child: broken pipe".
  (cd / && exec nohup podman system service --time=0 "unix://$socket" >"$state/service.log" 2>&1) &
  echo $! >"$state/service.pid"
  for _ in $(seq 1 100); do
    ping && break
    if ! kill -0 "$(cat "$state/service.pid")" 2>/dev/null; then
      say "podman exited at start; its log:"
      cat "$state/service.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if ! ping; then
    say "podman does not answer on $socket after 20 s; its log: $state/service.log"
    exit 1
  fi
fi
say "podman answers on unix://$socket"
echo "export DOCKER_HOST=unix://$socket"
echo "export CONTAINERS_CONF=$state/containers.conf"
echo "export CONTAINERS_STORAGE_CONF=$state/storage.conf"
