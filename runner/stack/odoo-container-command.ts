import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerSpec, MountSpec } from '../containers/container-driver.js';
import type { OdooSource } from './stack-settings.js';

/** Where things are inside the Odoo container. */
export const OdooPaths = {
  source: '/opt/odoo',
  addons: (index: number): string => `/mnt/forge-addons/${index}`,
  dataVolume: '/forge-data',
  dataDir: '/forge-data/odoo',
} as const;

/** Database settings every Odoo of a stack uses (the db container answers as `db`). */
export const StackDatabase = { host: 'db', port: 5432, user: 'odoo', password: 'odoo', name: 'forge' } as const;

export interface OdooContainerPlan {
  image: string;
  /** The program and its fixed arguments; the run's Odoo options follow. */
  program: string[];
  mounts: MountSpec[];
  addonsPath: string[];
  env: Record<string, string>;
}

/**
 * How to run Odoo in a container for either source of Odoo: the image's own `odoo`, or Debian's
 * python3 on a source tree mounted read-only (`odoo-bin` at its top, or `setup/odoo` in nightly
 * exports that have no `odoo-bin`).
 */
export function odooContainerPlan(odoo: OdooSource, addonsDirs: readonly string[], dataVolume: string): OdooContainerPlan {
  const mounts: MountSpec[] = addonsDirs.map((dir, index) => ({ type: 'bind', source: dir, target: OdooPaths.addons(index), readOnly: true }));
  mounts.push({ type: 'volume', source: dataVolume, target: OdooPaths.dataVolume });
  const addonsPath: string[] = [];
  let program: string[];
  let image: string;
  if (odoo.kind === 'image') {
    image = odoo.image;
    program = ['odoo'];
  } else {
    image = odoo.runtimeImage;
    mounts.push({ type: 'bind', source: odoo.sourceDir, target: OdooPaths.source, readOnly: true });
    const entry = existsSync(join(odoo.sourceDir, 'odoo-bin')) ? 'odoo-bin' : 'setup/odoo';
    program = ['python3', `${OdooPaths.source}/${entry}`];
    addonsPath.push(`${OdooPaths.source}/odoo/addons`);
    if (existsSync(join(odoo.sourceDir, 'addons'))) addonsPath.push(`${OdooPaths.source}/addons`);
  }
  addonsPath.push(...addonsDirs.map((_, index) => OdooPaths.addons(index)));
  // The official image's entrypoint adds --db_host/--db_user/--db_password from these.
  const env: Record<string, string> = { HOST: StackDatabase.host, USER: StackDatabase.user, PASSWORD: StackDatabase.password };
  if (odoo.kind === 'source') env.PYTHONPATH = OdooPaths.source;
  return { image, program, mounts, addonsPath, env };
}

/** Options shared by every Odoo of a stack: database, paths, one process, no cron. */
export function baseOdooArgs(plan: OdooContainerPlan): string[] {
  return [
    `--db_host=${StackDatabase.host}`,
    `--db_port=${StackDatabase.port}`,
    `--db_user=${StackDatabase.user}`,
    `--db_password=${StackDatabase.password}`,
    `--database=${StackDatabase.name}`,
    `--db-filter=^${StackDatabase.name}$`,
    `--addons-path=${plan.addonsPath.join(',')}`,
    `--data-dir=${OdooPaths.dataDir}`,
    '--http-interface=0.0.0.0',
    '--http-port=8069',
    '--max-cron-threads=0',
    '--without-demo=all',
  ];
}

/** Install (`-i`) or update (`-u`) modules, run their tests, stop. */
export function testRunArgs(modules: readonly string[], options: { update?: boolean; tests?: boolean } = {}): string[] {
  const args = [options.update ? `-u` : '-i', modules.join(',')];
  if (options.tests !== false) args.push(`--test-tags=${modules.map((m) => `/${m}`).join(',')}`);
  args.push('--stop-after-init');
  return args;
}

export function odooContainerSpec(plan: OdooContainerPlan, args: string[], base: Omit<ContainerSpec, 'image' | 'cmd'>): ContainerSpec {
  return { ...base, image: plan.image, cmd: [...plan.program, ...baseOdooArgs(plan), ...args], mounts: plan.mounts, env: { ...plan.env, ...base.env } };
}
