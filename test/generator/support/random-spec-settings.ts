import type { ModuleSpec } from '../../../core/spec/module-spec.js';
import { SETTING_TYPES } from '../../../core/spec/settings-schema.js';
import { dropUndefined, TEXTS } from './random-draw.js';
import type { SpecContext } from './random-spec-records.js';

type SettingSpec = NonNullable<ModuleSpec['settings']>[number];

/**
 * ModuleSpec 1.1 `settings` in a random spec (see random-spec.ts): one to four settings of every
 * type, each kept as a system parameter (its own key or the default one) or on the company, with
 * defaults of their type (never a true boolean parameter). Valid by construction.
 */
export function addSettings(ctx: SpecContext): void {
  const d = ctx.d;
  const module = ctx.spec.module.name;
  const settings: SettingSpec[] = [];
  const count = d.int(1, 4);
  for (let i = 0; i < count; i += 1) {
    const type = d.pick(SETTING_TYPES);
    const name = `${module}_setting_${i}`;
    const onCompany = d.chance(40);
    const options = type === 'selection' ? { a: 'Option A', b: 'Option B' } : undefined;
    settings.push(
      dropUndefined({
        name,
        type,
        label: d.chance(50) ? `${d.pick(TEXTS)} ${i}` : undefined,
        help: d.chance(40) ? d.pick(TEXTS) : undefined,
        options,
        default: d.chance(50) ? settingDefault(type, onCompany, d.chance(50)) : undefined,
        config_parameter: onCompany ? undefined : d.chance(30) ? `${module}.key_${i}` : true,
        company_field: onCompany ? (d.chance(30) ? `${module}_company_${i}` : true) : undefined,
      }),
    );
  }
  ctx.spec.settings = settings;
}

function settingDefault(
  type: SettingSpec['type'],
  onCompany: boolean,
  flip: boolean,
): string | number | boolean {
  switch (type) {
    case 'boolean':
      return onCompany && flip;
    case 'char':
      return 'Forge default';
    case 'integer':
      return flip ? 0 : 5;
    case 'float':
      return flip ? 0.5 : 12.25;
    case 'selection':
      return flip ? 'a' : 'b';
  }
}
