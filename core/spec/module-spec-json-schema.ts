import { z } from 'zod';
import { moduleSpecSchema } from './module-spec-schema.js';

/**
 * The ModuleSpec as JSON Schema (draft 2020-12): drives the LLM's structured output (a tool's
 * input_schema) and the documentation. Cross-reference rules are not expressible here; the
 * result of an LLM is always validated with `parseSpec`/`validateSpecObject` afterwards.
 */
export function moduleSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(moduleSpecSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
