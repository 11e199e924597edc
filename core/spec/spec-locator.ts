import { isMap, isPair, isScalar, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

/** Where a path of the spec is written: line and column, when the YAML has them. */
export type Locate = (path: readonly PropertyKey[]) => { line?: number; column?: number };

/** Finds the line and column of the deepest YAML node that exists along `path`. */
export function locator(doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const prefix = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
      const node = keyNode(doc, prefix);
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

/** For the full path, point at the key (where people look) rather than the value. */
function keyNode(doc: Document, path: (string | number)[]): YamlNode | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last),
    );
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return doc.getIn(path, true) as YamlNode | undefined;
}
