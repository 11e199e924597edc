/** What a Python parser (stdlib `ast`, run outside core) tells the checker about one file. */
export interface PyField {
  name: string;
  line: number;
  /** The field class, e.g. `Many2one`. */
  type: string;
  comodel?: string;
  related?: string;
  /** `delegate=True`: the model delegates to the comodel, as with `_inherits`. */
  delegate?: boolean;
}

export interface PyClass {
  name: string;
  line: number;
  bases: string[];
  _name?: string;
  _inherit?: string[];
  _inherits?: Record<string, string>;
  _abstract?: boolean;
  _transient?: boolean;
  _auto?: boolean;
  _register?: boolean;
  fields: PyField[];
  methods: string[];
  attrs: string[];
}

export interface PyImport {
  level: number;
  module: string | null;
  names: string[];
  line: number;
  column: number;
}

export interface PythonFileFacts {
  /** The path it was asked for. */
  path: string;
  readError?: string;
  error?: { line: number; column: number; message: string };
  /** For a manifest: the literal value. */
  manifest?: unknown;
  manifestError?: { line: number; message: string };
  /** For a manifest: key → line, and `key[]` → the line of each list item. */
  manifestLines?: Record<string, number | number[]>;
  imports?: PyImport[];
  /** XML ids the code gives records itself (`{'xml_id': ...}` dicts for `_update_xmlids`). */
  xmlIds?: string[];
  classes?: PyClass[];
  /** `env.ref('module.id')` calls with a literal id (not `raise_if_not_found=False`). */
  refs?: { id: string; line: number; column: number }[];
}

/**
 * Parses Python sources. Implemented outside core (a spawned python3 with `ast`); the checker
 * only consumes the result. Keys of `sources` and of the result are the same paths.
 */
export interface PythonFactsProvider {
  parseSources(sources: Map<string, string>): Promise<Map<string, PythonFileFacts>>;
}
