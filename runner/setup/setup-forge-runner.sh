#!/usr/bin/env bash
# Turns a bare Debian 12 / Ubuntu 22.04+ host into an Odoo Forge runner (docs/runners.md):
#   1. packages: git, curl, jq and a container engine (Podman, rootless, or Docker);
#   2. a `forge-runner` user that owns the engine socket the jobs use;
#   3. Node 24 and the Odoo Forge CLI (to build the images and warm the template databases);
#   4. the GitHub Actions runner (>= 2.327.1, for node24 actions);
#   5. the images pulled (odoo:<series>, postgres:16) and one template database per series warmed,
#      so the first pull request's job does not pay for them;
#   6. a systemd service that registers a just-in-time runner (one job per runner, labels
#      self-hosted,linux,odoo-forge), runs one job, and registers the next.
# Every step is idempotent: run it again to upgrade or to add a series. --dry-run prints the plan.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: setup-forge-runner.sh --url https://github.com/OWNER[/REPO] [options]

  --url URL            repository (or organization) the runner serves (required)
  --series LIST        Odoo series to prepare, comma-separated (default: 18.0)
  --engine NAME        podman (rootless, default) or docker
  --name NAME          runner name prefix (default: the host name)
  --labels LIST        extra labels besides self-hosted,linux,odoo-forge
  --forge-ref REF      Odoo Forge git ref for the CLI (default: v1)
  --runner-version V   GitHub Actions runner version (default: the latest release)
  --no-warm            skip warming the template databases
  --dry-run            print what would be done; change nothing
  -h, --help           this text

The service needs a token that may create runners, in /etc/odoo-forge/runner.env:
  GH_TOKEN=<a fine-grained token with "Administration: write" on the repository, or
            "Self-hosted runners: write" on the organization; or the Forge app's
            installation token when the app holds those permissions>
USAGE
}

URL='' SERIES='18.0' ENGINE='podman' RUNNER_NAME="$(hostname -s 2>/dev/null || echo forge)" EXTRA_LABELS=''
FORGE_REF='v1' RUNNER_VERSION='' WARM=1 DRY_RUN=0
RUNNER_USER='forge-runner' PREFIX='/opt/odoo-forge' CONFIG_DIR='/etc/odoo-forge'
MIN_RUNNER='2.327.1' NODE_VERSION='24.11.1'

fail() { echo "setup-forge-runner: $1" >&2; [ -n "${2:-}" ] && echo "hint: $2" >&2; exit "${3:-1}"; }
bad_input() { fail "$1" "${2:-run with --help}" 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="${2:-}"; shift 2 ;;
    --series) SERIES="${2:-}"; shift 2 ;;
    --engine) ENGINE="${2:-}"; shift 2 ;;
    --name) RUNNER_NAME="${2:-}"; shift 2 ;;
    --labels) EXTRA_LABELS="${2:-}"; shift 2 ;;
    --forge-ref) FORGE_REF="${2:-}"; shift 2 ;;
    --runner-version) RUNNER_VERSION="${2:-}"; shift 2 ;;
    --no-warm) WARM=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) bad_input "unknown option $1" ;;
  esac
done

[[ "$URL" =~ ^https://[^/]+/[^/]+(/[^/]+)?/?$ ]] ||
  bad_input "--url ${URL:-(missing)} is not a repository or organization URL" \
    'give e.g. --url https://github.com/acme/odoo-addons'
case "$ENGINE" in podman | docker) ;; *) bad_input "--engine $ENGINE is neither podman nor docker" ;; esac
IFS=',' read -r -a SERIES_LIST <<<"$SERIES"
for s in "${SERIES_LIST[@]}"; do
  [[ "$s" =~ ^(16|17|18)\.0$ ]] || bad_input "--series: $s is not an Odoo series Forge supports (16.0, 17.0, 18.0)"
done
LABELS="self-hosted,linux,odoo-forge${EXTRA_LABELS:+,$EXTRA_LABELS}"

