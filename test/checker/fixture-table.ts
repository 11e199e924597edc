import { fileURLToPath } from 'node:url';
import type { Severity } from '../../core/findings/finding.js';
import { supportedSeries, type SupportedSeries } from '../support/odoo-trees.js';
import type { RetargetOptions } from './retarget-fixture.js';

/** The checker fixtures: `test/fixtures/checker/<folder>/<module>/`, one rule variant each, and a clean one. */
export const fixturesRoot = fileURLToPath(new URL('../fixtures/checker/', import.meta.url));
/** A stand-in `base` (the ids and models the fixtures use) for runs without a real Odoo tree. */
export const stubAddonsPath = `${fixturesRoot}addons-path`;

/**
 * What a real Odoo of one series does when asked to install the fixture (`-i module`, no demo).
 * The kind sets the checker's severity (see `severityOf`), so the table cannot drift.
 */
export type OdooOutcome =
  /** The install fails (or the module is refused): error. */
  | { kind: 'rejects'; log: RegExp }
  /** The module installs and Odoo logs a warning (or an error) about it: warning. */
  | { kind: 'warns'; log: RegExp }
  /** The module installs silently, but a later record silently replaces values of an earlier one: warning. */
  | { kind: 'overwrites' }
  /** The module installs silently and nothing is lost: info. */
  | { kind: 'silent' }
  /**
   * An addon of another series: 17.0 and later leave it out with a warning (`log`); 16.0 takes
   * any version as its own and installs it (no `log`). Runs leave such addons out: info.
   */
  | { kind: 'other-series'; log?: RegExp }
  /** The module installs and the web client breaks on it: error (the server never sees it). */
  | { kind: 'browser' }
  /** Valid on this series: it installs and the checker says nothing of the rule. */
  | { kind: 'valid' };

export type OutcomeKind = OdooOutcome['kind'];

/** The severity each real-Odoo outcome gives a finding; `valid` gives none. */
export const severityOf: Record<OutcomeKind, Severity | undefined> = {
  rejects: 'error',
  warns: 'warning',
  overwrites: 'warning',
  silent: 'info',
  'other-series': 'info',
  browser: 'error',
  valid: undefined,
};

export interface RuleFixture {
  folder: string;
  /** Modules in the folder; the first is the one installed. */
  modules: string[];
  rule: string;
  /** What it is, for the docs' table and the test titles. */
  variant: string;
  /** What each series does with it (every supported series is listed). */
  odoo: Record<SupportedSeries, OdooOutcome>;
  /** Install with the module's tests (the variant is about its tests). */
  tests?: boolean;
  /** How the fixture is written for each series (default: the series' own syntax and version). */
  retarget?: (series: SupportedSeries) => RetargetOptions;
  /**
   * The checker's severity when it is not the one of the outcome, with the reason (a condition
   * the checker cannot see decides the outcome on real code).
   */
  severity?: { value: Severity; because: string };
}

/** The same outcome on every series. */
const all = (outcome: OdooOutcome): Record<SupportedSeries, OdooOutcome> =>
  Object.fromEntries(supportedSeries.map((series) => [series, outcome])) as Record<
    SupportedSeries,
    OdooOutcome
  >;

const moduleOf = (folder: string): string => `forge_${folder.replace(/-/g, '_')}`;

const one = (
  folder: string,
  rule: string,
  variant: string,
  odoo: Record<SupportedSeries, OdooOutcome>,
  extra: Partial<RuleFixture> = {},
): RuleFixture => ({ folder, modules: [moduleOf(folder)], rule, variant, odoo, ...extra });

/** The severity the checker must give the fixture's rule on `series` (undefined: no finding). */
export function expectedSeverity(fixture: RuleFixture, series: SupportedSeries): Severity | undefined {
  const fromOutcome = severityOf[fixture.odoo[series].kind];
  return fromOutcome === undefined ? undefined : (fixture.severity?.value ?? fromOutcome);
}

/** For each run's series, the series of the addon of another series next to its addons. */
const otherSeries: Record<SupportedSeries, SupportedSeries> = {
  '16.0': '18.0',
  '17.0': '16.0',
  '18.0': '17.0',
};
const skippedBy1718 = /invalid module names, ignored: forge_manifest_other_series|invalid manifest/;

