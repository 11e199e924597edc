import type { z } from 'zod';
import { moduleSpecSchema } from './module-spec-schema.js';
import { editDistance } from '../text/edit-distance.js';

type AnySchema = z.core.$ZodType;

/** Follows `path` through the ModuleSpec schema and lists the keys an object there accepts. */
export function allowedKeysAt(path: readonly PropertyKey[], root: AnySchema = moduleSpecSchema): string[] {
  let schema: AnySchema | undefined = unwrap(root);
  for (const key of path) {
    if (!schema) return [];
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') schema = (def['shape'] as Record<string, AnySchema>)[String(key)];
    else if (def.type === 'array') schema = def['element'] as AnySchema;
    else if (def.type === 'record') schema = def['valueType'] as AnySchema;
    else return [];
    schema = schema ? unwrap(schema) : undefined;
  }
  if (!schema) return [];
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as {
      type: string;
      innerType?: AnySchema;
      getter?: () => AnySchema;
    };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType)
      current = def.innerType;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else return current;
  }
}

/** The allowed key closest to a mistyped one, when it is close enough to be a typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}