# Runs a command, or prints it under --dry-run.
run() {
  if [ "$DRY_RUN" = 1 ]; then printf '+ %s\n' "$*"; else "$@"; fi
}
# Runs a shell snippet as the runner user, in its login environment (XDG_RUNTIME_DIR for Podman).
as_runner() {
  if [ "$DRY_RUN" = 1 ]; then printf '+ (as %s) %s\n' "$RUNNER_USER" "$1"; return; fi
  runuser -l "$RUNNER_USER" -c "export XDG_RUNTIME_DIR=/run/user/\$(id -u) PATH=$PREFIX/node/bin:\$PATH; $1"
}
step() { echo "==> $*"; }

check_host() {
  step "host"
  [ "$(uname -m)" = x86_64 ] || fail "this host is $(uname -m); the Forge runner needs x86_64"
  . /etc/os-release
  case "${ID:-}" in debian | ubuntu) ;; *) fail "${PRETTY_NAME:-this system} is not Debian or Ubuntu" ;; esac
  [ "$DRY_RUN" = 1 ] || [ "$(id -u)" = 0 ] || fail 'run as root (sudo)'
  echo "    ${PRETTY_NAME:-$ID}; engine $ENGINE; series ${SERIES_LIST[*]}; labels $LABELS; $URL"
}

install_packages() {
  step "packages"
  local engine_packages='podman uidmap slirp4netns dbus-user-session'
  [ "$ENGINE" = docker ] && engine_packages='docker.io'
  run apt-get update -qq
  # shellcheck disable=SC2086
  run apt-get install -y -qq --no-install-recommends curl ca-certificates git jq tar $engine_packages
}

create_user() {
  step "user $RUNNER_USER"
  if ! id "$RUNNER_USER" >/dev/null 2>&1; then
    run useradd --create-home --shell /bin/bash "$RUNNER_USER"
  fi
  if [ "$ENGINE" = docker ]; then
    run usermod -aG docker "$RUNNER_USER"
    ENGINE_HOST='unix:///var/run/docker.sock'
  else
    # Rootless Podman serving the Docker API on the user's socket, also without a login session.
    run loginctl enable-linger "$RUNNER_USER"
    as_runner 'systemctl --user enable --now podman.socket'
    ENGINE_HOST="unix:///run/user/$(id -u "$RUNNER_USER" 2>/dev/null || echo UID)/podman/podman.sock"
  fi
}

install_node_and_forge() {
  step "Node $NODE_VERSION and the Odoo Forge CLI ($FORGE_REF)"
  run mkdir -p "$PREFIX"
  if [ ! -x "$PREFIX/node/bin/node" ] || [ "$("$PREFIX/node/bin/node" --version)" != "v$NODE_VERSION" ]; then
    run sh -c "curl -fsSL https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz | tar -xJ -C '$PREFIX' && rm -rf '$PREFIX/node' && mv '$PREFIX/node-v$NODE_VERSION-linux-x64' '$PREFIX/node'"
  fi
  if [ -d "$PREFIX/forge/.git" ]; then
    run git -C "$PREFIX/forge" fetch -q --depth 1 origin "$FORGE_REF"
    run git -C "$PREFIX/forge" checkout -q FETCH_HEAD
  else
    run git clone -q --depth 1 --branch "$FORGE_REF" https://github.com/odoo-forge/odoo-forge.git "$PREFIX/forge"
  fi
  run sh -c "cd '$PREFIX/forge' && PATH='$PREFIX/node/bin':\$PATH npm ci --no-audit --no-fund --omit=optional && PATH='$PREFIX/node/bin':\$PATH npm run build"
  run chown -R "$RUNNER_USER" "$PREFIX"
}

