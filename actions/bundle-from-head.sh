#!/usr/bin/env bash
# Rebuilds actions/*/dist from the committed sources (HEAD), not from the work tree, and copies
# the bundles back into the work tree. In a shared checkout, other people's uncommitted edits to
# core/ or runner/ would otherwise end up in a bundle, and .ci/run's bundle check (a fresh
# `npm run bundle` on a clean clone) would fail. Commit the sources first, run this, commit
# actions/*/dist. Usage: actions/bundle-from-head.sh [action,...]   (default: every action)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git archive HEAD | tar -x -C "$tmp"
ln -s "$PWD/node_modules" "$tmp/node_modules"
(cd "$tmp" && FORGE_ACTIONS="${1:-}" npm run --silent bundle)
# Only the actions asked for (all by default) are copied back: another action's bundle in the
# work tree is its owner's business.
for dist in "$tmp"/actions/*/dist; do
  name="$(basename "$(dirname "$dist")")"
  if [ -n "${1:-}" ] && ! printf ',%s,' "$1" | grep -q ",$name,"; then continue; fi
  mkdir -p "actions/$name/dist"
  cp "$dist"/*.js "actions/$name/dist/"
  echo "actions/$name/dist: $(cd "$dist" && ls ./*.js | tr '\n' ' ')"
done
