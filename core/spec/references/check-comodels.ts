import type { SpecReferenceError } from '../check-spec-references.js';
import { KNOWN_MIXINS } from '../../odoo/mixins.js';
import type { ModuleSpec } from '../module-spec.js';
import { moduleOfModel, reachableModules } from './odoo-model-modules.js';
import type { SpecModelIndex, SpecPath } from './spec-model-index.js';
import { editDistance } from '../../text/edit-distance.js';

/**
 * Comodels and extended models outside the spec: a near miss of a model of the spec is a typo
 * ("did you mean"); a well-known Odoo model needs its module among the dependencies.
 */
export function checkComodels(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const own = (spec.models ?? []).map((model) => model.name);
  const reachable = reachableModules([...(spec.module.depends ?? []), ...mixinModules(spec)], spec.odoo);
  const check = (model: string, at: SpecPath) => {
    if (index.model(model)) return;
    const near = own.find((name) => editDistance(name, model) <= 2);
    if (near !== undefined) {
      errors.push({ pathKeys: at, message: `${model} is not a model of this spec; did you mean ${near}?` });
      return;
    }
    const module = moduleOfModel(model, spec.odoo);
    if (module !== undefined && reachable !== undefined && !reachable.has(module)) {
      errors.push({
        pathKeys: at,
        message: `${model} comes from module ${module}: add ${module} to module.depends`,
      });
    }
  };
  for (const model of index.models.values()) {
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.comodel !== undefined)
        check(field.comodel, [...(model.fieldPaths.get(name) ?? [...model.path, 'fields', name]), 'comodel']);
    }
  }
  (spec.extend ?? []).forEach((extension, i) => {
    const module = moduleOfModel(extension.model, spec.odoo);
    if (module !== undefined && reachable !== undefined && !reachable.has(module)) {
      errors.push({
        pathKeys: ['extend', i, 'model'],
        message: `${extension.model} comes from module ${module}: add ${module} to module.depends`,
      });
    }
  });
  return errors;
}

/** The generator adds the modules of the mixins a model uses (mail) to the dependencies. */
function mixinModules(spec: ModuleSpec): string[] {
  return (spec.models ?? []).flatMap((model) =>
    (model.mixins ?? []).map((mixin) => KNOWN_MIXINS[mixin]?.module ?? 'base'),
  );
}
