import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import { seriesOfReleasePy } from '../odoo/read-odoo-series.js';

/** An Odoo source tree on this machine, and how to run it. */
export interface OdooSourceTree {
  /** The tree's real path. */
  root: string;
  /** `16.0`, `17.0`, `18.0`, read from `odoo/release.py`. */
  series: string;
  /** The full version string when release.py has one (`18.0-20250925`), else the series. */
  version: string;
  /** `<root>/odoo-bin` (source checkouts), or `<root>/setup/odoo` (nightly exports without odoo-bin). */
  entryPoint: string;
  /** `<root>/odoo/addons`, plus `<root>/addons` when it exists. */
  addonsPaths: string[];
}

/** Reads an Odoo source tree (the value of ODOO_SRC). */
export function readOdooSourceTree(path: string): OdooSourceTree {
  const releaseFile = join(path, 'odoo', 'release.py');
  if (!existsSync(releaseFile)) {
    throw new ForgeError(
      'input.odoo-src',
      `${path} is not an Odoo source tree: ${releaseFile} does not exist`,
      {
        hint: 'point ODOO_SRC at the folder that holds odoo/release.py (see docs/real-odoo.md)',
      },
    );
  }
  const root = realpathSync(path);
  const release = readFileSync(releaseFile, 'utf8');
  const series = seriesOfReleasePy(release);
  if (!series) {
    throw new ForgeError('odoo-src.release', `cannot read version_info from ${releaseFile}`, {
      hint: 'the tree may be damaged; export it again',
    });
  }
  const suffix = /^version\s*\+=\s*'([^']*)'/m.exec(release)?.[1] ?? '';
  const odooBin = join(root, 'odoo-bin');
  const entryPoint = existsSync(odooBin) ? odooBin : join(root, 'setup', 'odoo');
  if (!existsSync(entryPoint)) {
    throw new ForgeError('input.odoo-src', `${root} has neither odoo-bin nor setup/odoo`, {
      hint: 'point ODOO_SRC at a full Odoo source tree',
    });
  }
  const addonsPaths = [join(root, 'odoo', 'addons')];
  if (existsSync(join(root, 'addons'))) addonsPaths.push(join(root, 'addons'));
  return { root, series, version: `${series}${suffix}`, entryPoint, addonsPaths };
}

/**
 * The environment of an Odoo process run from `tree`: the tree on PYTHONPATH and no `.pyc`
 * written into it (source trees may be read-only, as in CI; Odoo's data dir is elsewhere).
 */
export function odooProcessEnv(
  tree: OdooSourceTree,
  extra: Record<string, string> = {},
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return { ...base, ...extra, PYTHONPATH: tree.root, PYTHONDONTWRITEBYTECODE: '1' };
}
