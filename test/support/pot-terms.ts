import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { planAddon } from '../../core/generator/addon-plan.js';
import { stageModels } from '../../core/generator/render-stages.js';

/** One term a translation template must hold: its msgid and one of its `#:` references. */
export interface PotTerm {
  msgid: string;
  reference: string;
}

/** A .pot entry as Odoo's exporter (polib) writes it: comments, references, msgid. */
export interface PotEntry {
  comments: string[];
  references: string[];
  msgid: string;
}

/**
 * The terms the addon of `spec` must bring into the .pot Odoo exports: model descriptions, field
 * labels and help texts, selection labels, and the translated fields of its stages and data
 * records (`model:<model>,<field>:<module>.<xml id>`), with the references Odoo gives them.
 */
export function expectedPotTerms(spec: ModuleSpec): PotTerm[] {
  const plan = planAddon(spec);
  const module = spec.module.name;
  const terms: PotTerm[] = [];
  for (const model of plan.models) {
    terms.push({ msgid: model.description, reference: `model:ir.model,name:${module}.model_${model.table}` });
    for (const field of model.fields) {
      const id = `${module}.field_${model.table}__${field.name}`;
      terms.push({ msgid: field.label, reference: `model:ir.model.fields,field_description:${id}` });
      if (field.spec.help !== undefined)
        terms.push({ msgid: field.spec.help, reference: `model:ir.model.fields,help:${id}` });
      for (const [key, label] of Object.entries(field.spec.options ?? {}))
        terms.push({
          msgid: label,
          reference: `model:ir.model.fields.selection,name:${module}.selection__${model.table}__${field.name}__${key}`,
        });
    }
  }
  for (const model of stageModels(plan))
    for (const stage of model.stages)
      terms.push({ msgid: stage.name, reference: `model:${model.name},name:${module}.${stage.xmlId}` });
  for (const [modelName, records] of Object.entries(spec.data ?? {})) {
    const fields = plan.models.find((model) => model.name === modelName)?.fields ?? [];
    for (const record of records)
      for (const [name, value] of Object.entries(record.values)) {
        const field = fields.find((candidate) => candidate.name === name);
        if (field?.spec.translate === true && typeof value === 'string')
          terms.push({ msgid: value, reference: `model:${modelName},${name}:${module}.${record.id}` });
      }
  }
  return terms;
}

/** Reads the entries of a .pot (the header entry, msgid "", left out). */
export function parsePot(text: string): PotEntry[] {
  const entries: PotEntry[] = [];
  for (const block of text.split(/\n\n+/)) {
    const entry: PotEntry = { comments: [], references: [], msgid: '' };
    let inMsgid = false;
    for (const line of block.split('\n')) {
      if (line.startsWith('#. ')) entry.comments.push(line.slice(3));
      else if (line.startsWith('#: ')) entry.references.push(...line.slice(3).split(' ').filter(Boolean));
      else if (line.startsWith('msgid ')) {
        inMsgid = true;
        entry.msgid += JSON.parse(line.slice(6)) as string;
      } else if (line.startsWith('"') && inMsgid) entry.msgid += JSON.parse(line) as string;
      else inMsgid = false;
    }
    if (entry.msgid !== '') entries.push(entry);
  }
  return entries;
}

/**
 * What is wrong with the frame of a .pot Odoo `series` exported for `module`: its header and the
 * `#. module:` mark of every entry. One line per problem.
 */
export function potFrameProblems(pot: string, module: string, series: string): string[] {
  const problems: string[] = [];
  // The header names the tree's version: 18.0, or a nightly's 18.0-20250925.
  if (
    !new RegExp(`^"Project-Id-Version: Odoo Server ${series.replace('.', '\\.')}(-\\d+)?\\\\n"$`, 'm').test(
      pot,
    )
  )
    problems.push(`no "Project-Id-Version: Odoo Server ${series}" header`);
  for (const entry of parsePot(pot))
    if (!entry.comments.includes(`module: ${module}`))
      problems.push(`msgid ${JSON.stringify(entry.msgid)} is not marked "#. module: ${module}"`);
  return problems;
}

/** What is wrong with `pot` as the template of `spec`'s addon exported by Odoo `series`: one line per problem. */
export function potProblems(pot: string, spec: ModuleSpec, series: string): string[] {
  const problems = potFrameProblems(pot, spec.module.name, series);
  const entries = parsePot(pot);
  for (const term of expectedPotTerms(spec)) {
    const found = entries.find((entry) => entry.msgid === term.msgid);
    if (!found) problems.push(`no msgid ${JSON.stringify(term.msgid)} (${term.reference})`);
    else if (!found.references.includes(term.reference))
      problems.push(
        `msgid ${JSON.stringify(term.msgid)} lacks the reference ${term.reference}: has ${found.references.join(' ')}`,
      );
  }
  return problems;
}
