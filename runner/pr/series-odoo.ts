import { resolve } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readOdooSourceTree } from '../local-odoo/odoo-source-tree.js';

/** Where the Odoo of one series comes from in a pull request's verdict. */
export type SeriesOdoo = { kind: 'image'; image: string } | { kind: 'source'; sourceDir: string };

/** The `odoo-image` and `odoo-src` inputs, one entry a line (or comma-separated). */
export interface SeriesOdooInput {
  /** `IMAGE` (its tag names the series, or `{series}` in it stands for any), or `SERIES=IMAGE`. */
  odooImage: string;
  /** `PATH` (the tree's odoo/release.py names its series), or `SERIES=PATH`. */
  odooSrc: string;
  /** Relative paths are read from here (the workspace). */
  cwd: string;
}

const SERIES_PREFIX = /^(\d{2}\.0)=(.+)$/;

function entries(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads the inputs into series → Odoo; `{series}` images answer for every series asked later. */
export function parseSeriesOdoo(input: SeriesOdooInput): (series: string) => SeriesOdoo | undefined {
  const known = new Map<string, SeriesOdoo>();
  const templates: string[] = [];
  for (const entry of entries(input.odooSrc)) {
    const named = SERIES_PREFIX.exec(entry);
    const path = resolve(input.cwd, named ? (named[2] as string) : entry);
    const tree = readOdooSourceTree(path);
    if (named && named[1] !== tree.series) {
      throw new ForgeError(
        'input.odoo-src',
        `odoo-src says ${named[1]}=${named[2]}, but that tree is Odoo ${tree.series} (its odoo/release.py).`,
        { hint: `Write ${tree.series}=${named[2]}, or give the tree of ${named[1]}.` },
      );
    }
    known.set(tree.series, { kind: 'source', sourceDir: tree.root });
  }
  for (const entry of entries(input.odooImage)) {
    const named = SERIES_PREFIX.exec(entry);
    if (named) {
      known.set(named[1] as string, { kind: 'image', image: named[2] as string });
      continue;
    }
    if (entry.includes('{series}')) {
      templates.push(entry);
      continue;
    }
    const tag = /:(\d{2}\.0)(?:[^:/]*)$/.exec(entry)?.[1];
    if (!tag) {
      throw new ForgeError('input.odoo-image', `odoo-image lists "${entry}": its tag names no Odoo series.`, {
        hint: 'Write SERIES=IMAGE (18.0=registry/odoo:custom), an image tagged with its series (odoo:18.0), or odoo:{series}.',
      });
    }
    known.set(tag, { kind: 'image', image: entry });
  }
  return (series) => {
    const found = known.get(series);
    if (found) return found;
    const template = templates[0];
    return template ? { kind: 'image', image: template.replaceAll('{series}', series) } : undefined;
  };
}

/** The Odoo of `series`, or a ForgeError that names the modules that need it and how to give it. */
export function requireSeriesOdoo(
  lookup: (series: string) => SeriesOdoo | undefined,
  series: string,
  modules: readonly string[],
): SeriesOdoo {
  const found = lookup(series);
  if (found) return found;
  throw new ForgeError(
    'input.no-odoo-for-series',
    `No Odoo ${series} is given (odoo-image or odoo-src), and ${modules.join(', ')} target${modules.length === 1 ? 's' : ''} ${series}.`,
    {
      hint: `Add a line ${series}=IMAGE to odoo-image, or the path of an Odoo ${series} tree to odoo-src; or set odoo-version to the series you mean to test.`,
    },
  );
}
