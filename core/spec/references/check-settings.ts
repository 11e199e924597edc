import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModuleSpec } from '../module-spec.js';
import { choices, type SpecPath } from './spec-model-index.js';

export type SettingSpec = NonNullable<ModuleSpec['settings']>[number];

type Add = (pathKeys: SpecPath, message: string) => void;

/**
 * Fields res.config.settings already has in base, base_setup, mail and the other addons of the
 * reduced 16.0/17.0/18.0 trees (a setting of the same name would redefine it), and Odoo's magic fields.
 */
const SETTINGS_FIELDS: ReadonlySet<string> = new Set(
  (
    'id display_name create_uid create_date write_uid write_date active_user_count alias_domain alias_domain_id ' +
    'company_count company_country_code company_id company_informations company_name email_primary_color ' +
    'email_secondary_color external_email_server_default external_report_layout_id fail_counter ' +
    'google_translate_api_key is_root_company language_count primary_color profiling_enabled_until ' +
    'report_footer restrict_template_rendering secondary_color sfu_server_key sfu_server_url show_effect ' +
    'tenor_api_key tenor_content_filter tenor_gif_limit twilio_account_sid twilio_account_token ' +
    'use_twilio_rtc_servers user_default_rights web_app_name'
  ).split(' '),
);

/** Fields res.company already has in the reduced trees (a company field of that name would redefine it). */
const COMPANY_FIELDS: ReadonlySet<string> = new Set(
  (
    'id display_name create_uid create_date write_uid write_date active alias_domain_id alias_domain_name ' +
    'all_child_ids bank_ids base_onboarding_company_state bounce_email bounce_formatted catchall_email ' +
    'catchall_formatted child_ids city color company_details company_registry country_code country_id ' +
    'currency_id default_from_email email email_formatted email_primary_color email_secondary_color ' +
    'external_report_layout_id favicon font is_company_details_empty layout_background ' +
    'layout_background_image logo logo_web mobile name paperformat_id parent_id parent_ids parent_path ' +
    'partner_id phone primary_color report_footer report_header root_id secondary_color sequence state_id ' +
    'street street2 uninstalled_l10n_module_ids user_ids uses_default_logo vat view_mode website zip'
  ).split(' '),
);

/** res.config.settings gives these prefixes a meaning of their own (ir.default, groups, module install). */
const SPECIAL_PREFIXES = ['default_', 'group_', 'module_'] as const;

/** The system parameter key of a config_parameter setting. */
export function settingParameterKey(module: string, setting: SettingSpec): string | undefined {
  if (setting.config_parameter === undefined) return undefined;
  return setting.config_parameter === true ? `${module}.${setting.name}` : setting.config_parameter;
}

/** The res.company field of a company_field setting. */
export function settingCompanyField(setting: SettingSpec): string | undefined {
  if (setting.company_field === undefined) return undefined;
  return setting.company_field === true ? setting.name : setting.company_field;
}

/**
 * `settings` (ModuleSpec 1.1): each setting kept in exactly one place (a system parameter or a
 * company field); names, labels, parameter keys and company fields each used once and not
 * already defined by Odoo; options for a selection only; a default of the setting's type.
 */
