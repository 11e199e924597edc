import { externalDependencies } from '../../core/checker/module-graph.js';
import { seriesOfVersion } from '../../core/checker/manifest-rules.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { PythonFactsOptions } from '../addon-reader/python-facts-process.js';
import { dependsOfManifests, readAddonManifests, type AddonManifest } from './read-addon-manifests.js';

/** The addons of one run on one Odoo series. */
export interface AddonsPlan {
  /** What the template database holds: `baseline` plus what the modules need from outside the addons folders. */
  dependencies: string[];
  /** Addons of the folders that name another series in their version: left off the addons path. */
  leftOut: AddonManifest[];
}

/** An installable addon whose version names another series (`16.0.1.0.0` on an 18.0 run). */
export function isOtherSeries(manifest: AddonManifest, series: string): boolean {
  const named = seriesOfVersion(manifest.version);
  return manifest.installable && named !== undefined && named !== series;
}

/**
 * Reads the manifests of `addonsDirs` (one reader for every runner path) and plans a run of
 * `modules` on `series`: the template's modules, and the addons of another series to leave out
 * (Odoo 17.0 and 18.0 refuse to start when a manifest on the addons path names another series).
 * Fails when a module asked for, or one it needs from the folders, is missing or of another series.
 */
export async function planAddons(
  modules: readonly string[],
  addonsDirs: readonly string[],
  series: string,
  options: { baseline: readonly string[]; python?: PythonFactsOptions },
): Promise<AddonsPlan> {
  const manifests = await readAddonManifests(addonsDirs, options.python);
  const leftOut = [...manifests.values()].filter((m) => isOtherSeries(m, series));
  const usable = new Map([...manifests].filter(([, m]) => !isOtherSeries(m, series)));
  const { external, unknownRoots } = externalDependencies(modules, dependsOfManifests(usable));
  const wrongSeries = [...unknownRoots, ...external]
    .map((name) => manifests.get(name))
    .filter((m) => m !== undefined);
  if (wrongSeries.length > 0) {
    const first = wrongSeries[0] as AddonManifest;
    throw new ForgeError(
      'input.module-other-series',
      `Module ${first.name} (${first.dir}) has version ${first.version ?? '?'}: an addon of Odoo ${seriesOfVersion(first.version) ?? '?'}, and this run is on ${series}.`,
      {
        hint: `Run it with --odoo ${seriesOfVersion(first.version) ?? '?'}, or port the addon to ${series}.`,
      },
    );
  }
  if (unknownRoots.length > 0) {
    throw new ForgeError(
      'input.module-not-found',
      `Module ${unknownRoots.join(', ')} (from --modules) has no __manifest__.py in ${addonsDirs.join(', ')}.`,
      {
        hint: 'Pass the folder that contains the module folders as ADDONS_DIR, and module names as --modules.',
      },
    );
  }
  return { dependencies: [...new Set([...options.baseline, ...external])].sort(), leftOut };
}

/** The one line a run says about the addons it leaves out (empty when none). */
export function leftOutLine(leftOut: readonly AddonManifest[], series: string): string {
  if (leftOut.length === 0) return '';
  const list = leftOut.map((m) => `${m.name} (${m.version ?? '?'})`).join(', ');
  return `left out ${leftOut.length} addon${leftOut.length === 1 ? '' : 's'} of another series (not Odoo ${series}): ${list}`;
}
