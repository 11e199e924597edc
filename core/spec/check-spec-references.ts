import type { ModuleSpec } from './module-spec.js';

/** A cross-reference problem: `pathKeys` is the path as keys, formatted by the caller. */
export interface ReferenceError {
  pathKeys: (string | number)[];
  message: string;
}

/** Checks every cross-reference of a structurally valid spec. (Filled in by the validation work.) */
export function checkSpecReferences(_spec: ModuleSpec): ReferenceError[] {
  return [];
}
