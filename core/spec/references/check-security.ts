import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModuleSpec } from '../module-spec.js';
import { checkDomain } from './check-views.js';
import { choices, externalIdModule, type SpecModelIndex, type SpecPath } from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** Groups, implied groups (no cycles), access rows and record rules. */
export function checkSecurity(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  const security = spec.security;
  if (!security) return errors;
  const groups = security.groups ?? {};
  const groupRef = (ref: string, at: SpecPath) => {
    const module = externalIdModule(ref);
    if (module !== undefined) {
      if (!index.knownModules.has(module))
        add(at, `group ${ref} belongs to module ${module}: add ${module} to module.depends`);
    } else if (!index.groupKeys.has(ref)) {
      add(
        at,
        `unknown group ${ref}: expected a group key of security.groups (${[...index.groupKeys].join(', ') || 'none defined'}) or an external id such as base.group_user`,
      );
    }
  };
  for (const [key, group] of Object.entries(groups)) {
    (group.implies ?? []).forEach((ref, r) => {
      const at: SpecPath = ['security', 'groups', key, 'implies', r];
      if (ref === key) add(at, `group ${key} cannot imply itself`);
      else groupRef(ref, at);
    });
  }
  for (const cycle of impliedCycles(groups)) {
    add(
      ['security', 'groups', cycle[0] as string, 'implies'],
      `groups imply each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    );
  }
  const owned = (spec.models ?? []).map((model) => model.name);
  for (const [model, rows] of Object.entries(security.access ?? {})) {
    if (!owned.includes(model)) {
      add(
        ['security', 'access', model],
        `${model} is not a model of this spec's models: access rows are for the models it creates, ${choices('models', owned, model)}`,
      );
    }
    for (const key of Object.keys(rows)) groupRef(key, ['security', 'access', model, key]);
  }
  if (security.access !== undefined) {
    (spec.models ?? []).forEach((model, i) => {
      if (security.access?.[model.name] === undefined) {
        add(
          ['models', i, 'name'],
          `${model.name} has no row in security.access: Odoo warns about a model nobody may access; add ${model.name}: {<group>: crud}`,
        );
      }
    });
  }
  (security.rules ?? []).forEach((rule, r) => {
    const at: SpecPath = ['security', 'rules', r];
    const model = index.model(rule.model);
    if (!owned.includes(rule.model) || !model)
      add(
        [...at, 'model'],
        `${rule.model} is not a model of this spec's models: ${choices('models', owned, rule.model)}`,
      );
    rule.groups.forEach((ref, g) => groupRef(ref, [...at, 'groups', g]));
    if (model) checkDomain(index, model, rule.domain, [...at, 'domain'], add);
  });
  return errors;
}

/** Each cycle of `implies` among the spec's groups, once, starting at its smallest key. */
function impliedCycles(groups: Readonly<Record<string, { implies?: string[] | undefined }>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (key: string, trail: string[]) => {
    const start = trail.indexOf(key);
    if (start >= 0) {
      const cycle = trail.slice(start);
      if (cycle.length < 2) return;
      const smallest = [...cycle].sort()[0] as string;
      const rotated = [...cycle.slice(cycle.indexOf(smallest)), ...cycle.slice(0, cycle.indexOf(smallest))];
      cycles.set(rotated.join(' '), rotated);
      return;
    }
    for (const next of groups[key]?.implies ?? []) if (groups[next]) visit(next, [...trail, key]);
  };
  for (const key of Object.keys(groups)) visit(key, []);
  return [...cycles.values()];
}
