import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { candidates } from '../../core/generator/sample-values.js';
import type { FieldSpec } from '../../core/spec/module-spec.js';

/** One record the stage created on the base version before the update, or why it could not. */
export interface SeededRecord {
  module: string;
  model: string;
  /** The new record's id; absent when Odoo refused every create. */
  id?: number;
  /** The module's own fields given a value. */
  fields: string[];
  /** A chatter message posted and a follower added (models with mail.thread). */
  mail: boolean;
  /** Why no record (or only the required fields) could be created: Odoo's first line. */
  error?: string;
}

/** A 1×1 PNG (Odoo's image fields check that an image really is one); the generated tests use it too. */
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * The value the generated tests give a field of each scalar type (the first candidate of
 * core/generator/sample-values.ts); selections, relations and files are chosen in Odoo.
 */
export function sampleValuesByType(): Record<string, unknown> {
  const types = [
    'char',
    'text',
    'html',
    'integer',
    'float',
    'monetary',
    'boolean',
    'date',
    'datetime',
  ] as const;
  return Object.fromEntries(types.map((type) => [type, candidates({ type } as FieldSpec)[0]]));
}

const MARKER = 'FORGE_SEED_RESULT ';

/**
 * The Python that `odoo-bin shell` runs: for each model the modules created (their `ir.model`
 * XML ids), one record with a value for every stored, non-computed field the module defines
 * (the generated tests' values; a selection's default or first key; the first records of a
 * relation's comodel; not a mixin's fields), a message and a follower when it has a chatter; a refused create is tried
 * again with the required fields only. Committed; one result line on stdout.
 */
export function seedScript(modules: readonly string[]): string {
  return `
import json
MODULES = json.loads(${JSON.stringify(JSON.stringify(modules))})
SAMPLES = json.loads(${JSON.stringify(JSON.stringify(sampleValuesByType()))})
TINY_PNG = ${JSON.stringify(TINY_PNG)}
SPECIAL = {'res.company': lambda: env.company, 'res.users': lambda: env.user, 'res.currency': lambda: env.company.currency_id}
result = []
created = {}

def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]

def value_of(Model, name, field):
    if field.type in ('char', 'text', 'html', 'integer', 'float', 'monetary', 'boolean', 'date', 'datetime'):
        return SAMPLES[field.type]
    if field.type == 'selection':
        keys = [key for key, _label in field._description_selection(env)]
        default = Model.default_get([name]).get(name)
        return default if default in keys else (keys[0] if keys else None)
    if field.type == 'many2one':
        if field.comodel_name in created:
            return created[field.comodel_name]
        if field.comodel_name in SPECIAL:
            return SPECIAL[field.comodel_name]().id
        return env[field.comodel_name].search([], limit=1, order='id').id or None
    if field.type == 'many2many':
        ids = env[field.comodel_name].search([], limit=2, order='id').ids
        return [(6, 0, ids)] if ids else None
    if field.type == 'binary':
        return 'dGVzdA=='
    if field.type == 'image':
        return TINY_PNG
    return None

for module in MODULES:
    data = env['ir.model.data'].sudo()
    model_ids = data.search([('module', '=', module), ('model', '=', 'ir.model')]).mapped('res_id')
    own_fields = set(env['ir.model.fields'].browse(
        data.search([('module', '=', module), ('model', '=', 'ir.model.fields')]).mapped('res_id')
    ).exists().mapped(lambda f: (f.model, f.name)))
    for name in sorted(env['ir.model'].browse(model_ids).exists().mapped('model')):
        if name not in env:
            continue
        Model = env[name]
        if Model._abstract or Model._transient or not Model._auto:
            continue
        parents = [p for p in ([Model._inherit] if isinstance(Model._inherit, str) else list(Model._inherit or [])) if p != name and p in env]
        values = {}
        for fname, field in Model._fields.items():
            if (name, fname) not in own_fields or not field.store or field.compute or field.related:
                continue
            if any(fname in env[parent]._fields for parent in parents):
                continue  # a mixin's field (mail.thread's message_main_attachment_id on 16.0)
            if fname in ('id', 'create_uid', 'create_date', 'write_uid', 'write_date') or field.type == 'one2many':
                continue
            value = value_of(Model, fname, field)
            if value is not None:
                values[fname] = value
        entry = {'module': module, 'model': name, 'fields': sorted(values), 'mail': False}
        record = None
        try:
            with env.cr.savepoint():
                record = Model.create(values)
        except Exception as error:
            entry['error'] = first_line(error)
            required = {k: v for k, v in values.items() if Model._fields[k].required}
            try:
                with env.cr.savepoint():
                    record = Model.create(required)
                entry['fields'] = sorted(required)
            except Exception as again:
                entry['error'] = first_line(again)
        if record is not None:
            entry['id'] = record.id
            created[name] = record.id
            if hasattr(record, 'message_post') and hasattr(record, 'message_subscribe'):
                try:
                    with env.cr.savepoint():
                        record.message_post(body='Odoo Forge: a record created before the update')
                        record.message_subscribe(partner_ids=env.ref('base.partner_admin').ids)
                    entry['mail'] = True
                except Exception as error:
                    entry['error'] = first_line(error)
        result.append(entry)

env.cr.commit()
print(${JSON.stringify(MARKER)} + json.dumps(result), flush=True)
`;
}

export interface SeedRun {
  python: string;
  /** `odoo-bin` (or `setup/odoo`) of the tree. */
  entryPoint: string;
  /** The server options after the `shell` sub-command (database, addons path, ...). */
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The script and the log are written here. */
  scriptFile: string;
  logFile: string;
  timeoutMs: number;
}

/**
 * Creates, through `odoo-bin shell` on the installed base, one record per model of `modules`
 * with the generated tests' values, so that the update is checked on more than the demo data.
 * Resolves with one entry per model; rejects when the shell itself failed (its log's end).
 */
export async function seedRecords(modules: readonly string[], run: SeedRun): Promise<SeededRecord[]> {
  writeFileSync(run.scriptFile, seedScript(modules));
  const input = openSync(run.scriptFile, 'r');
  const output = openSync(run.logFile, 'a');
  let code: number | null = null;
  let timedOut = false;
  try {
    const child = spawn(run.python, [run.entryPoint, 'shell', ...run.args], {
      stdio: [input, output, output],
      env: run.env,
      cwd: run.cwd,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, run.timeoutMs);
    try {
      code = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
      });
    } finally {
      clearTimeout(timer);
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  const log = readFileSync(run.logFile, 'utf8');
  return parseSeedLog(log, code, timedOut ? `did not finish within ${run.timeoutMs} ms` : undefined);
}

/**
 * The records `seedScript` reports in a shell's output; throws with the log's end when the shell
 * failed (`why`, else its exit code) or printed no result.
 */
export function parseSeedLog(log: string, code: number | null, why?: string): SeededRecord[] {
  const line = log.split('\n').find((l) => l.startsWith(MARKER));
  if (!line || code !== 0 || why) {
    throw new Error(
      `odoo shell ${why ?? `exited with ${code}`}: ${log.trim().split('\n').slice(-5).join(' | ')}`,
    );
  }
  return JSON.parse(line.slice(MARKER.length)) as SeededRecord[];
}