export const ruleFixtures: RuleFixture[] = [
  one(
    'manifest-not-literal',
    'manifest-not-literal',
    'a manifest that is not a literal',
    all({ kind: 'rejects', log: /malformed node|literal/i }),
  ),
  one(
    'manifest-missing-key',
    'manifest-missing-key',
    'no license',
    all({ kind: 'warns', log: /Missing `license` key/ }),
  ),
  one(
    'manifest-missing-key-version',
    'manifest-missing-key',
    'no version (Odoo assumes 1.0)',
    all({ kind: 'silent' }),
  ),
  one('manifest-missing-key-name', 'manifest-missing-key', 'no name', all({ kind: 'silent' })),
  one(
    'manifest-version-series',
    'manifest-version-series',
    'version 1.0.0.0, a form adapt_version refuses from 17.0',
    {
      '16.0': { kind: 'silent' },
      '17.0': {
        kind: 'rejects',
        log: /invalid module names, ignored: forge_manifest_version_series|invalid manifest/,
      },
      '18.0': {
        kind: 'rejects',
        log: /invalid module names, ignored: forge_manifest_version_series|invalid manifest/,
      },
    },
  ),
  one(
    'manifest-other-series',
    'manifest-other-series',
    'the version of another series (an addon of that series)',
    {
      // 16.0 takes any version as its own: written for 16.0, the addon installs.
      '16.0': { kind: 'other-series' },
      '17.0': { kind: 'other-series', log: skippedBy1718 },
      '18.0': { kind: 'other-series', log: skippedBy1718 },
    },
    {
      // Written in the syntax of the series it names, except on 16.0, which checks it as 16.0.
      retarget: (series) => ({
        version: `${otherSeries[series]}.1.0.0`,
        syntax: series === '16.0' ? series : otherSeries[series],
      }),
    },
  ),
  one(
    'manifest-unknown-license',
    'manifest-unknown-license',
    'license MIT',
    all({ kind: 'rejects', log: /MIT|license/i }),
  ),
  one(
    'manifest-file-missing',
    'manifest-file-missing',
    'a data file that does not exist',
    all({ kind: 'rejects', log: /missing_views\.xml/ }),
  ),
  one(
    'manifest-depends-missing',
    'manifest-depends-missing',
    'a dependency not on the addons path',
    all({ kind: 'rejects', log: /forge_not_on_path/ }),
  ),
  {
    folder: 'manifest-depends-cycle',
    modules: ['forge_cycle_a', 'forge_cycle_b'],
    rule: 'manifest-depends-cycle',
    variant: 'two modules that depend on each other',
    odoo: all({ kind: 'rejects', log: /forge_cycle/ }),
  },
  {
    folder: 'xml-ref-not-dependency',
    modules: ['forge_xml_ref_not_dependency', 'forge_other'],
    rule: 'xml-ref-not-dependency',
    variant: 'an id of a module on the path that is not a dependency',
    odoo: all({ kind: 'rejects', log: /forge_other\.group_forge_other/ }),
    severity: {
      value: 'warning',
      because:
        'Odoo refuses it when the other module is not installed yet, as here; on real code it often is, and the install passes',
    },
  },
  one(
    'python-syntax-error',
    'python-syntax-error',
    'in a model file',
    all({ kind: 'rejects', log: /SyntaxError/ }),
  ),
  one(
    'python-syntax-error-tests',
    'python-syntax-error',
    'in a test file (imported only when the tests run; the run fails)',
    all({ kind: 'rejects', log: /SyntaxError|test_forge_item/ }),
    { tests: true },
  ),
  one(
    'python-import-missing',
    'python-import-missing',
    'in a model package',
    all({ kind: 'rejects', log: /forge_item_extra/ }),
  ),
  one(
    'python-import-missing-tests',
    'python-import-missing',
    'in the tests package (imported only when the tests run; the run fails)',
    all({ kind: 'rejects', log: /test_forge_item/ }),
    { tests: true },
  ),
  one(
    'csv-invalid',
    'csv-invalid',
    'an unclosed quote in an access CSV (Python reads the next row into that field)',
    all({ kind: 'rejects', log: /Unknown value '1/ }),
  ),
  one(
    'xml-not-well-formed',
    'xml-not-well-formed',
    'an unclosed tag',
    all({ kind: 'rejects', log: /forge_item_views\.xml/ }),
  ),
  one(
    'xml-duplicate-id',
    'xml-duplicate-id',
    'the same id for records of two models',
    all({ kind: 'rejects', log: /different model|forge_item_action/ }),
  ),
  one('xml-duplicate-id-same', 'xml-duplicate-id', 'the same record twice', all({ kind: 'silent' })),
  one(
    'xml-duplicate-id-differs',
    'xml-duplicate-id',
    'the same id, one model, another field value',
    all({ kind: 'overwrites' }),
  ),
  one(
    'xml-unknown-ref',
    'xml-unknown-ref',
    'a ref to an id defined nowhere',
    all({ kind: 'rejects', log: /forge_item_action_missing/ }),
  ),
  one(
    'xml-ref-load-order',
    'xml-ref-load-order',
    'an id used before its file is loaded',
    all({ kind: 'rejects', log: /forge_item_action/ }),
  ),
  one(
    'xml-ref-load-order-demo',
    'xml-ref-load-order',
    'an id defined only in demo data, used from data',
    all({ kind: 'rejects', log: /forge_item_action/ }),
  ),
  one(
    'view-unknown-field',
    'view-unknown-field',
    'a field the model lacks',
    all({ kind: 'rejects', log: /description/ }),
  ),
  one(
    'view-subview-unknown-field',
    'view-unknown-field',
    'a field the comodel lacks, in a sub-view',
    all({ kind: 'rejects', log: /partner_id/ }),
  ),
  one('view-attrs-removed', 'view-attrs-removed', '`attrs`', {
    '16.0': { kind: 'valid' },
    '17.0': { kind: 'rejects', log: /attrs/ },
    '18.0': { kind: 'rejects', log: /attrs/ },
  }),
  one('view-tree-removed', 'view-tree-removed', '`<tree>`', {
    '16.0': { kind: 'valid' },
    '17.0': { kind: 'valid' },
    '18.0': { kind: 'rejects', log: /tree/ },
  }),
  one('action-view-mode-tree', 'action-view-mode-tree', '`view_mode` tree,form', {
    '16.0': { kind: 'valid' },
    '17.0': { kind: 'valid' },
    '18.0': { kind: 'browser' },
  }),
  one(
    'view-unknown-model',
    'view-unknown-model',
    'a view of a model defined nowhere',
    all({ kind: 'rejects', log: /forge\.itme/ }),
  ),
  one(
    'view-unknown-type',
    'view-unknown-type',
    'a root node that is no view type',
    all({ kind: 'rejects', log: /lookup/ }),
  ),
  one(
    'view-unknown-type-list',
    'view-unknown-type',
    '`<list>` before 18.0',
    {
      '16.0': { kind: 'rejects', log: /list/ },
      '17.0': { kind: 'rejects', log: /list/ },
      '18.0': { kind: 'valid' },
    },
    { retarget: () => ({ keepViews: true }) },
  ),
  one(
    'view-button-method',
    'view-button-method',
    'a button calling a method the model lacks',
    all({ kind: 'rejects', log: /action_finish/ }),
  ),
  one(
    'view-unknown-group',
    'view-unknown-group',
    'groups= of an unknown group',
    all({ kind: 'warns', log: /group_forge_missing/ }),
  ),
  one(
    'access-csv-header',
    'access-csv-header',
    'a header without model_id:id',
    all({ kind: 'rejects', log: /model/ }),
  ),
  one(
    'access-unknown-model',
    'access-unknown-model',
    'model_id:id of no model',
    all({ kind: 'rejects', log: /model_forge_item_lines/ }),
  ),
  one(
    'access-unknown-group',
    'access-unknown-group',
    'group_id:id of no group',
    all({ kind: 'rejects', log: /group_forge_missing/ }),
  ),
  one(
    'access-invalid-permission',
    'access-invalid-permission',
    'a permission 2',
    all({ kind: 'rejects', log: /perm_write|'2'|"2"/ }),
  ),
  one(
    'access-invalid-permission-word',
    'access-invalid-permission',
    'permissions true/false',
    all({ kind: 'silent' }),
  ),
  one(
    'access-missing',
    'access-missing',
    'a model without access row',
    all({ kind: 'warns', log: /\['forge\.item\.line'\] have no access rules/ }),
  ),
];

export const cleanFixture = { folder: 'clean', module: 'forge_clean' };
