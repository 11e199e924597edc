import type { TestValue } from '../spec/module-spec-schema.js';
import { findField, findModel, type AddonPlan } from './addon-plan.js';
import { modelTable } from './python-literal.js';
import { demoField } from './render-demo.js';
import { el, renderOdooXml, type XmlNode } from './xml-element.js';

/** A data record of the spec (ModuleSpec 1.1 `data`), as the generator writes it. */
export interface PlannedDataRecord {
  id: string;
  values: Record<string, TestValue>;
  /** Kept as an administrator changed it on an update (-u): the default. */
  noupdate: boolean;
}

/** The models with data records, in the spec's order, each with its records and data file. */
export function dataRecordModels(
  plan: AddonPlan,
): { model: string; file: string; records: PlannedDataRecord[] }[] {
  return Object.entries(plan.spec.data ?? {}).map(([model, records]) => ({
    model,
    file: dataRecordFile(model),
    records: records.map((record) => ({
      id: record.id,
      values: record.values,
      noupdate: record.noupdate ?? true,
    })),
  }));
}

/** `data/<model table>_data.xml`, OCA's name for a model's data file (as data/ir_sequence_data.xml). */
export function dataRecordFile(model: string): string {
  return `data/${modelTable(model)}_data.xml`;
}

/**
 * The data file of one model: its records in the spec's order, under `<odoo noupdate="1">` (an
 * update keeps what an administrator changed, as the stages and sequences do); records with
 * `noupdate: false` in a `<data>` block of their own, rewritten on every update.
 */
export function renderDataRecords(plan: AddonPlan, modelName: string): string {
  const entry = dataRecordModels(plan).find((candidate) => candidate.model === modelName);
  const model = findModel(plan, modelName);
  const records = (entry?.records ?? []).map((record) => ({
    noupdate: record.noupdate,
    node: el(
      'record',
      { id: record.id, model: modelName },
      Object.entries(record.values).map(([name, value]) =>
        demoField(name, value, findField(model, name)?.spec.type),
      ),
    ),
  }));
  const kept = records.filter((record) => record.noupdate).map((record) => record.node);
  const updated = records.filter((record) => !record.noupdate).map((record) => record.node);
  if (updated.length === 0) return renderOdooXml(kept, { noupdate: true });
  if (kept.length === 0) return renderOdooXml(updated);
  const blocks: XmlNode[] = [el('data', { noupdate: '1' }, kept), el('data', {}, updated)];
  return renderOdooXml(blocks);
}
