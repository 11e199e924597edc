import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import { STANDARD_SERIES } from '../../core/odoo/standard-modules/standard-modules.js';
import type { ContainerDriver, Labels } from '../containers/container-driver.js';

/**
 * The Odoo series a run really uses, read from the Odoo itself: a source tree's
 * `odoo/release.py` (`version_info`), or an image (a label, else `odoo --version` inside it).
 * One reader for the CLI, the stack runner and the actions: the series a run reports, its
 * template's name and its default runtime image all come from here, never from a default.
 */

/** Where a series was read from, for messages (`the tree /src/odoo (odoo/release.py)`). */
export interface OdooSeriesReading {
  series: string;
  from: string;
}

/**
 * The label an image that contains Odoo may carry to name its series (spares a container run).
 * Not `forge.odoo.series`: the runtime images carry that one, and an image built FROM a runtime
 * inherits it whatever Odoo it then holds.
 */
export const SERIES_LABELS = ['forge.odoo.image-series'] as const;

const SERIES_RE = /^(?:saas~)?(\d{1,2})\.(\d)\b/;

/** `16.0` out of `16.0`, `16.0-20250925`, `18.0.1.0.0`; undefined when the text names no series. */
export function seriesOfText(text: string): string | undefined {
  const match = SERIES_RE.exec(text.trim());
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/** The series of `version_info` in release.py's text (`(18, 0, 0, FINAL, 0, '')` → `18.0`). */
export function seriesOfReleasePy(text: string): string | undefined {
  const info = /^version_info\s*=\s*\(\s*(?:'saas~)?(\d+)'?\s*,\s*(\d+)/m.exec(text);
  return info ? `${info[1]}.${info[2]}` : undefined;
}

/** Reads the series of a source tree from `<tree>/odoo/release.py`; bad input when it cannot. */
export function readTreeSeries(tree: string, given = 'the Odoo source tree'): OdooSeriesReading {
  const releaseFile = join(tree, 'odoo', 'release.py');
  if (!existsSync(releaseFile)) {
    throw new ForgeError(
      'input.odoo-src',
      `${tree} (${given}) is not an Odoo source tree: ${releaseFile} does not exist.`,
      { hint: 'Point it at the top of an Odoo checkout (the folder holding odoo/release.py).' },
    );
  }
  const series = seriesOfReleasePy(readFileSync(releaseFile, 'utf8'));
  if (!series) {
    throw new ForgeError('input.odoo-src', `${releaseFile} has no version_info that names a series.`, {
      hint: 'The tree may be damaged: export it again.',
    });
  }
  return { series, from: `the tree ${tree} (odoo/release.py)` };
}

/** The series an image's labels name, when one does. */
export function seriesOfLabels(labels: Labels): string | undefined {
  for (const key of SERIES_LABELS) {
    const value = labels[key];
    const series = value === undefined ? undefined : seriesOfText(value);
    if (series) return series;
  }
  return undefined;
}

/**
 * Reads the series of an image that contains Odoo: a label (SERIES_LABELS), else the output of
 * `odoo --version` (`Odoo Server 18.0-20250925`) in a throwaway container.
 */
export async function readImageSeries(driver: ContainerDriver, image: string): Promise<OdooSeriesReading> {
  const info = await driver.inspectImage(image);
  const labelled = info ? seriesOfLabels(info.labels) : undefined;
  if (labelled) return { series: labelled, from: `the image ${image} (label)` };
  const ran = await driver.run({
    name: `forge-series-${randomBytes(4).toString('hex')}`,
    image,
    entrypoint: ['odoo'],
    cmd: ['--version'],
  });
  const printed = /Odoo Server (\S+)/.exec(ran.output)?.[1];
  const series = printed ? seriesOfText(printed) : undefined;
  if (ran.exitCode !== 0 || !series) {
    throw new ForgeError(
      'input.odoo-image',
      `Cannot read the Odoo series of the image ${image}: \`odoo --version\` in it printed ${JSON.stringify(ran.output.trim().slice(0, 200))} (exit ${ran.exitCode}).`,
      {
        hint: `Pass --odoo SERIES, or label the image with ${SERIES_LABELS[0]}=SERIES; the image must have an \`odoo\` command.`,
      },
    );
  }
  return { series, from: `the image ${image} (odoo --version)` };
}

/** Bad input unless `series` is one Odoo Forge supports; the message lists them. */
export function assertSupportedSeries(series: string, from: string): void {
  if (STANDARD_SERIES.includes(series)) return;
  throw new ForgeError(
    'input.odoo',
    `${from} is ${JSON.stringify(series)}: not a supported Odoo series (supported: ${STANDARD_SERIES.join(', ')}).`,
    { hint: `Use one of ${STANDARD_SERIES.join(', ')}, written as in --odoo 18.0.` },
  );
}

/**
 * The series of a run: the one read from the Odoo, which must be supported and, when the user
 * named one (`--odoo`), the same. Mismatch is bad input naming both.
 */
export function settleSeries(reading: OdooSeriesReading, given: string | undefined): string {
  if (given !== undefined && given !== reading.series) {
    throw new ForgeError(
      'input.odoo-mismatch',
      `--odoo is ${given} but ${reading.from} is Odoo ${reading.series}.`,
      {
        hint: `Drop --odoo (the Odoo gives the series), or pass an Odoo ${given} tree or image.`,
      },
    );
  }
  assertSupportedSeries(reading.series, reading.from);
  return reading.series;
}
