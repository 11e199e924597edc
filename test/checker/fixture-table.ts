import { fileURLToPath } from 'node:url';

/** The checker fixtures: `test/fixtures/checker/<folder>/<module>/`, one rule each, and a clean one. */
export const fixturesRoot = fileURLToPath(new URL('../fixtures/checker/', import.meta.url));
/** A stand-in `base` (the ids and models the fixtures use) for runs without ODOO_SRC. */
export const stubAddonsPath = `${fixturesRoot}addons-path`;

/** What real Odoo 18 does with the fixture: refuses the install, or installs and logs a warning. */
export type OdooOutcome =
  | { kind: 'rejects'; log: RegExp }
  | { kind: 'warns'; log: RegExp }
  /** Odoo installs it silently and the web client breaks: the checker still reports it. */
  | { kind: 'browser'; log?: undefined };

export interface RuleFixture {
  folder: string;
  /** Modules in the folder; the first is the one installed. */
  modules: string[];
  rule: string;
  severity: 'error' | 'warning';
  odoo: OdooOutcome;
}

const one = (
  folder: string,
  rule: string,
  severity: 'error' | 'warning',
  odoo: OdooOutcome,
): RuleFixture => ({
  folder,
  modules: [`forge_${folder.replace(/-/g, '_')}`],
  rule,
  severity,
  odoo,
});

export const ruleFixtures: RuleFixture[] = [
  one('manifest-not-literal', 'manifest-not-literal', 'error', {
    kind: 'rejects',
    log: /malformed node|literal/i,
  }),
  one('manifest-missing-key', 'manifest-missing-key', 'warning', {
    kind: 'warns',
    log: /Missing `license` key/,
  }),
  // Odoo 18 drops it from the install with only a warning: nothing is installed, exit code 0.
  one('manifest-version-series', 'manifest-version-series', 'error', {
    kind: 'rejects',
    log: /invalid module names, ignored: forge_manifest_version_series/,
  }),
  one('manifest-unknown-license', 'manifest-unknown-license', 'error', {
    kind: 'rejects',
    log: /MIT|license/i,
  }),
  one('manifest-file-missing', 'manifest-file-missing', 'error', {
    kind: 'rejects',
    log: /missing_views\.xml/,
  }),
  one('manifest-depends-missing', 'manifest-depends-missing', 'error', {
    kind: 'rejects',
    log: /forge_not_on_path/,
  }),
  {
    folder: 'manifest-depends-cycle',
    modules: ['forge_cycle_a', 'forge_cycle_b'],
    rule: 'manifest-depends-cycle',
    severity: 'error',
    odoo: { kind: 'rejects', log: /forge_cycle/ },
  },
  {
    // A warning, not an error: on real code the other module is often installed by then; alone,
    // as here, Odoo refuses it.
    folder: 'xml-ref-not-dependency',
    modules: ['forge_xml_ref_not_dependency', 'forge_other'],
    rule: 'xml-ref-not-dependency',
    severity: 'warning',
    odoo: { kind: 'rejects', log: /forge_other\.group_forge_other/ },
  },
  one('python-syntax-error', 'python-syntax-error', 'error', { kind: 'rejects', log: /SyntaxError/ }),
  one('python-import-missing', 'python-import-missing', 'error', {
    kind: 'rejects',
    log: /forge_item_extra/,
  }),
  one('xml-not-well-formed', 'xml-not-well-formed', 'error', {
    kind: 'rejects',
    log: /forge_item_views\.xml/,
  }),
  one('xml-duplicate-id', 'xml-duplicate-id', 'error', {
    kind: 'rejects',
    log: /different model|forge_item_action/,
  }),
  one('xml-unknown-ref', 'xml-unknown-ref', 'error', { kind: 'rejects', log: /forge_item_action_missing/ }),
  one('xml-ref-load-order', 'xml-ref-load-order', 'error', { kind: 'rejects', log: /forge_item_action/ }),
  one('view-unknown-field', 'view-unknown-field', 'error', { kind: 'rejects', log: /description/ }),
  one('view-subview-unknown-field', 'view-unknown-field', 'error', { kind: 'rejects', log: /partner_id/ }),
  one('view-attrs-removed', 'view-attrs-removed', 'error', { kind: 'rejects', log: /attrs/ }),
  one('view-tree-removed', 'view-tree-removed', 'error', { kind: 'rejects', log: /tree/ }),
  one('action-view-mode-tree', 'action-view-mode-tree', 'error', { kind: 'browser' }),
  one('view-unknown-model', 'view-unknown-model', 'error', { kind: 'rejects', log: /forge\.itme/ }),
  one('view-unknown-type', 'view-unknown-type', 'error', { kind: 'rejects', log: /lookup/ }),
  one('view-button-method', 'view-button-method', 'error', { kind: 'rejects', log: /action_finish/ }),
  one('view-unknown-group', 'view-unknown-group', 'warning', { kind: 'warns', log: /group_forge_missing/ }),
  one('access-csv-header', 'access-csv-header', 'error', { kind: 'rejects', log: /model/ }),
  one('access-unknown-model', 'access-unknown-model', 'error', {
    kind: 'rejects',
    log: /model_forge_item_lines/,
  }),
  one('access-unknown-group', 'access-unknown-group', 'error', {
    kind: 'rejects',
    log: /group_forge_missing/,
  }),
  one('access-invalid-permission', 'access-invalid-permission', 'error', {
    kind: 'rejects',
    log: /perm_write|'2'|"2"/,
  }),
  one('access-missing', 'access-missing', 'warning', {
    kind: 'warns',
    log: /\['forge\.item\.line'\] have no access rules/,
  }),
];

export const cleanFixture = { folder: 'clean', module: 'forge_clean' };
