import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { defaultForgeConfig, parseForgeConfig } from '../../core/config/forge-config.js';
import { specVersionOf } from '../../app/spec-comment/spec-comment.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { botComments, fileRequest } from './support/conversation.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

describe('.github/odoo-forge.yml', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('an invalid file gets a comment naming each bad key, and the app goes on with the defaults', async () => {
    harness = await startHarness({
      routes,
      payloads,
      files: { '.github/odoo-forge.yml': 'odoo: 15.0\nbranch_prefx: x/\nlabels:\n  spec: ""\n' },
    });

    const issue = await fileRequest(harness);

    const [problem, spec] = botComments(harness, issue);
    assert.match(problem?.body ?? '', /could not use `\.github\/odoo-forge\.yml`/);
    assert.match(problem?.body ?? '', /`odoo`: expected "18\.0", "17\.0" or "16\.0"/);
    assert.match(problem?.body ?? '', /unknown key `branch_prefx`/);
    assert.match(problem?.body ?? '', /`labels\.spec`/);
    assert.equal(specVersionOf(spec?.body ?? ''), 1);
    assert.deepEqual(issue.labels, ['forge:spec'], 'the default label');
  });

  it('a file that is not YAML gets a comment too', async () => {
    harness = await startHarness({ routes, payloads, files: { '.github/odoo-forge.yml': 'odoo: [18.0\n' } });

    const issue = await fileRequest(harness);

    assert.match(botComments(harness, issue)[0]?.body ?? '', /invalid YAML/);
  });
});

describe('templates/odoo-forge.yml', () => {
  it('is valid as shipped, and uncommenting every key gives exactly the defaults', async () => {
    const text = await readFile(new URL('../../templates/odoo-forge.yml', import.meta.url), 'utf8');
    const uncommented = text.replace(/^# ?(?=[a-z ]+[a-z_]+:)/gm, '').replace(/^#.*$/gm, '');

    const shipped = parseForgeConfig(parse(text) as unknown);
    const full = parseForgeConfig(parse(uncommented) as unknown);

    assert.deepEqual(shipped, { ok: true, config: defaultForgeConfig });
    assert.deepEqual(full, { ok: true, config: defaultForgeConfig });
  });
});
