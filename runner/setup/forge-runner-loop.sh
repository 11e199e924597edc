#!/usr/bin/env bash
# The forge-runner service: registers a just-in-time runner (GitHub's generate-jitconfig: one job,
# then the runner is gone), runs its one job, removes what the job's stacks left behind, and starts
# over. Reads GH_TOKEN, FORGE_RUNNER_URL, FORGE_RUNNER_LABELS, FORGE_RUNNER_NAME (runner.env) and
# FORGE_RUNNER_DIR (the unpacked actions-runner).
set -euo pipefail
: "${GH_TOKEN:?GH_TOKEN is empty in /etc/odoo-forge/runner.env: see docs/runners.md}"
: "${FORGE_RUNNER_URL:?}" "${FORGE_RUNNER_DIR:?}"
labels="${FORGE_RUNNER_LABELS:-self-hosted,linux,odoo-forge}"
path="${FORGE_RUNNER_URL#https://*/}"
api="${GITHUB_API_URL:-https://api.github.com}"
case "$path" in
  */*) endpoint="$api/repos/${path%/}/actions/runners/generate-jitconfig" ;;
  *) endpoint="$api/orgs/${path%/}/actions/runners/generate-jitconfig" ;;
esac
while true; do
  name="${FORGE_RUNNER_NAME:-forge}-$(date +%s)"
  body="$(jq -n --arg name "$name" --arg labels "$labels" \
    '{name: $name, runner_group_id: 1, labels: ($labels | split(",")), work_folder: "_work"}')"
  config="$(curl -fsSL -X POST -H "Authorization: Bearer $GH_TOKEN" \
    -H 'Accept: application/vnd.github+json' -d "$body" "$endpoint" | jq -r .encoded_jit_config)"
  "$FORGE_RUNNER_DIR/run.sh" --jitconfig "$config" || echo "forge-runner: the runner exited with $?" >&2
  # Whatever a cancelled or killed job left: expired stacks and unfinished templates.
  node /opt/odoo-forge/forge/bin/odoo-forge.js stack reap || true
done
