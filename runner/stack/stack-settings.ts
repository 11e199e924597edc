/** How a stack gets Odoo: an image that contains it, or a runtime image plus a source tree. */
export type OdooSource =
  { kind: 'image'; image: string } | { kind: 'source'; runtimeImage: string; sourceDir: string };

/** Everything a stack needs to know; the CLI and the actions build it from their own inputs. */
export interface StackSettings {
  /**
   * Odoo series (`18.0`), read from the Odoo (runner/odoo/read-odoo-series.ts): part of the
   * template key and of the default image names. Empty only before `settleImageSeries`.
   */
  odooSeries: string;
  /** Absent for a database-only stack. */
  odoo?: OdooSource;
  postgresImage: string;
  /** Host folders mounted read-only into Odoo's addons path, in order. */
  addonsDirs: string[];
  /** Addon folders inside `addonsDirs` left off the addons path (addons of another series). */
  leaveOut?: string[];
  /** `owner/name` of the repository under test; a label for the reaper and for `stack ls`. */
  repository?: string;
  /** Seconds after which the reaper may remove the stack whatever its owner. */
  ttlSeconds: number;
  /** Memory limit of the Odoo container in bytes (none when absent). */
  odooMemoryBytes?: number;
}

/** The local image names `odoo-forge images build` produces (see runner/images/). */
export const LocalImages = {
  base: 'localhost/forge-debian:bookworm',
  postgres: 'localhost/forge-postgres:15',
  odooRuntime: (series: string): string => `localhost/forge-odoo-runtime:${series}`,
} as const;

/** Image defaults: env `FORGE_POSTGRES_IMAGE` / `FORGE_ODOO_RUNTIME_IMAGE`, else the local builds. */
export function defaultPostgresImage(env: NodeJS.ProcessEnv): string {
  return env.FORGE_POSTGRES_IMAGE || LocalImages.postgres;
}

export function defaultRuntimeImage(series: string, env: NodeJS.ProcessEnv): string {
  return env.FORGE_ODOO_RUNTIME_IMAGE || LocalImages.odooRuntime(series);
}

export const DEFAULT_TTL_SECONDS = 2 * 60 * 60;