install_runner() {
  step "GitHub Actions runner"
  if [ -z "$RUNNER_VERSION" ]; then
    if [ "$DRY_RUN" = 1 ]; then RUNNER_VERSION='<latest>'; else
      RUNNER_VERSION="$(curl -fsSL https://api.github.com/repos/actions/runner/releases/latest | jq -r .tag_name | sed 's/^v//')"
    fi
  fi
  if [ "$DRY_RUN" = 0 ] && [ "$(printf '%s\n%s\n' "$MIN_RUNNER" "$RUNNER_VERSION" | sort -V | head -1)" != "$MIN_RUNNER" ]; then
    fail "runner $RUNNER_VERSION is older than $MIN_RUNNER, the first to run node24 actions"
  fi
  local dir="$PREFIX/actions-runner"
  run mkdir -p "$dir"
  run sh -c "curl -fsSL https://github.com/actions/runner/releases/download/v$RUNNER_VERSION/actions-runner-linux-x64-$RUNNER_VERSION.tar.gz | tar -xz -C '$dir'"
  run "$dir/bin/installdependencies.sh"
  # The jobs' environment: the engine socket and the images the Forge actions default to.
  run sh -c "printf 'DOCKER_HOST=%s\nFORGE_POSTGRES_IMAGE=docker.io/library/postgres:16\nLANG=C.UTF-8\n' '$ENGINE_HOST' > '$dir/.env'"
  run chown -R "$RUNNER_USER" "$dir"
}

pull_and_warm() {
  step "images and template databases"
  local cli="docker"
  [ "$ENGINE" = podman ] && cli="podman"
  as_runner "$cli pull -q docker.io/library/postgres:16"
  for s in "${SERIES_LIST[@]}"; do as_runner "$cli pull -q docker.io/library/odoo:$s"; done
  [ "$WARM" = 1 ] || return 0
  # A one-module addon that depends on base: its run builds the template database of base for
  # the series (reused by every later run whose addons need no more than base; others build
  # theirs once, then reuse it).
  local warm="$PREFIX/warm-addon/forge_warmup"
  run mkdir -p "$warm"
  run touch "$warm/__init__.py"
  for s in "${SERIES_LIST[@]}"; do
    manifest="{'name': 'Forge warm-up', 'version': '$s.1.0.0', 'depends': ['base'], 'license': 'LGPL-3'}"
    run sh -c "echo \"$manifest\" > '$warm/__manifest__.py'"
    run chown -R "$RUNNER_USER" "$PREFIX/warm-addon"
    as_runner "DOCKER_HOST=$ENGINE_HOST node $PREFIX/forge/bin/odoo-forge.js test $PREFIX/warm-addon --odoo-image docker.io/library/odoo:$s --postgres-image docker.io/library/postgres:16 --allow-no-tests"
  done
}

install_service() {
  step "service forge-runner (just-in-time runners, one job each)"
  run mkdir -p "$CONFIG_DIR"
  if [ ! -f "$CONFIG_DIR/runner.env" ]; then
    run sh -c "umask 077 && printf 'GH_TOKEN=\nFORGE_RUNNER_URL=%s\nFORGE_RUNNER_LABELS=%s\nFORGE_RUNNER_NAME=%s\n' '$URL' '$LABELS' '$RUNNER_NAME' > '$CONFIG_DIR/runner.env' && chown '$RUNNER_USER' '$CONFIG_DIR/runner.env'"
  fi
  run install -m 0755 "$(dirname "$0")/forge-runner-loop.sh" "$PREFIX/forge-runner-loop.sh"
  run sh -c "cat > /etc/systemd/system/forge-runner.service <<UNIT
[Unit]
Description=Odoo Forge runner (GitHub Actions, just-in-time, one job per registration)
After=network-online.target
Wants=network-online.target

[Service]
User=$RUNNER_USER
EnvironmentFile=$CONFIG_DIR/runner.env
Environment=FORGE_RUNNER_DIR=$PREFIX/actions-runner
Environment=PATH=$PREFIX/node/bin:/usr/local/bin:/usr/bin:/bin
ExecStart=$PREFIX/forge-runner-loop.sh
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT"
  run systemctl daemon-reload
  run systemctl enable forge-runner.service
  echo "    put GH_TOKEN into $CONFIG_DIR/runner.env, then: systemctl start forge-runner"
}

check_host
install_packages
create_user
install_node_and_forge
install_runner
pull_and_warm
install_service
step "done: jobs with runs-on [self-hosted, linux, odoo-forge] now run here (docs/runners.md)"
