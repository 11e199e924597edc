import { SaxesParser } from 'saxes';

/** An element of a parsed XML file, with the 1-based line and column of its start tag. */
export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (children's text excluded), trimmed of nothing. */
  text: string;
  line: number;
  column: number;
}

export interface XmlParseError {
  line: number;
  column: number;
  message: string;
}

export type XmlParseResult =
  { root: XmlElement; error?: undefined } | { root?: undefined; error: XmlParseError };

/** Parses XML with a real, strict parser (saxes) and keeps each element's position. */
export function parseXml(source: string): XmlParseResult {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlParseError | undefined;
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startColumn = Math.max(1, parser.column - tag.name.length);
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      tag: tag.name,
      attrs: tag.attributes as Record<string, string>,
      children: [],
      text: '',
      line: startLine,
      column: startColumn,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (thrown) => {
    if (!error) {
      const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(thrown.message);
      error = match
        ? { line: Number(match[1]), column: Number(match[2]), message: match[3] ?? thrown.message }
        : { line: parser.line, column: parser.column, message: thrown.message };
    }
  });
  try {
    parser.write(source).close();
  } catch (thrown) {
    if (!error) error = { line: parser.line, column: parser.column, message: String(thrown) };
  }
  if (error) return { error };
  if (!root) return { error: { line: 1, column: 1, message: 'the file has no root element' } };
  return { root };
}

/** Every element under `element` (itself included), depth first in document order. */
export function* walkElements(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walkElements(child);
}
