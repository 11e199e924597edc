import { SaxesParser } from 'saxes';

/** Attributes whose value Odoo evaluates as Python. */
const PYTHON_ATTRIBUTES = new Set([
  'attrs',
  'domain',
  'context',
  'eval',
  'invisible',
  'readonly',
  'required',
  'column_invisible',
]);

export interface XmlFacts {
  /** The root element's name. */
  root: string;
  /** Every Python expression the file holds: evaluated attributes and `domain_force` texts. */
  expressions: { where: string; source: string }[];
  /** `id` attributes, in order. */
  ids: string[];
}

/**
 * Parses an XML file with a real, strict parser (saxes) and throws on the first well-formedness
 * error, with its line and column. Returns what the other checks need.
 */
export function readXml(text: string): XmlFacts {
  const parser = new SaxesParser({ position: true });
  const facts: XmlFacts = { root: '', expressions: [], ids: [] };
  const open: { name: string; fieldName: string | undefined; text: string }[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    if (open.length === 0) facts.root = tag.name;
    const attrs = tag.attributes as Record<string, string>;
    for (const [name, value] of Object.entries(attrs)) {
      if (PYTHON_ATTRIBUTES.has(name))
        facts.expressions.push({ where: `<${tag.name} ${name}> line ${parser.line}`, source: value });
      if (name === 'id') facts.ids.push(value);
    }
    open.push({ name: tag.name, fieldName: tag.name === 'field' ? attrs['name'] : undefined, text: '' });
  });
  parser.on('text', (text) => {
    const top = open[open.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    const closed = open.pop();
    if (closed?.fieldName === 'domain_force')
      facts.expressions.push({ where: `domain_force line ${parser.line}`, source: closed.text.trim() });
  });
  parser.write(text).close();
  return facts;
}
