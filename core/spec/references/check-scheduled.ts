import type { SpecReferenceError } from '../check-spec-references.js';
import type { ModelSpec, ModuleSpec } from '../module-spec.js';
import { checkDomain } from './check-views.js';
import { scalarValueProblem } from './scalar-value-problem.js';
import { choices, RELATIONAL_TYPES, type SpecModelIndex, type SpecPath } from './spec-model-index.js';

export type ScheduledJobSpec = NonNullable<ModelSpec['scheduled']>[number];

const JOB_KINDS = ['write', 'move_to', 'activity', 'send_mail'] as const;

/**
 * `scheduled` (ModuleSpec 1.1): each job named once per model, with exactly one of write,
 * move_to and activity; its domain names fields of the model; written fields are plain fields
 * of the model given a value of their type; move_to is a state some workflow button leads to;
 * an activity needs mail.activity.mixin and a user field that is a many2one to res.users.
 */
export function checkScheduled(spec: ModuleSpec, index: SpecModelIndex): SpecReferenceError[] {
  const errors: SpecReferenceError[] = [];
  const add = (pathKeys: SpecPath, message: string) => errors.push({ pathKeys, message });
  (spec.models ?? []).forEach((model, i) => {
    const indexed = index.model(model.name);
    const seen = new Set<string>();
    (model.scheduled ?? []).forEach((job, j) => {
      const at: SpecPath = ['models', i, 'scheduled', j];
      if (seen.has(job.name)) add([...at, 'name'], `${model.name} already has a scheduled job ${job.name}: name each job once`);
      seen.add(job.name);
      const kinds = JOB_KINDS.filter((kind) => job[kind] !== undefined);
      if (kinds.length !== 1)
        add(
          at,
          kinds.length === 0
            ? `job ${job.name} does nothing: give one of write: {field: value}, move_to: <state>, activity: {summary}, send_mail: <template>`
            : `job ${job.name} has ${kinds.join(' and ')}: a job does one thing, keep one (or write two jobs)`,
        );
      if (job.domain !== undefined && indexed) checkDomain(index, indexed, job.domain, [...at, 'domain'], add);
      for (const [name, value] of Object.entries(job.write ?? {})) checkWrite(model, name, value, [...at, 'write', name], add);
      if (job.move_to !== undefined) checkMoveTo(model, job.move_to, [...at, 'move_to'], add);
      if (job.activity !== undefined) checkActivity(model, job.activity, [...at, 'activity'], add);
    });
  });
  return errors;
}

type Add = (pathKeys: SpecPath, message: string) => void;

function checkWrite(model: ModelSpec, name: string, value: string | number | boolean, at: SpecPath, add: Add): void {
  const field = model.fields[name];
  if (field === undefined) {
    add(at, `${model.name} has no field ${name}: ${choices('fields', Object.keys(model.fields), name)}`);
    return;
  }
  if (RELATIONAL_TYPES.has(field.type) || field.type === 'binary' || field.type === 'image')
    add(at, `a job writes plain values: ${name} is a ${field.type} field`);
  else if (field.compute !== undefined || field.related !== undefined || field.sequence !== undefined)
    add(at, `${name} is not set by hand (${field.compute ? 'computed' : field.related ? 'related' : 'numbered'}): write another field`);
  else {
    const problem = scalarValueProblem(field, value, 'value');
    if (problem !== undefined) add(at, problem);
  }
}

function checkMoveTo(model: ModelSpec, state: string, at: SpecPath, add: Add): void {
  const workflow = model.workflow;
  if (workflow === undefined) {
    add(at, `${model.name} has no workflow: move_to needs one (workflow: {field, buttons}), or write the field`);
    return;
  }
  const targets = [...new Set(workflow.buttons.map((button) => button.to))];
  if (!targets.includes(state))
    add(at, `no workflow button leads to ${state}: ${choices('states buttons lead to', targets, state)}`);
}

function checkActivity(model: ModelSpec, activity: NonNullable<ScheduledJobSpec['activity']>, at: SpecPath, add: Add): void {
  if (!(model.mixins ?? []).includes('mail.activity.mixin'))
    add(at, `activities need mail.activity.mixin: add it to ${model.name}'s mixins`);
  // Odoo 16.0's mail.activity subscribes the assignee to the record (message_subscribe), which
  // only mail.thread has: without it the job fails on its first run.
  else if (!(model.mixins ?? []).includes('mail.thread'))
    add(at, `scheduled activities need mail.thread too (the assignee is subscribed to the record): add mail.thread to ${model.name}'s mixins`);
  const userField = activity.user_field;
  if (userField === undefined) return;
  const field = model.fields[userField];
  if (field?.type !== 'many2one' || field.comodel !== 'res.users')
    add(
      [...at, 'user_field'],
      `${userField} is not a many2one to res.users of ${model.name}: ${choices('user fields', Object.entries(model.fields).filter(([, f]) => f.type === 'many2one' && f.comodel === 'res.users').map(([n]) => n), userField)}`,
    );
}
