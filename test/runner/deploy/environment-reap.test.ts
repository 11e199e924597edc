import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeLabel, stackLabels } from '../../../runner/containers/forge-labels.js';
import { ENVIRONMENT_TTL_SECONDS, environmentOwner } from '../../../runner/environments/environment-stack.js';
import { planUpdate, installedVersionOf } from '../../../runner/deploy/plan-update.js';
import { reapReason } from '../../../runner/stack/reap-stacks.js';

test('stack reap never judges an environment removable, even when the process that made it is gone', () => {
  const now = 1_800_000_000;
  const labels = stackLabels(
    {
      stackId: 'forge-env-staging',
      owner: environmentOwner('staging'),
      expiresAt: now + ENVIRONMENT_TTL_SECONDS,
    },
    'db',
  );
  const stack = {
    id: 'forge-env-staging',
    owner: labels[ForgeLabel.owner] ?? '',
    expiresAt: Number(labels[ForgeLabel.expires]),
    repository: '',
    containers: [],
    networks: [],
    volumes: [],
  };
  const judge = { now: now + 365 * 24 * 3600, hostname: 'runner-1', isAlive: () => false };
  assert.equal(reapReason(stack, judge), undefined);
  // The same stack owned by a dead process of this host would be reaped: the owner label is what protects it.
  assert.equal(reapReason({ ...stack, owner: '4242@runner-1' }, judge), 'owner-gone');
});

test('a deploy installs new addons, updates changed ones and leaves the others', () => {
  const plan = planUpdate(
    { library: 'h2', loans: 'h1', shelves: 'h9' },
    { library: 'h1', loans: 'h1' },
    new Set(['base', 'library', 'loans']),
  );
  assert.deepEqual(plan, { install: ['shelves'], update: ['library'], unchanged: ['loans'] });
});

test('manifest versions are compared as Odoo stores them (adapt_version)', () => {
  assert.equal(installedVersionOf('18.0.1.2.0', '18.0'), '18.0.1.2.0');
  assert.equal(installedVersionOf('1.2', '18.0'), '18.0.1.2');
  assert.equal(installedVersionOf(undefined, '17.0'), '17.0.1.0');
});
