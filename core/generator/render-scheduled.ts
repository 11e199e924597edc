import type { ModelSpec } from '../spec/module-spec.js';
import type { ScheduledJobSpec } from '../spec/references/check-scheduled.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { pyStr, pyValue } from './python-literal.js';
import { pyScalar } from './sample-values.js';
import { el, renderOdooXml } from './xml-element.js';

/** The data file of the addon's scheduled actions (ModuleSpec 1.1 `scheduled`). */
export const CRON_DATA_FILE = 'data/ir_cron_data.xml';

/** The activity type a scheduled job's activity gets: mail's generic "To Do". */
export const ACTIVITY_TYPE = 'mail.mail_activity_data_todo';

/** The scheduled jobs of a model of the addon (none for an extension). */
export function scheduledJobs(plan: AddonPlan, model: PlannedModel): ScheduledJobSpec[] {
  if (model.kind !== 'model') return [];
  return specModel(plan, model)?.scheduled ?? [];
}

export function specModel(plan: AddonPlan, model: PlannedModel): ModelSpec | undefined {
  return (plan.spec.models ?? []).find((candidate) => candidate.name === model.name);
}

export function cronXmlId(model: PlannedModel, job: ScheduledJobSpec): string {
  return `ir_cron_${model.table}_${job.name}`;
}

/** The label of a job: its `label`, or its name in words. */
function jobLabel(job: ScheduledJobSpec): string {
  if (job.label !== undefined) return job.label;
  const words = job.name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * `data/ir_cron_data.xml`: one ir.cron per job, running `model._cron_<job>()`. noupdate: an
 * update (-u) keeps the interval, the activity and the next call an administrator set. On 16.0
 * and 17.0 a cron runs `numbercall` times (1 by default): -1 makes it run for ever; 18.0 removed
 * the field.
 */
export function renderCronData(plan: AddonPlan): string {
  const records = plan.models.flatMap((model) =>
    scheduledJobs(plan, model).map((job) =>
      el('record', { id: cronXmlId(model, job), model: 'ir.cron' }, [
        el('field', { name: 'name' }, [`${model.description}: ${jobLabel(job)}`]),
        el('field', { name: 'model_id', ref: `model_${model.table}` }),
        el('field', { name: 'state' }, ['code']),
        el('field', { name: 'code' }, [`model._cron_${job.name}()`]),
        el('field', { name: 'interval_number', eval: String(job.every.number) }),
        el('field', { name: 'interval_type' }, [job.every.unit]),
        plan.profile.series === '18.0' ? undefined : el('field', { name: 'numbercall', eval: '-1' }),
        el('field', { name: 'active', eval: 'True' }),
      ]),
    ),
  );
  return renderOdooXml(records, { noupdate: true });
}

/** The imports the model's jobs need: the standard library's before odoo's, odoo's after (isort's order). */
export function jobImports(plan: AddonPlan, model: PlannedModel): { before: string[]; after: string[] } {
  const jobs = scheduledJobs(plan, model);
  if (jobs.length === 0) return { before: [], after: [] };
  return {
    before: jobs.some((job) => job.activity !== undefined) ? ['from datetime import timedelta', ''] : [],
    after: ['from odoo.tools.safe_eval import safe_eval'],
  };
}

/**
 * Three methods per job: `_cron_<job>_domain()` (the spec's domain, evaluated by Odoo's
 * safe_eval with `today` and `now`, never pasted as code; a move_to adds the states a button
 * leads from), `_cron_<job>_apply()` (the job on a recordset) and `_cron_<job>()`, the cron's
 * entry point, which applies the job to the records of the domain and returns them.
 */
export function renderJobMethods(plan: AddonPlan, model: PlannedModel): string[][] {
  const spec = specModel(plan, model);
  return scheduledJobs(plan, model).flatMap((job) => {
    const method = `_cron_${job.name}`;
    const domain: string[] = [
      '@api.model',
      `def ${method}_domain(self):`,
      '    names = {"today": fields.Date.context_today(self), "now": fields.Datetime.now()}',
    ];
    const from = job.move_to !== undefined && spec?.workflow ? movableStates(spec, job.move_to) : undefined;
    if (from !== undefined && spec?.workflow) {
      domain.push(
        `    domain = safe_eval(${pyStr(job.domain ?? '[]')}, names)`,
        `    return domain + [(${pyStr(spec.workflow.field)}, "in", ${pyValue(from)})]`,
      );
    } else domain.push(`    return safe_eval(${pyStr(job.domain ?? '[]')}, names)`);
    return [
      domain,
      [`def ${method}_apply(self):`, ...applyBody(job, spec)],
      [
        '@api.model',
        `def ${method}(self):`,
        `    records = self.search(self.${method}_domain())`,
        `    records.${method}_apply()`,
        '    return records',
      ],
    ];
  });
}

/** The states from which some workflow button leads to `state`. */
export function movableStates(spec: ModelSpec, state: string): string[] {
  return [...new Set((spec.workflow?.buttons ?? []).filter((button) => button.to === state).flatMap((button) => button.from))];
}

function applyBody(job: ScheduledJobSpec, spec: ModelSpec | undefined): string[] {
  if (job.move_to !== undefined) return [`    self.write({${pyStr(spec?.workflow?.field ?? 'state')}: ${pyStr(job.move_to)}})`];
  if (job.send_mail !== undefined) return [`    self._mail_${job.send_mail}_send()`];
  if (job.activity !== undefined) {
    const activity = job.activity;
    const user = activity.user_field ? `record.${activity.user_field}.id or self.env.uid` : 'self.env.uid';
    return [
      `    deadline = fields.Date.context_today(self) + timedelta(days=${activity.days ?? 0})`,
      '    for record in self:',
      '        record.activity_schedule(',
      `            ${pyStr(ACTIVITY_TYPE)},`,
      '            date_deadline=deadline,',
      `            summary=${pyStr(activity.summary)},`,
      ...(activity.note !== undefined ? [`            note=${pyStr(activity.note)},`] : []),
      `            user_id=${user},`,
      '        )',
    ];
  }
  const values = Object.entries(job.write ?? {}).map(([name, value]) => {
    const field = spec?.fields[name];
    return `${pyStr(name)}: ${field ? pyScalar(field, value) : pyValue(value)}`;
  });
  return [`    self.write({${values.join(', ')}})`];
}
