import {
  STANDARD_SERIES,
  standardModules,
  type RecordKind,
  type StandardModule,
  type StandardModules,
} from './standard-modules.js';

/** The modules a list of dependencies installs: those the data knows, and the others. */
export interface ModuleReach {
  /** Every module installed with the dependencies (transitively, `base` always). */
  modules: ReadonlySet<string>;
  /** Reached modules the data does not know (custom addons): they may define anything. */
  unknown: ReadonlySet<string>;
}

/** Lookups over the standard modules of one series: who defines a model, what a module reaches. */
export class ModuleCatalog {
  private readonly owners = new Map<string, string[]>();

  constructor(readonly data: StandardModules) {
    for (const [module, entry] of Object.entries(data.modules)) {
      for (const model of entry.models ?? [])
        this.owners.set(model, [...(this.owners.get(model) ?? []), module]);
    }
  }

  /** The catalog of a series (built once, never changed), or undefined when the data does not cover it. */
  static forSeries(series: string): ModuleCatalog | undefined {
    return CATALOGS.get(series);
  }

  module(name: string): StandardModule | undefined {
    return Object.hasOwn(this.data.modules, name) ? this.data.modules[name] : undefined;
  }

  /** Everything `depends` installs, following each known module's own manifest. */
  reach(depends: readonly string[]): ModuleReach {
    const modules = new Set<string>();
    const unknown = new Set<string>();
    const queue = ['base', ...depends];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (modules.has(name)) continue;
      modules.add(name);
      const entry = this.module(name);
      if (entry === undefined) unknown.add(name);
      else queue.push(...(entry.depends ?? []));
    }
    return { modules, unknown };
  }

  /** The modules that define `model`, those with the fewest dependencies first. */
  ownersOfModel(model: string): readonly string[] {
    const owners = this.owners.get(model) ?? [];
    return [...owners].sort(
      (a, b) => this.reach([a]).modules.size - this.reach([b]).modules.size || a.localeCompare(b),
    );
  }

  /** The models the given modules define. */
  modelsOf(modules: Iterable<string>): string[] {
    return [...modules].flatMap((name) => this.module(name)?.models ?? []);
  }

  /** Every model of the series. */
  allModels(): string[] {
    return [...this.owners.keys()];
  }

  /** The ids (without the module prefix) of one kind of record a module defines. */
  records(module: string, kind: RecordKind): readonly string[] {
    return this.module(module)?.[kind] ?? [];
  }
}

/** One catalog per series, built at load (about 1 ms each) and read-only afterwards. */
const CATALOGS: ReadonlyMap<string, ModuleCatalog> = new Map(
  STANDARD_SERIES.map((series) => [series, new ModuleCatalog(standardModules(series) as StandardModules)]),
);
