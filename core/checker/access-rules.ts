import type { DataFacts } from './data-context.js';
import type { ModelRegistry } from './model-registry.js';
import type { FindingSink, ModuleSummary } from './module-summary.js';

function modelKey(model: string): string {
  return model.replace(/\./g, '_');
}

/** The new, non-abstract models of `ownModels` that no access row of `accessModelRefs` grants on. */
export function modelsWithoutAccess(
  registry: ModelRegistry,
  ownModels: string[],
  accessModelRefs: string[],
): string[] {
  const granted = new Set(accessModelRefs.map((ref) => ref.slice(ref.indexOf('.') + 1)));
  return ownModels.filter((model) => {
    const info = registry.models.get(model);
    if (!info || info.abstract) return false;
    return !granted.has(`model_${modelKey(model)}`);
  });
}

/** A model the addon defines with no access row: Odoo warns, and only the superuser can use it. */
export function checkAccessMissing(
  module: string,
  summary: ModuleSummary,
  data: DataFacts,
  registry: ModelRegistry,
  sink: FindingSink,
): void {
  const ownModels = [
    ...new Set(
      summary.classes
        .filter((cls) => cls._name && !(cls._inherit ?? []).includes(cls._name) && cls._register !== false)
        .map((cls) => cls._name as string),
    ),
  ];
  const accessRefs = data.access.map((row) =>
    (row.modelRef ?? '').includes('.') ? (row.modelRef as string) : `${module}.${row.modelRef ?? ''}`,
  );
  for (const model of modelsWithoutAccess(registry, ownModels, accessRefs)) {
    const cls = summary.classes.find((c) => c._name === model);
    sink({
      file: cls?.file ?? '__manifest__.py',
      line: cls?.line ?? 1,
      severity: 'warning',
      rule: 'access-missing',
      message: `model "${model}" has no access rule in ir.model.access (Odoo warns; nobody but the superuser can use it)`,
    });
  }
}
