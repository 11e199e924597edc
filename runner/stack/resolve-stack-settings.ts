import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { imageMissingError } from '../containers/map-engine-error.js';
import { assertReadableByContainer } from './assert-readable-by-container.js';
import {
  DEFAULT_TTL_SECONDS,
  defaultPostgresImage,
  defaultRuntimeImage,
  type StackSettings,
} from './stack-settings.js';

/** What a user gives on the command line (or an action in its inputs). */
export interface StackInput {
  odooSeries: string;
  addonsDirs: string[];
  odooSrc?: string;
  odooImage?: string;
  postgresImage?: string;
  runtimeImage?: string;
  repository?: string;
  ttlSeconds?: number;
  /** A stack without Odoo (PostgreSQL only). */
  dbOnly?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const SERIES = /^\d{2}\.0$/;

/** Validates the input and fills the defaults; `ODOO_SRC` stands in for --odoo-src. */
export function resolveStackSettings(input: StackInput): StackSettings {
  if (!SERIES.test(input.odooSeries)) {
    throw new ForgeError('input.odoo-series', `--odoo is "${input.odooSeries}": not an Odoo series.`, {
      hint: 'Use a series such as 16.0, 17.0 or 18.0.',
    });
  }
  const addonsDirs = input.addonsDirs.map((dir) => resolve(input.cwd, dir));
  for (const dir of addonsDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ForgeError('input.addons-dir', `The addons folder ${dir} does not exist.`, {
        hint: 'Pass the folder that contains your module folders.',
      });
    }
  }
  if (input.odooSrc && input.odooImage) {
    throw new ForgeError('input.odoo-source', 'Both --odoo-src and --odoo-image are given.', {
      hint: 'Choose one way to get Odoo.',
    });
  }
  const settings: StackSettings = {
    odooSeries: input.odooSeries,
    postgresImage: input.postgresImage || defaultPostgresImage(input.env),
    addonsDirs,
    ttlSeconds: input.ttlSeconds ?? DEFAULT_TTL_SECONDS,
  };
  if (input.repository) settings.repository = input.repository;
  if (input.dbOnly) return settings;
  const src = input.odooSrc ?? (input.odooImage ? undefined : input.env.ODOO_SRC);
  if (input.odooImage) {
    settings.odoo = { kind: 'image', image: input.odooImage };
  } else if (src) {
    const sourceDir = resolve(input.cwd, src);
    if (!existsSync(resolve(sourceDir, 'odoo', 'addons', 'base', '__manifest__.py'))) {
      throw new ForgeError(
        'input.odoo-src',
        `${sourceDir} (from ${input.odooSrc ? '--odoo-src' : 'ODOO_SRC'}) is not an Odoo source tree: odoo/addons/base is missing.`,
        {
          hint: 'Point it at the top of an Odoo checkout (the folder holding odoo-bin or setup/odoo).',
        },
      );
    }
    settings.odoo = {
      kind: 'source',
      runtimeImage: input.runtimeImage || defaultRuntimeImage(input.odooSeries, input.env),
      sourceDir,
    };
  } else {
    throw new ForgeError('input.no-odoo', 'No Odoo given.', {
      hint: 'Pass --odoo-src PATH (an Odoo source tree; or set ODOO_SRC) or --odoo-image IMAGE (e.g. odoo:18.0).',
    });
  }
  assertReadableByContainer(settings);
  return settings;
}

/** Fails with one error that names every missing image and how to get it. */
export async function assertImagesPresent(driver: ContainerDriver, settings: StackSettings): Promise<void> {
  const images = [settings.postgresImage];
  if (settings.odoo)
    images.push(settings.odoo.kind === 'image' ? settings.odoo.image : settings.odoo.runtimeImage);
  const missing: string[] = [];
  for (const image of images) if (!(await driver.inspectImage(image))) missing.push(image);
  if (missing.length === 0) return;
  const first = imageMissingError(missing.join(', '), driver.endpoint);
  const local = missing.some((m) => m.includes('forge-'));
  throw new ForgeError(
    'container.image-missing',
    `Missing image${missing.length > 1 ? 's' : ''} in the container engine at ${driver.endpoint}: ${missing.join(', ')}.`,
    {
      hint: local
        ? `Build the local images with \`odoo-forge images build --odoo ${settings.odooSeries}\`.`
        : first.hint,
    },
  );
}
