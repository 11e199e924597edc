import type { OdooSeries } from './addon-input.js';
import { isKnownSeries, seriesOfVersion } from './manifest-rules.js';
import type { ManifestInfo } from './module-summary.js';

/**
 * The series most of the checked addons' manifests name (`18.0.1.0.0` → 18.0), or undefined
 * when none names a known series or two series are named equally often. An addon of another
 * series among them (a 16.0 addon next to 18.0 ones) is then reported as such.
 */
export function majoritySeries(manifests: readonly (ManifestInfo | undefined)[]): OdooSeries | undefined {
  const counts = new Map<OdooSeries, number>();
  for (const manifest of manifests) {
    const series = seriesOfVersion(manifest?.version);
    if (manifest?.installable !== false && isKnownSeries(series))
      counts.set(series, (counts.get(series) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) return undefined;
  return first[0];
}
