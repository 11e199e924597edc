import type { ModuleSpec } from '../spec/module-spec.js';
import { bumpVersion, diffSpecs, versionAfter, type SpecChange } from './diff-specs.js';

export interface UpgradePlan {
  /** The head spec, its module.version moved past the base's when a migration must run. */
  spec: ModuleSpec;
  changes: SpecChange[];
  /** Changes an update would lose data on (no migration carries them). */
  losses: SpecChange[];
  /** Set when module.version was bumped: from → to. */
  bumped?: { from: string; to: string };
}

/**
 * The head spec ready to be generated as an update of the base: when the head renames fields or
 * maps selection keys and its version does not move past the base's, the version is bumped (a
 * minor step), so Odoo runs the generated `migrations/<version>/` scripts on `-u`.
 */
export function planUpgrade(base: ModuleSpec, head: ModuleSpec): UpgradePlan {
  const changes = diffSpecs(base, head);
  const stale = changes.find((change) => change.kind === 'version-not-bumped');
  if (!stale)
    return { spec: head, changes, losses: changes.filter((change) => change.effect === 'loses-data') };
  const to = bumpVersion(
    versionAfter(head.module.version, base.module.version) ? head.module.version : base.module.version,
  );
  const spec: ModuleSpec = { ...head, module: { ...head.module, version: to } };
  const rest = changes.filter((change) => change !== stale);
  return {
    spec,
    changes: rest,
    losses: rest.filter((change) => change.effect === 'loses-data'),
    bumped: { from: head.module.version ?? '1.0.0', to },
  };
}
