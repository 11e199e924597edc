import type { ModelSpec } from '../spec/module-spec.js';
import { slugIdentifier } from './python-literal.js';

/** A default stage of a stage model, loaded as a noupdate data record (ModuleSpec 1.1). */
export interface PlannedStage {
  xmlId: string;
  name: string;
  sequence: number;
  fold: boolean;
}

/** The default stages, numbered 10, 20, …; XML ids from the names, each once. */
export function planStages(model: ModelSpec, table: string): { stages?: PlannedStage[] } {
  if (model.stages === undefined) return {};
  const used = new Set<string>();
  return {
    stages: model.stages.map((stage, index) => {
      const { name, fold } = typeof stage === 'string' ? { name: stage, fold: false } : stage;
      const base = `${table}_${slugIdentifier(name, 40)}`;
      let xmlId = base;
      for (let n = 2; used.has(xmlId); n += 1) xmlId = `${base}_${n}`;
      used.add(xmlId);
      return { xmlId, name, sequence: (index + 1) * 10, fold: fold ?? false };
    }),
  };
}
