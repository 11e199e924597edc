import { z } from 'zod';

/**
 * ModuleSpec 1.1 `data`: records the addon loads on install and that are not demo data (default
 * tags, categories, types): per model, a list of `{id, values}`, written to
 * `data/<model table>_data.xml` and listed in the manifest's `data`. Self-contained (zod only):
 * module-spec-schema.ts imports it and passes the value schema of tests and demo records.
 */

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A record's XML id in the addon: what other records refer to as `{ref: <module>.<id>}`. */
export const DATA_RECORD_ID = IDENTIFIER;

export function dataRecordsSchema<V extends z.ZodType>(valueSchema: V) {
  const record = z.strictObject(
    {
      id: z.string({ error: 'expected an XML id such as tag_math' }).regex(DATA_RECORD_ID, {
        error: 'expected an XML id such as tag_math: lowercase letters, digits and _, starting with a letter',
      }),
      values: z.record(
        z.string({ error: 'expected a field name' }).regex(IDENTIFIER, {
          error: 'expected a field name: lowercase letters, digits and _, starting with a letter',
        }),
        valueSchema,
        { error: 'expected a mapping field → value' },
      ),
      noupdate: z
        .boolean({ error: 'expected true or false' })
        .describe(
          'Default true: an update (-u) keeps what an administrator changed in the record. false: the module rewrites it on every update.',
        )
        .optional(),
    },
    { error: 'expected {id: tag_math, values: {name: Mathematics}}' },
  );
  return z
    .record(
      z.string({ error: 'expected a model name' }).regex(MODEL_NAME, {
        error: 'expected a dotted model name such as library.tag',
      }),
      z
        .array(record, { error: 'expected a list of records {id, values}' })
        .min(1, 'list at least one record'),
      { error: 'expected a mapping model → list of records {id, values}' },
    )
    .describe(
      'ModuleSpec 1.1: records loaded on install that are not demo data (default tags, categories, types), per model a list of {id, values} with values typed like demo values (a many2one as {ref: id}); written to data/<model>_data.xml, noupdate unless a record says noupdate: false.',
    );
}
