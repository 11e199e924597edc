import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupportedSeries } from '../support/odoo-trees.js';

/** How a fixture written for 18.0 is turned into the same addon for another series. */
export interface RetargetOptions {
  /** The manifest version to write instead of `18.0.x`; default the series' own `x.0.1.0.0`. */
  version?: string;
  /** Keep `<list>` views on 16.0/17.0 (the fixture is about `<list>` itself). */
  keepViews?: boolean;
  /** Write the views in the syntax of this series instead (an addon of another series). */
  syntax?: SupportedSeries;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * What changes between the series for the fixtures: the manifest version's prefix, `<list>`
 * (18.0) against `<tree>` (16.0, 17.0), and `invisible="expr"` (17.0 and later) against
 * `attrs` (16.0). Anything else in a fixture is valid on every series.
 */
export function retargetText(
  path: string,
  text: string,
  series: SupportedSeries,
  options: RetargetOptions = {},
): string {
  if (path.endsWith('__manifest__.py')) {
    if (options.version !== undefined)
      return text.replace(/'version': '[^']*'/, `'version': '${options.version}'`);
    return text.replace(/'version': '18\.0\./, `'version': '${series}.`);
  }
  if (!path.endsWith('.xml')) return text;
  const syntax = options.syntax ?? series;
  let out = text;
  if (syntax !== '18.0' && !options.keepViews) {
    out = out.replace(/<list\b/g, '<tree').replace(/<\/list>/g, '</tree>');
  }
  if (syntax === '16.0') {
    out = out.replace(/invisible="state == '(\w+)'"/g, `attrs="{'invisible': [('state', '=', '$1')]}"`);
  }
  return out;
}

/** Copies the fixture folder `from` to `to`, rewritten for `series`. */
export function retargetFixture(
  from: string,
  to: string,
  series: SupportedSeries,
  options: RetargetOptions = {},
): void {
  cpSync(from, to, { recursive: true });
  for (const file of filesUnder(to)) {
    if (!/\.(py|xml)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    const changed = retargetText(file, text, series, options);
    if (changed !== text) writeFileSync(file, changed);
  }
}
