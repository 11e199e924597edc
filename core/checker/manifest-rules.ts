import type { AddonInput, OdooSeries } from './addon-input.js';
import { KNOWN_SERIES } from './addon-input.js';
import { ODOO_LICENSES } from '../odoo/licenses.js';
import type { FindingSink, ManifestInfo } from './module-summary.js';

export const MANIFEST_FILE = '__manifest__.py';

const KNOWN_LICENSES: ReadonlySet<string> = new Set(ODOO_LICENSES);

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function lineOf(lines: Record<string, number | number[]>, key: string, index?: number): number {
  if (index !== undefined) {
    const items = lines[`${key}[]`];
    if (Array.isArray(items) && items[index] !== undefined) return items[index];
  }
  const line = lines[key];
  return typeof line === 'number' ? line : 1;
}

/** Reads the manifest's parse result; reports a manifest that is missing or not a literal dict. */
export function readManifest(addon: AddonInput, sink: FindingSink): ManifestInfo | undefined {
  const facts = addon.python.get(MANIFEST_FILE) ?? addon.python.get('__openerp__.py');
  const file =
    addon.python.has(MANIFEST_FILE) || !addon.python.has('__openerp__.py') ? MANIFEST_FILE : '__openerp__.py';
  const report = (line: number, message: string, column?: number): void =>
    sink({ file, line, column, severity: 'error', rule: 'manifest-not-literal', message });
  if (!facts) {
    sink({
      file,
      line: 0,
      severity: 'error',
      rule: 'manifest-missing',
      message: `addon "${addon.name}" has no ${MANIFEST_FILE}`,
    });
    return undefined;
  }
  if (facts.error) {
    report(facts.error.line, `${file} is not valid Python: ${facts.error.message}`, facts.error.column);
    return undefined;
  }
  if (facts.manifestError) {
    report(
      facts.manifestError.line,
      `${file} is not a Python literal (Odoo reads it with ast.literal_eval): ${facts.manifestError.message}`,
    );
    return undefined;
  }
  const raw = facts.manifest;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report(1, `${file} must be a single dict literal`);
    return undefined;
  }
  const dict = raw as Record<string, unknown>;
  return {
    raw: dict,
    name: typeof dict.name === 'string' ? dict.name : undefined,
    version: typeof dict.version === 'string' ? dict.version : undefined,
    license: typeof dict.license === 'string' ? dict.license : undefined,
    depends: stringList(dict.depends),
    data: stringList(dict.data),
    demo: stringList(dict.demo),
    installable: dict.installable !== false,
    autoInstall: Boolean(dict.auto_install),
    autoInstallTriggers: Array.isArray(dict.auto_install)
      ? stringList(dict.auto_install)
      : dict.auto_install
        ? stringList(dict.depends)
        : [],
    lines: facts.manifestLines ?? {},
  };
}

/**
 * The series named by a manifest version such as `17.0.1.0.0`, if any. `1.0.0` names none: Odoo
 * series start at 8.0, and a plain `x.y.z` is a module version.
 */
export function seriesOfVersion(version: string | undefined): string | undefined {
  const match = /^(\d+)\.0\.\d+/.exec(version ?? '');
  return match && Number(match[1]) >= 8 ? `${match[1]}.0` : undefined;
}

/**
 * Odoo's own `adapt_version` check for a series: why the version is refused, or undefined.
 * 16.0 takes any version (it prefixes the series); 17.0 and later refuse other forms.
 */
function versionProblem(version: string, series: OdooSeries): string | undefined {
  const base =
    version === series || !version.startsWith(`${series}.`) ? version : version.slice(series.length + 1);
  if (/^[0-9]+\.[0-9]+(?:\.[0-9]+)?$/.test(base)) return undefined;
  return `version "${version}" is refused by Odoo ${series}: use x.y, x.y.z, ${series}.x.y or ${series}.x.y.z`;
}

