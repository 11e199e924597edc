import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dependencyClosure } from '../../core/checker/module-graph.js';
import { seriesOfVersion } from '../../core/checker/manifest-rules.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { PythonFactsOptions } from '../addon-reader/python-facts-process.js';
import {
  dependsOfManifests,
  readAddonManifests,
  type AddonManifest,
} from '../addons/read-addon-manifests.js';

/** What one Odoo series of a pull request's verdict installs and tests. */
export interface SeriesPlan {
  series: string;
  /** Touched addons plus their dependents, sorted. */
  modules: string[];
  touched: string[];
  dependents: string[];
}

/** The addons a pull request's verdict tests, per Odoo series. Empty `perSeries`: nothing to test. */
export interface PrTestPlan {
  touched: string[];
  /** Addons of the repository that depend on a touched one, directly or not. */
  dependents: string[];
  perSeries: SeriesPlan[];
}

export interface PrTestPlanInput {
  /** Absolute folders that hold the repository's addon folders (the `addons-path` input). */
  addonsDirs: string[];
  /** Names of the addons the pull request touches (or the `modules` input). */
  touched: string[];
  /** Touched folders that look like addons but hold no manifest (changed-addons.ts): refused. */
  withoutManifest?: string[];
  /** The `odoo-version` input: every module runs on each of these series (the manifests otherwise). */
  series?: string[];
  python?: PythonFactsOptions;
}

const SERIES_PATTERN = /^\d{2}\.0$/;

/** Parses the `odoo-version` input (`18.0`, `17.0, 18.0`, one per line); an empty input is undefined. */
export function parseSeriesInput(text: string): string[] | undefined {
  const list = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return undefined;
  for (const series of list) {
    if (!SERIES_PATTERN.test(series)) {
      throw new ForgeError('input.odoo-version', `odoo-version lists "${series}": not an Odoo series.`, {
        hint: 'Write series such as 17.0 or 18.0, separated by commas or new lines, or leave it empty to read the manifests.',
      });
    }
  }
  return [...new Set(list)].sort();
}

/**
 * Plans a pull request's verdict: the touched addons, the repository's addons that depend on
 * them (through core's module graph), grouped by the Odoo series their manifest version names
 * (or the series of the `odoo-version` input). Refuses a touched folder without a manifest and an
 * addon whose version names no series when no series is given.
 */
export async function planPrTests(input: PrTestPlanInput): Promise<PrTestPlan> {
  const bare = input.withoutManifest?.[0];
  if (bare !== undefined) {
    throw new ForgeError('input.no-manifest', `The addon folder ${bare} has no __manifest__.py.`, {
      hint: 'Add a __manifest__.py to it, or move what is not an addon out of the addons-path folders.',
    });
  }
  const manifests = await readAddonManifests(input.addonsDirs, input.python);
  const touched = [...new Set(input.touched)].sort();
  for (const name of touched) if (!manifests.has(name)) throw missingAddon(name, input.addonsDirs);
  const dependsOf = dependsOfManifests(manifests);
  const dependents = [...manifests.values()]
    .filter((m) => m.installable && !touched.includes(m.name))
    .filter((m) => [...dependencyClosure(m.name, dependsOf)].some((dep) => touched.includes(dep)))
    .map((m) => m.name)
    .sort();
  const modules = [...touched, ...dependents].filter((name) => manifests.get(name)?.installable !== false);
  const bySeries = new Map<string, string[]>();
  for (const name of modules) {
    for (const series of seriesOf(manifests.get(name) as AddonManifest, input.series)) {
      bySeries.set(series, [...(bySeries.get(series) ?? []), name]);
    }
  }
  const perSeries = [...bySeries]
    .sort(([a], [b]) => Number.parseFloat(a) - Number.parseFloat(b))
    .map(([series, names]) => ({
      series,
      modules: [...names].sort(),
      touched: names.filter((n) => touched.includes(n)).sort(),
      dependents: names.filter((n) => dependents.includes(n)).sort(),
    }));
  return { touched, dependents, perSeries };
}

function seriesOf(manifest: AddonManifest, given: string[] | undefined): string[] {
  if (given) return given;
  const series = seriesOfVersion(manifest.version);
  if (series) return [series];
  throw new ForgeError(
    'input.no-series',
    `Addon ${manifest.name} (${manifest.dir}) has version ${JSON.stringify(manifest.version ?? null)}, which names no Odoo series.`,
    {
      hint: 'Give its manifest a version such as 18.0.1.0.0, or set the odoo-version input of actions/test.',
    },
  );
}

function missingAddon(name: string, addonsDirs: string[]): ForgeError {
  const folder = addonsDirs
    .map((dir) => join(dir, name))
    .find((dir) => existsSync(dir) && statSync(dir).isDirectory());
  if (folder) {
    return new ForgeError('input.no-manifest', `The addon folder ${folder} has no __manifest__.py.`, {
      hint: 'Add a __manifest__.py to it, or move what is not an addon out of the addons-path folders.',
    });
  }
  return new ForgeError(
    'input.module-not-found',
    `Addon ${name} is not in the addons-path folders (${addonsDirs.join(', ')}).`,
    {
      hint: 'Check the modules and addons-path inputs: addons-path names the folders that hold the addon folders.',
    },
  );
}
