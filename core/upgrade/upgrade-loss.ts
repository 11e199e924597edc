/** What an update would lose, found by comparing the data before and after it (`compareSnapshots`). */
export type UpgradeLossKind =
  | 'model-removed'
  | 'record-deleted'
  | 'field-removed'
  | 'field-retyped'
  | 'selection-key-removed'
  | 'value-changed';

export interface UpgradeLoss {
  kind: UpgradeLossKind;
  model: string;
  field?: string;
  /** Records that lost something. */
  records: number;
  /** Field values lost (one record may lose several). */
  values: number;
  /** Says what was lost, where, and what to do. */
  message: string;
  /** A few record ids with their value before → after, for the report. */
  examples: string[];
}

/** Something the update changed without losing data: a field renamed, a selection key mapped, a type converted. */
export interface UpgradeCarry {
  kind: 'model-renamed' | 'field-renamed' | 'selection-mapped' | 'field-converted';
  model: string;
  /** The field (empty for model-renamed). */
  field: string;
  /** The old name (renamed), the old key → new key (mapped), or the old type (converted). `values`: records, for model-renamed. */
  from: string;
  to: string;
  values: number;
}

export interface SnapshotComparison {
  losses: UpgradeLoss[];
  carried: UpgradeCarry[];
  /** Records and field values that both versions define and that came through unchanged. */
  survived: { models: number; records: number; values: number };
}
