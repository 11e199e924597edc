import type { z } from 'zod';
import type {
  constraintSchema,
  extensionSchema,
  fieldSchema,
  modelSchema,
  moduleSpecSchema,
  specTestSchema,
  workflowSchema,
} from './module-spec-schema.js';

/** A validated ModuleSpec v1 (see docs/module-spec.md). */
export type ModuleSpec = z.infer<typeof moduleSpecSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type FieldSpec = z.infer<typeof fieldSchema>;
export type FieldType = FieldSpec['type'];
export type ConstraintSpec = z.infer<typeof constraintSchema>;
export type WorkflowSpec = z.infer<typeof workflowSchema>;
export type ExtensionSpec = z.infer<typeof extensionSchema>;
export type SpecTest = z.infer<typeof specTestSchema>;
export type OdooSeries = ModuleSpec['odoo'];

/** One problem in a spec: the path names the exact place, e.g. `models[1].fields.owner_id.comodel`. */
export interface SpecError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A value of the spec replaced before validation (see `SpecOverrides`). */
export interface OverriddenValue {
  /** `odoo` or `module.name`. */
  path: string;
  /** What the spec says (undefined when the key is missing). */
  spec: unknown;
  value: string;
  line?: number;
}

export type ParseSpecResult =
  | { ok: true; spec: ModuleSpec; overridden?: OverriddenValue[] }
  | { ok: false; errors: SpecError[]; overridden?: OverriddenValue[] };
