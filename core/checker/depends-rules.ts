import type { AddonInput, ModuleIndex } from './addon-input.js';
import { resolveDependencies } from './module-graph.js';
import type { FindingSink, ManifestInfo } from './module-summary.js';

/** The `depends` of a module: undefined when it is not on the addons path. */
export type DependsOf = (name: string) => string[] | undefined;

/**
 * Dependencies that are not on the addons path and dependency cycles (both only when the
 * whole addons path is known), and a module that depends on itself (always).
 */
export function checkDepends(
  addon: AddonInput,
  manifest: ManifestInfo,
  index: ModuleIndex | undefined,
  dependsOf: DependsOf,
  sink: FindingSink,
): void {
  if (!index) {
    if (manifest.depends.includes(addon.name)) {
      sink({
        file: '__manifest__.py',
        line: 1,
        severity: 'error',
        rule: 'manifest-depends-cycle',
        message: `"${addon.name}" depends on itself`,
      });
    }
    return;
  }
  const lines = manifest.lines['depends[]'];
  manifest.depends.forEach((dep, position) => {
    if (index.get(dep) || dep === addon.name) return;
    sink({
      file: '__manifest__.py',
      line: Array.isArray(lines) ? (lines[position] ?? 1) : 1,
      severity: 'error',
      rule: 'manifest-depends-missing',
      message: `"${addon.name}" depends on "${dep}", which is not on the addons path`,
    });
  });
  for (const cycle of resolveDependencies([addon.name], dependsOf).cycles) {
    if (!cycle.includes(addon.name)) continue;
    sink({
      file: '__manifest__.py',
      line: typeof manifest.lines.depends === 'number' ? manifest.lines.depends : 1,
      severity: 'error',
      rule: 'manifest-depends-cycle',
      message: `dependency cycle: ${cycle.join(' → ')}`,
    });
  }
}
