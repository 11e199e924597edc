/**
 * A tiny XML writer for generated Odoo data files: elements with ordered attributes, escaped
 * text, and indentation by four spaces (as Odoo's and OCA's files are written). Deterministic.
 */
export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string } | { comment: string };

export type XmlAttrs = Record<string, string | number | boolean | undefined>;

/** Builds an element; attributes whose value is undefined are left out. */
export function el(name: string, attrs: XmlAttrs = {}, children: (XmlNode | string | undefined | false)[] = []): XmlElement {
  return {
    name,
    attrs: Object.entries(attrs)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
    children: children
      .filter((child): child is XmlNode | string => child !== undefined && child !== false)
      .map((child) => (typeof child === 'string' ? { text: child } : child)),
  };
}

export function comment(text: string): XmlNode {
  return { comment: text };
}

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function renderNode(node: XmlNode, depth: number): string {
  const pad = '    '.repeat(depth);
  if ('text' in node) return `${pad}${escapeXmlText(node.text)}`;
  // `--` may not appear in a comment, nor may it end with `-`: space every dash that a dash follows.
  if ('comment' in node) return `${pad}<!-- ${node.comment.replace(/-(?=-)/g, '- ').replace(/-$/, '- ')} -->`;
  const attrs = node.attrs.map(([key, value]) => ` ${key}="${escapeXmlAttr(value)}"`).join('');
  if (node.children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  const only = node.children[0];
  // A lone text child stays on the element's line, even over several lines: Odoo's loader
  // takes node.text as it is, indentation included.
  if (node.children.length === 1 && only && 'text' in only) {
    return `${pad}<${node.name}${attrs}>${escapeXmlText(only.text)}</${node.name}>`;
  }
  const inner = node.children.map((child) => renderNode(child, depth + 1)).join('\n');
  return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
}

/** A whole Odoo data file: declaration, `<odoo>` root, records separated by blank lines. */
export function renderOdooXml(records: XmlNode[], options: { noupdate?: boolean } = {}): string {
  const body = records.map((record) => renderNode(record, 1)).join('\n\n');
  const root = options.noupdate ? '<odoo noupdate="1">' : '<odoo>';
  return `<?xml version="1.0" encoding="utf-8"?>\n${root}\n${body}\n</odoo>\n`;
}
