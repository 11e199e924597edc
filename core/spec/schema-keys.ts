import type { z } from 'zod';
import { moduleSpecSchema } from './module-spec-schema.js';

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
    const def = current._zod.def as unknown as { type: string; innerType?: AnySchema; getter?: () => AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) current = def.innerType;
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

function editDistance(a: string, b: string): number {
  // Optimal string alignment distance: a swap of two letters (titel → title) counts as one edit.
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let beforePrevious = previous;
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
