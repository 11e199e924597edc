/**
 * Values that win over what a spec says: the "Odoo version" and "Technical name" of a module
 * request form, when a pasted spec says otherwise. Applied to the YAML's data before it is
 * validated, so the spec is checked for the series it will be generated for.
 */
export interface SpecOverrides {
  odoo?: string;
  moduleName?: string;
}

/** One value the spec gave and the value that replaced it. */
export interface AppliedOverride {
  /** `odoo` or `module.name`. */
  path: string;
  pathKeys: string[];
  /** What the spec says (undefined when the key is missing). */
  spec: unknown;
  value: string;
  line?: number;
}

/** The data with the overrides in place, and each override that changed a value. */
export function applySpecOverrides(
  raw: Record<string, unknown>,
  overrides: SpecOverrides | undefined,
): { input: Record<string, unknown>; applied: AppliedOverride[] } {
  const applied: AppliedOverride[] = [];
  let input = raw;
  if (overrides?.odoo !== undefined && raw['odoo'] !== overrides.odoo) {
    applied.push({ path: 'odoo', pathKeys: ['odoo'], spec: raw['odoo'], value: overrides.odoo });
    input = { ...input, odoo: overrides.odoo };
  }
  const module = raw['module'];
  if (
    overrides?.moduleName !== undefined &&
    module !== null &&
    typeof module === 'object' &&
    !Array.isArray(module) &&
    (module as Record<string, unknown>)['name'] !== overrides.moduleName
  ) {
    applied.push({
      path: 'module.name',
      pathKeys: ['module', 'name'],
      spec: (module as Record<string, unknown>)['name'],
      value: overrides.moduleName,
    });
    input = { ...input, module: { ...module, name: overrides.moduleName } };
  }
  return { input, applied };
}
