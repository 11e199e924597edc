import type { ModelSpec } from '../spec/module-spec.js';
import type { ScheduledJobSpec } from '../spec/references/check-scheduled.js';
import type { AddonPlan, PlannedModel } from './addon-plan.js';
import { floatTolerance } from './float-tolerance.js';
import { pyStr } from './python-literal.js';
import { cronXmlId, scheduledJobs, specModel } from './render-scheduled.js';
import { pyScalar } from './sample-values.js';
import { mailPostedLines } from './render-mail-test.js';

/**
 * The generated test of each scheduled job: its ir.cron is loaded for the model with its
 * interval; run as Odoo runs it (`method_direct_trigger`), it applies the job to every record
 * its domain matched; and the job applied to a new record has its effect.
 */
export function scheduledJobTests(plan: AddonPlan, model: PlannedModel, name: (base: string) => string): string[][] {
  const spec = specModel(plan, model);
  return scheduledJobs(plan, model).map((job) => {
    const method = `_cron_${job.name}`;
    return [
      `def ${name(`cron ${job.name} runs its job`)}(self):`,
      `    cron = self.env.ref(${pyStr(`${plan.module}.${cronXmlId(model, job)}`)})`,
      `    self.assertEqual(cron.model_id.model, ${pyStr(model.name)})`,
      `    self.assertEqual((cron.interval_number, cron.interval_type), (${job.every.number}, ${pyStr(job.every.unit)}))`,
      '    self.assertTrue(cron.active)',
      `    model = self.env[${pyStr(model.name)}]`,
      `    matched = model.search(model.${method}_domain())`,
      '    cron.method_direct_trigger()',
      '    for record in matched:',
      ...effect(job, spec, 'record', model).map((line) => `    ${line}`),
      '    record = self._create_record()',
      `    record.${method}_apply()`,
      ...effect(job, spec, 'record', model),
    ];
  });
}

/** Assertions that `job` had its effect on `record` (lines of the method body). */
function effect(job: ScheduledJobSpec, spec: ModelSpec | undefined, record: string, model: PlannedModel): string[] {
  const template = spec?.mail_templates?.find((candidate) => candidate.name === job.send_mail);
  if (template !== undefined) return mailPostedLines(model, template, record).map((line) => `    ${line}`);
  if (job.move_to !== undefined)
    return [`    self.assertEqual(${record}.${spec?.workflow?.field ?? 'state'}, ${pyStr(job.move_to)})`];
  if (job.activity !== undefined) {
    const summary = pyStr(job.activity.summary);
    return [
      `    activity = ${record}.activity_ids.filtered(lambda activity: activity.summary == ${summary})`,
      '    self.assertEqual(len(activity), 1)',
      `    self.assertEqual((activity.date_deadline - activity.create_date.date()).days, ${job.activity.days ?? 0})`,
    ];
  }
  return Object.entries(job.write ?? {}).map(([name, value]) => {
    const field = spec?.fields[name];
    if (field === undefined) return `    self.assertEqual(${record}.${name}, ${pyStr(String(value))})`;
    if (field.type === 'float' || field.type === 'monetary')
      return `    self.assertAlmostEqual(${record}.${name}, ${pyScalar(field, value)}${floatTolerance(field, value)})`;
    if (field.type === 'date' || field.type === 'datetime')
      return `    self.assertEqual(str(${record}.${name}), ${pyStr(String(value))})`;
    return `    self.assertEqual(${record}.${name}, ${pyScalar(field, value)})`;
  });
}
