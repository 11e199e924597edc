/** Dependency graph questions over modules' `depends`: closure, install order, missing, cycles. */
export interface DependencyReport {
  /** Modules in install order (dependencies first), for the modules asked about and their deps. */
  order: string[];
  /** module → the dependencies that were not found. */
  missing: Map<string, string[]>;
  /** Each cycle as a list of modules, first repeated at the end. */
  cycles: string[][];
}

/**
 * Resolves `roots` through `dependsOf` (undefined: module not found). Install order follows
 * Odoo's: a module comes after everything it depends on; ties broken by name.
 */
export function resolveDependencies(
  roots: string[],
  dependsOf: (name: string) => string[] | undefined,
): DependencyReport {
  const missing = new Map<string, string[]>();
  const known = new Map<string, string[]>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (known.has(name)) continue;
    const deps = dependsOf(name);
    if (deps === undefined) continue;
    known.set(name, deps);
    for (const dep of deps) {
      if (dependsOf(dep) === undefined) {
        const list = missing.get(name) ?? [];
        if (!list.includes(dep)) list.push(dep);
        missing.set(name, list);
      } else queue.push(dep);
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    path.push(name);
    for (const dep of known.get(name) ?? []) {
      if (!known.has(dep)) continue;
      if (state.get(dep) === 'visiting') {
        const cycle = path.slice(path.indexOf(dep));
        const key = [...cycle].sort().join(',');
        if (!cycles.some((c) => [...c.slice(0, -1)].sort().join(',') === key)) cycles.push([...cycle, dep]);
      } else if (!state.has(dep)) visit(dep);
    }
    path.pop();
    state.set(name, 'done');
  };
  for (const name of [...known.keys()].sort()) if (!state.has(name)) visit(name);
  const order: string[] = [];
  const placed = new Set<string>();
  const remaining = new Set(known.keys());
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter((name) => (known.get(name) ?? []).every((dep) => placed.has(dep) || !known.has(dep)))
      .sort();
    const batch = ready.length > 0 ? ready : [[...remaining].sort()[0] as string];
    for (const name of batch) {
      order.push(name);
      placed.add(name);
      remaining.delete(name);
    }
  }
  return { order, missing, cycles };
}

/** The module and everything it depends on, transitively (found modules only). */
export function dependencyClosure(
  root: string,
  dependsOf: (name: string) => string[] | undefined,
): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    const deps = dependsOf(name);
    if (deps === undefined) continue;
    seen.add(name);
    stack.push(...deps);
  }
  return seen;
}

/** A module Odoo installs by itself once all its triggers are installed (`auto_install`). */
export interface AutoInstallModule {
  name: string;
  /** The `auto_install` list, or the whole `depends` when `auto_install` is True. */
  triggers: string[];
}

/**
 * What Odoo really has installed along with `root`: its closure, plus every auto-install module
 * whose triggers are all in it (with that module's own closure), until nothing changes.
 */
export function installedClosure(
  root: string,
  dependsOf: (name: string) => string[] | undefined,
  autoInstall: readonly AutoInstallModule[],
): Set<string> {
  const installed = dependencyClosure(root, dependsOf);
  for (let changed = true; changed;) {
    changed = false;
    for (const module of autoInstall) {
      if (installed.has(module.name) || module.triggers.length === 0) continue;
      if (!module.triggers.every((trigger) => installed.has(trigger))) continue;
      for (const name of dependencyClosure(module.name, dependsOf)) installed.add(name);
      changed = true;
    }
  }
  return installed;
}

/** What `roots` need from outside the modules `dependsOf` knows (see `externalDependencies`). */
export interface ExternalDependencies {
  /** Modules reached through `depends` (of the roots or of known modules) that are not known, sorted. */
  external: string[];
  /** Roots that are not known themselves. */
  unknownRoots: string[];
}

/**
 * The modules outside a set of addons that `roots` need, directly or through other modules of
 * that set: what a template database must hold so that each run installs only the addons.
 */
export function externalDependencies(
  roots: readonly string[],
  dependsOf: (name: string) => string[] | undefined,
): ExternalDependencies {
  const external = new Set<string>();
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const deps = dependsOf(name);
    if (deps === undefined) {
      if (!roots.includes(name)) external.add(name);
      continue;
    }
    pending.push(...deps);
  }
  return {
    external: [...external].sort(),
    unknownRoots: roots.filter((name) => dependsOf(name) === undefined),
  };
}
