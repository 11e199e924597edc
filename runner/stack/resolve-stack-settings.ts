import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { imageMissingError } from '../containers/map-engine-error.js';
import { readImageSeries, readTreeSeries, settleSeries } from '../odoo/read-odoo-series.js';
import { assertReadableByContainer } from './assert-readable-by-container.js';
import { parseStackOptions, type StackOptions } from './stack-options.js';
import {
  DEFAULT_TTL_SECONDS,
  defaultPostgresImage,
  defaultRuntimeImage,
  type StackSettings,
} from './stack-settings.js';

/** What a user gives on the command line (or an action in its inputs). */
export interface StackInput {
  /** The command's options; the stack's own are read through `stackOptionsSchema`. */
  options: Record<string, unknown>;
  addonsDirs: string[];
  ttlSeconds?: number;
  /** A stack without Odoo (PostgreSQL only). */
  dbOnly?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Validates the input and fills the defaults; `ODOO_SRC` stands in for --odoo-src. The series is
 * the source tree's (checked against --odoo). With --odoo-image it is --odoo's, or empty until
 * `settleImageSeries` reads it from the image (that needs the engine).
 */
export function resolveStackSettings(input: StackInput): StackSettings {
  const options = parseStackOptions(input.options);
  const addonsDirs = input.addonsDirs.map((dir) => resolve(input.cwd, dir));
  for (const dir of addonsDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ForgeError('input.addons-dir', `The addons folder ${dir} does not exist.`, {
        hint: 'Pass the folder that contains your module folders.',
      });
    }
  }
  if (input.ttlSeconds !== undefined && !(input.ttlSeconds > 0)) {
    throw new ForgeError(
      'input.ttl',
      `The stack's time to live is ${input.ttlSeconds} s: it must be more than 0.`,
      {
        hint: 'Give a positive duration, e.g. 30m.',
      },
    );
  }
  if (options.odooSrc && options.odooImage) {
    throw new ForgeError('input.odoo-source', 'Both --odoo-src and --odoo-image are given.', {
      hint: 'Choose one way to get Odoo.',
    });
  }
  const settings: StackSettings = {
    odooSeries: options.odoo ?? '',
    postgresImage: options.postgresImage || defaultPostgresImage(input.env),
    addonsDirs,
    ttlSeconds: input.ttlSeconds ?? DEFAULT_TTL_SECONDS,
  };
  if (options.repository) settings.repository = options.repository;
  if (input.dbOnly) return settings;
  settings.odoo = odooSource(options, input);
  if (settings.odoo.kind === 'source') {
    const from = options.odooSrc ? '--odoo-src' : 'ODOO_SRC';
    settings.odooSeries = settleSeries(readTreeSeries(settings.odoo.sourceDir, `from ${from}`), options.odoo);
    if (!options.runtimeImage)
      settings.odoo.runtimeImage = defaultRuntimeImage(settings.odooSeries, input.env);
  }
  assertReadableByContainer(settings);
  return settings;
}

/**
 * With --odoo-image: reads the image's series (label or `odoo --version`), checks it against
 * --odoo when given, and sets it. A source tree's series is set by `resolveStackSettings` already.
 */
export async function settleImageSeries(
  driver: ContainerDriver,
  settings: StackSettings,
): Promise<StackSettings> {
  if (settings.odoo?.kind !== 'image') return settings;
  const reading = await readImageSeries(driver, settings.odoo.image);
  const given = settings.odooSeries === '' ? undefined : settings.odooSeries;
  return { ...settings, odooSeries: settleSeries(reading, given) };
}

function odooSource(options: StackOptions, input: StackInput): NonNullable<StackSettings['odoo']> {
  if (options.odooImage) return { kind: 'image', image: options.odooImage };
  const src = options.odooSrc ?? input.env.ODOO_SRC;
  if (!src) {
    throw new ForgeError('input.no-odoo', 'No Odoo given.', {
      hint: 'Pass --odoo-src PATH (an Odoo source tree; or set ODOO_SRC) or --odoo-image IMAGE (e.g. odoo:18.0).',
    });
  }
  const sourceDir = resolve(input.cwd, src);
  if (!existsSync(resolve(sourceDir, 'odoo', 'addons', 'base', '__manifest__.py'))) {
    throw new ForgeError(
      'input.odoo-src',
      `${sourceDir} (from ${options.odooSrc ? '--odoo-src' : 'ODOO_SRC'}) is not an Odoo source tree: odoo/addons/base is missing.`,
      {
        hint: 'Point it at the top of an Odoo checkout (the folder holding odoo-bin or setup/odoo).',
      },
    );
  }
  return {
    kind: 'source',
    // Replaced by the tree's series' image once the tree is read (resolveStackSettings).
    runtimeImage: options.runtimeImage || defaultRuntimeImage(options.odoo ?? '', input.env),
    sourceDir,
  };
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
        ? `Build the local images with \`odoo-forge images build${settings.odooSeries ? ` --odoo ${settings.odooSeries}` : ''}\`.`
        : first.hint,
    },
  );
}