/** The series an addon's manifest names when it is another one than `runSeries`. */
export function otherSeriesOf(
  manifest: ManifestInfo | undefined,
  runSeries: OdooSeries | undefined,
): OdooSeries | undefined {
  const own = seriesOfVersion(manifest?.version);
  return runSeries && isKnownSeries(own) && own !== runSeries && manifest?.installable ? own : undefined;
}

/** An addon of another series (info), or a version form the series refuses (error; info on 16.0). */
function checkVersion(
  addon: AddonInput,
  manifest: ManifestInfo,
  series: OdooSeries | undefined,
  runSeries: OdooSeries | undefined,
  sink: FindingSink,
): void {
  const version = manifest.version;
  if (version === undefined || !manifest.installable) return;
  const line = lineOf(manifest.lines, 'version');
  const other = otherSeriesOf(manifest, runSeries);
  if (other && runSeries) {
    sink({
      file: MANIFEST_FILE,
      line,
      severity: 'info',
      rule: 'manifest-other-series',
      message:
        runSeries === '16.0'
          ? `"${addon.name}" names Odoo ${other} (version "${version}"), not 16.0: Odoo 16.0 takes it as version 16.0.${version}; checked as 16.0`
          : `"${addon.name}" is an addon of Odoo ${other} (version "${version}"), not ${runSeries}: Odoo ${runSeries} leaves it out; checked as ${other} (keep one series per addons path)`,
    });
    return;
  }
  const problem = series ? versionProblem(version, series) : undefined;
  if (!problem || !series) return;
  const lenient = series === '16.0';
  sink({
    file: MANIFEST_FILE,
    line,
    severity: lenient ? 'info' : 'error',
    rule: 'manifest-version-series',
    message: lenient
      ? `version "${version}" is not a form later series accept (x.y, x.y.z, ${series}.x.y or ${series}.x.y.z); Odoo 16.0 takes it as ${series}.${version}`
      : problem,
  });
}

/** Rules on the manifest's own content (keys, version, license, listed files). */
export function checkManifest(
  addon: AddonInput,
  manifest: ManifestInfo,
  series: OdooSeries | undefined,
  sink: FindingSink,
  runSeries: OdooSeries | undefined = series,
): void {
  const file = MANIFEST_FILE;
  const at = (key: string, index?: number): number => lineOf(manifest.lines, key, index);
  if (manifest.name === undefined) {
    sink({
      file,
      line: 1,
      // Odoo installs it silently; the module list shows the technical name.
      severity: 'info',
      rule: 'manifest-missing-key',
      message: `manifest of "${addon.name}" has no "name" key (Odoo shows the technical name)`,
    });
  }
  for (const key of ['version', 'license'] as const) {
    if (manifest.raw[key] === undefined) {
      sink({
        file,
        line: 1,
        severity: key === 'license' ? 'warning' : 'info',
        rule: 'manifest-missing-key',
        message: `manifest of "${addon.name}" has no "${key}" key${key === 'license' ? ' (Odoo warns and assumes LGPL-3)' : ' (Odoo assumes 1.0)'}`,
      });
    }
  }
  checkVersion(addon, manifest, series, runSeries, sink);
  if (manifest.license !== undefined && !KNOWN_LICENSES.has(manifest.license)) {
    sink({
      file,
      line: at('license'),
      severity: 'error',
      rule: 'manifest-unknown-license',
      message: `license "${manifest.license}" is not one Odoo knows (${ODOO_LICENSES.join(', ')})`,
    });
  }
  for (const key of ['data', 'demo'] as const) {
    manifest[key].forEach((path, index) => {
      if (!addon.paths.has(normalizePath(path))) {
        sink({
          file,
          line: at(key, index),
          severity: 'error',
          rule: 'manifest-file-missing',
          message: `"${key}" lists ${path}, which does not exist in "${addon.name}"`,
        });
      }
    });
  }
}

/** `./a//b` → `a/b`, backslashes to slashes. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

export function isKnownSeries(value: string | undefined): value is OdooSeries {
  return value !== undefined && (KNOWN_SERIES as readonly string[]).includes(value);
}
