import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { toError } from '../../../core/errors/forge-error.js';
import { ForgeLabel } from '../../../runner/containers/forge-labels.js';
import { defaultLocalPostgres } from '../../../runner/local-odoo/local-postgres.js';
import { reapLocalRuns } from '../../../runner/local-odoo/reap-local-runs.js';
import { connectEngine } from '../../../runner/pr/connect-engine.js';
import { removeStackObjects } from '../../../runner/stack/remove-stack-objects.js';
import { StateKey } from './state-keys.js';
import { stacksOfMain } from './stacks-of-main.js';

/**
 * Post step of actions/test, run whatever main did (also after a cancel or a kill): removes every
 * stack main started (the ids it saved, and any stack labelled with main's owner). Only warns.
 */
async function post(): Promise<void> {
  const owner = core.getState(StateKey.owner);
  if (!owner) return core.info('Nothing to clean up: main saved no state.');
  if (core.getState(StateKey.cleanedUp) === 'true')
    return core.info('Nothing to clean up: main removed every stack it started.');
  if (core.getState(StateKey.mode) === 'local') {
    const removed = await reapLocalRuns(defaultLocalPostgres, join(tmpdir(), 'odoo-forge-local-odoo'));
    return core.info(removed.length > 0 ? `Removed ${removed.join(', ')}.` : 'Nothing left by main.');
  }
  const saved = JSON.parse(core.getState(StateKey.stacks) || '[]') as string[];
  const driver = await connectEngine({ env: process.env });
  const stacks = await stacksOfMain(driver, owner, saved);
  const ids = new Set([...saved, ...stacks.map((s) => s.id)]);
  for (const id of ids) {
    const known = stacks.find((s) => s.id === id)?.containers.map((c) => c.id) ?? [];
    await removeStackObjects(driver, id, known);
  }
  const left = (await driver.listContainers({ [ForgeLabel.owner]: owner })).length;
  core.info(
    `Removed ${stacks.length} stack(s) left by main${left > 0 ? `; ${left} container(s) still there` : ''}.`,
  );
}

try {
  await post();
} catch (thrown) {
  core.warning(`actions/test post: ${toError(thrown).message}`);
}
