import type { AddonPlan, PlannedModel, PlannedSequence } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { el, renderOdooXml } from './xml-element.js';

/** The data file of the addon's sequences. */
export const SEQUENCE_DATA_FILE = 'data/ir_sequence_data.xml';

/** The value a numbered field shows until the record is created (Odoo's own convention). */
export const SEQUENCE_PLACEHOLDER = 'New';

/** The models of the addon that number a field with a sequence. */
export function sequencedModels(plan: AddonPlan): (PlannedModel & { sequence: PlannedSequence })[] {
  return plan.models.filter((model): model is PlannedModel & { sequence: PlannedSequence } => model.sequence !== undefined);
}

/**
 * `data/ir_sequence_data.xml`: one ir.sequence per numbered model, shared by the companies
 * (company_id False: a company-specific sequence an administrator adds wins for its records).
 * noupdate: an update (-u) keeps the next number and the edits made in Odoo.
 */
export function renderSequenceData(plan: AddonPlan): string {
  const records = sequencedModels(plan).map(({ sequence }) =>
    el('record', { id: sequence.xmlId, model: 'ir.sequence' }, [
      el('field', { name: 'name' }, [sequence.name]),
      el('field', { name: 'code' }, [sequence.code]),
      sequence.prefix !== undefined && el('field', { name: 'prefix' }, [sequence.prefix]),
      sequence.suffix !== undefined && el('field', { name: 'suffix' }, [sequence.suffix]),
      el('field', { name: 'padding', eval: String(sequence.padding) }),
      el('field', { name: 'company_id', eval: 'False' }),
    ]),
  );
  return renderOdooXml(records, { noupdate: true });
}

/** `create()` that gives each new record the next number, unless a value other than "New" was given. */
export function renderSequenceCreate(sequence: PlannedSequence): string[] {
  const field = pyStr(sequence.field);
  const placeholder = pyStr(SEQUENCE_PLACEHOLDER);
  const next = sequence.perCompany
    ? `self.env["ir.sequence"].with_company(vals.get("company_id") or self.env.company.id).next_by_code(${pyStr(sequence.code)})`
    : `self.env["ir.sequence"].next_by_code(${pyStr(sequence.code)})`;
  return [
    '@api.model_create_multi',
    'def create(self, vals_list):',
    '    for vals in vals_list:',
    `        if vals.get(${field}, ${placeholder}) == ${placeholder}:`,
    `            vals[${field}] = ${next} or ${placeholder}`,
    '    return super().create(vals_list)',
  ];
}

/** A Python regular expression the numbers of `sequence` match (date parts as digits). */
export function sequencePattern(sequence: PlannedSequence): string {
  const part = (text: string | undefined): string =>
    (text ?? '')
      .split(/(%\([a-z0-9_]+\)s|%%)/)
      .map((piece) => {
        if (piece === '%%') return '%';
        const name = /^%\(([a-z0-9_]+)\)s$/.exec(piece)?.[1];
        if (name === undefined) return escapeRegex(piece);
        const bare = name.replace(/^(range|current)_/, '');
        const digits = bare === 'year' ? 4 : bare === 'doy' ? 3 : bare === 'weekday' ? 1 : 2;
        return `\\d{${digits}}`;
      })
      .join('');
  return `^${part(sequence.prefix)}\\d{${sequence.padding},}${part(sequence.suffix)}$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, (character) => `\\${character}`);
}
