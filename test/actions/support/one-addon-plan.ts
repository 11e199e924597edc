import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { planPrTests, type PrTestPlan } from '../../../runner/pr/test-plan.js';

/**
 * A repository folder with one 18.0 addon, `library` (depends on base), and the plan of a pull
 * request touching it; the folder is removed after the test.
 */
export async function oneAddonPlan(
  t: TestContext,
  prefix: string,
): Promise<{ repo: string; plan: PrTestPlan }> {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(join(repo, 'library'));
  writeFileSync(
    join(repo, 'library', '__manifest__.py'),
    "{'name': 'Library', 'version': '18.0.1.0.0', 'depends': ['base']}\n",
  );
  writeFileSync(join(repo, 'library', '__init__.py'), '');
  return { repo, plan: await planPrTests({ addonsDirs: [repo], touched: ['library'] }) };
}