export function checkSettings(spec: ModuleSpec): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add: Add = (pathKeys, message) => errors.push({ pathKeys, message });
  const settings = spec.settings ?? [];
  const names = new Set<string>();
  const labels = new Map<string, string>();
  const keys = new Set<string>();
  const companyFields = new Set<string>();
  const extendsCompany = (spec.extend ?? []).findIndex((extension) => extension.model === 'res.company');
  const extendsSettings = (spec.extend ?? []).findIndex(
    (extension) => extension.model === 'res.config.settings',
  );
  if (settings.length > 0 && extendsSettings >= 0)
    add(
      ['extend', extendsSettings, 'model'],
      'res.config.settings is written from the settings key: move these fields to settings',
    );
  settings.forEach((setting, i) => {
    const at: SpecPath = ['settings', i];
    const repeated = names.has(setting.name);
    checkName(setting, names, [...at, 'name'], add);
    const label = (setting.label ?? setting.name).toLowerCase();
    const twin = labels.get(label);
    if (twin !== undefined && !repeated)
      add(
        [...at, 'label'],
        `the setting ${twin} has the same label: Odoo warns about two fields with one label, give each its own`,
      );
    labels.set(label, setting.name);
    if (setting.config_parameter === undefined && setting.company_field === undefined)
      add(
        at,
        'say where the value is kept: config_parameter: true (a system parameter) or company_field: true (on the company)',
      );
    if (setting.config_parameter !== undefined && setting.company_field !== undefined)
      add(at, 'a setting is kept in one place: give config_parameter or company_field, not both');
    const key = settingParameterKey(spec.module.name, setting);
    if (key !== undefined && setting.company_field === undefined) {
      if (keys.has(key))
        add(
          [...at, 'config_parameter'],
          `another setting already keeps its value in ${key}: give each its own key`,
        );
      keys.add(key);
    }
    const companyField = settingCompanyField(setting);
    if (companyField !== undefined && setting.config_parameter === undefined) {
      if (COMPANY_FIELDS.has(companyField))
        add(
          [...at, 'company_field'],
          `res.company already has a field ${companyField}: name a new field (e.g. ${spec.module.name}_${companyField})`,
        );
      else if (companyFields.has(companyField))
        add(
          [...at, 'company_field'],
          `another setting already keeps its value in res.company.${companyField}: give each its own field`,
        );
      if (extendsCompany >= 0)
        add(
          [...at, 'company_field'],
          `extend[${extendsCompany}] also adds fields to res.company: keep company settings in a spec that does not extend res.company`,
        );
      companyFields.add(companyField);
    }
    checkOptions(setting, at, add);
    checkDefault(setting, at, add);
  });
  return errors;
}

function checkName(setting: SettingSpec, names: Set<string>, at: SpecPath, add: Add): void {
  const special = SPECIAL_PREFIXES.find((prefix) => setting.name.startsWith(prefix));
  if (special !== undefined)
    add(
      at,
      `res.config.settings gives names starting with ${special} a meaning of their own: choose another name`,
    );
  else if (SETTINGS_FIELDS.has(setting.name))
    add(
      at,
      `res.config.settings already has a field ${setting.name}: choose another name (e.g. prefixed with the module's name)`,
    );
  if (names.has(setting.name)) add(at, `there is already a setting ${setting.name}: name each setting once`);
  names.add(setting.name);
}

function checkOptions(setting: SettingSpec, at: SpecPath, add: Add): void {
  const options = Object.keys(setting.options ?? {});
  if (setting.type === 'selection' && options.length === 0)
    add(at, 'a selection setting needs its options: give options: {key: Label, …}');
  if (setting.type !== 'selection' && setting.options !== undefined)
    add([...at, 'options'], `options are for a selection setting, ${setting.name} is a ${setting.type}`);
}

function checkDefault(setting: SettingSpec, at: SpecPath, add: Add): void {
  const value = setting.default;
  if (value === undefined) return;
  const where = [...at, 'default'];
  switch (setting.type) {
    case 'boolean':
      if (typeof value !== 'boolean')
        add(where, `expected true or false for the boolean setting ${setting.name}`);
      else if (value && setting.company_field === undefined)
        add(
          where,
          'a system parameter cannot default to true: Odoo deletes the parameter when the box is unchecked, so the default would come back (keep it on the company, or default to false)',
        );
      return;
    case 'char':
      if (typeof value !== 'string')
        add(where, `expected a text for the char setting ${setting.name} (quote it)`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        add(where, `expected a whole number for the integer setting ${setting.name}`);
      return;
    case 'float':
      if (typeof value !== 'number') add(where, `expected a number for the float setting ${setting.name}`);
      return;
    case 'selection': {
      const options = Object.keys(setting.options ?? {});
      if (typeof value !== 'string' || !options.includes(value))
        add(
          where,
          `${String(value)} is not an option of ${setting.name}: ${choices('options', options, String(value))}`,
        );
      return;
    }
  }
}
