import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** The hand-written fixture addons (written for 18.0; nothing in them but the version is series-specific). */
export const fixtureAddons18 = fileURLToPath(new URL('../fixtures/odoo-addons/18.0', import.meta.url));

/**
 * A copy of the fixture addons `modules` for `series`: each manifest's `version` moved from
 * `18.0.x` to `<series>.x` (Odoo 17 and 18 skip a module whose version names another series).
 * The copy lives in a temporary folder removed after the test; returns that folder.
 */
export function fixtureAddonsFor(t: TestContext, series: string, modules: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `forge-fixtures-${series}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const known = new Set(readdirSync(fixtureAddons18));
  for (const module of modules) {
    if (!known.has(module)) throw new Error(`no fixture addon ${module} in ${fixtureAddons18}`);
    cpSync(join(fixtureAddons18, module), join(dir, module), { recursive: true });
    const manifest = join(dir, module, '__manifest__.py');
    const text = readFileSync(manifest, 'utf8');
    const moved = text.replace(/(['"]version['"]\s*:\s*['"])18\.0\./, `$1${series}.`);
    if (series !== '18.0' && moved === text)
      throw new Error(`${manifest} has no 18.0.x version to move to ${series}`);
    writeFileSync(manifest, moved);
  }
  return dir;
}
