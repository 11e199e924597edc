import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { writeAddon } from '../../cli/write-addon.js';
import { checkViewsInBrowser, type ViewCheckResult } from '../../runner/ui-check/check-views-in-browser.js';
import { serveLocalOdoo } from '../../runner/ui-check/serve-local-odoo.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';

/**
 * Every example spec, generated for the series of ODOO_SRC, installed on a real Odoo and opened
 * in Debian's Chromium: every action in every view type, a new record and an existing one. The
 * web client's view parsers run only there (a kanban without its card template installs fine).
 */
const odooSrc = process.env['ODOO_SRC'];
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

function skipReason(): string | undefined {
  if (!odooSrc) return 'ODOO_SRC not set: browser checks of generated views need a real Odoo source tree';
  if (!existsSync(chromium)) return `no Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH`;
  return undefined;
}

/** Each example, retargeted to the series under test (one series per addons path). */
function examplesFor(series: ModuleSpec['odoo']): ModuleSpec[] {
  return readdirSync(examplesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const result = parseSpec(readFileSync(join(examplesDir, name), 'utf8'));
      assert.ok(result.ok, `${name} is a valid spec`);
      return { ...result.spec, odoo: series };
    });
}

async function checkAddon(addonsDir: string, module: string, series: ModuleSpec['odoo']): Promise<ViewCheckResult> {
  const served = await serveLocalOdoo({ odooSrc: odooSrc ?? '', addonsDirs: [addonsDir], modules: [module] });
  try {
    return await checkViewsInBrowser({
      baseUrl: served.baseUrl,
      database: served.database,
      login: 'admin',
      password: 'admin',
      modules: [module],
      series,
    });
  } finally {
    await served.stop();
  }
}

test('generated views open in a real browser without a client error', { timeout: 30 * 60_000 }, async (t) => {
  const reason = skipReason();
  if (reason) return t.skip(reason);
  const series = readOdooSourceTree(odooSrc ?? '').series as ModuleSpec['odoo'];
  const addonsDir = mkdtempSync(join(tmpdir(), 'forge-ui-'));
  try {
    const specs = examplesFor(series);
    for (const spec of specs) await writeAddon(generate(spec), addonsDir, spec.module.name);
    for (const spec of specs) {
      await t.test(`${spec.module.name} on ${series}`, async () => {
        const result = await checkAddon(addonsDir, spec.module.name, series);
        assert.ok(result.actions.length > 0, 'the addon has window actions to open');
        assert.ok(result.steps.length >= result.actions.length * 2, 'every action was opened in several views');
        assert.deepEqual(result.problems, [], `client errors:\n${JSON.stringify(result.problems, null, 2)}`);
      });
    }
  } finally {
    rmSync(addonsDir, { recursive: true, force: true });
  }
});

test('a kanban view without its card template is caught in the browser', { timeout: 10 * 60_000 }, async (t) => {
  const reason = skipReason();
  if (reason) return t.skip(reason);
  const series = readOdooSourceTree(odooSrc ?? '').series as ModuleSpec['odoo'];
  const addonsDir = mkdtempSync(join(tmpdir(), 'forge-ui-bad-'));
  try {
    const spec = examplesFor(series).find((candidate) => candidate.module.name === 'library_loans');
    assert.ok(spec, 'the library example exists');
    const files = generate(spec);
    const viewsPath = 'views/library_book_views.xml';
    const broken = (files.get(viewsPath) ?? '').replace(/<templates>[\s\S]*?<\/templates>/, '<field name="title"/>');
    assert.notEqual(broken, files.get(viewsPath), 'the kanban templates were removed');
    await writeAddon(files, addonsDir, spec.module.name);
    writeFileSync(join(addonsDir, spec.module.name, viewsPath), broken);
    const result = await checkAddon(addonsDir, spec.module.name, series);
    const kanban = result.problems.find((problem) => problem.action.endsWith('library_book_action') && problem.step === 'kanban');
    assert.ok(kanban, `the kanban step failed: ${JSON.stringify(result.steps)}`);
    assert.match(kanban.message ?? '', /template/i);
  } finally {
    rmSync(addonsDir, { recursive: true, force: true });
  }
});
