import type { ViewRecord, XmlIdDefinition, XmlIdReference } from './module-summary.js';
import type { XmlElement } from './xml-tree.js';

/** An ir.ui.view record with its arch, for the view rules. */
export interface ViewDefinition extends ViewRecord {
  file: string;
  line: number;
  type?: string;
  mode?: string;
  arch?: XmlElement;
}

/** A row of an ir.model.access CSV file or record. */
export interface AccessRow {
  file: string;
  line: number;
  id: string;
  modelRef?: string;
  groupRef?: string;
}

export interface ActionViewMode {
  file: string;
  line: number;
  value: string;
  field: string;
}

/** What the data and demo files of one addon define and reference. */
export interface DataFacts {
  definitions: XmlIdDefinition[];
  references: XmlIdReference[];
  views: ViewDefinition[];
  access: AccessRow[];
  viewModes: ActionViewMode[];
}

/** Where a data file's definitions and references are recorded, and in what order. */
export interface FileContext {
  module: string;
  file: string;
  fileIndex: number;
  demo: boolean;
  facts: DataFacts;
  position: number;
}

export function fullId(module: string, raw: string): string {
  return raw.includes('.') ? raw : `${module}.${raw}`;
}

export function define(
  ctx: FileContext,
  raw: string,
  model: string,
  line: number,
  values?: Record<string, string>,
): void {
  ctx.facts.definitions.push({
    id: fullId(ctx.module, raw),
    model,
    file: ctx.file,
    line,
    fileIndex: ctx.fileIndex,
    position: ctx.position++,
    demo: ctx.demo,
    values,
  });
}

export function refer(
  ctx: FileContext,
  raw: string,
  element: XmlElement,
  use: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const trimmed = raw.trim();
  if (!trimmed) return;
  ctx.facts.references.push({
    raw: trimmed,
    id: fullId(ctx.module, trimmed),
    file: ctx.file,
    line: element.line,
    column: element.column,
    fileIndex: ctx.fileIndex,
    position: ctx.position++,
    demo: ctx.demo,
    use,
    severity,
  });
}
