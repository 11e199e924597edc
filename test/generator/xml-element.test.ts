import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import {
  comment,
  el,
  escapeXmlAttr,
  escapeXmlText,
  renderOdooXml,
} from '../../core/generator/xml-element.js';

/** Attribute values and texts of the first element named `name`, as a strict XML parser reads them. */
function read(xml: string, name: string): { attrs: Record<string, string>; text: string } {
  const parser = new SaxesParser();
  let found: { attrs: Record<string, string>; text: string } | undefined;
  let depth = 0;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    if (found === undefined && tag.name === name) {
      found = { attrs: { ...(tag.attributes as Record<string, string>) }, text: '' };
      depth = 1;
    } else if (depth > 0) depth += 1;
  });
  parser.on('text', (text) => {
    if (found && depth > 0) found.text += text;
  });
  parser.on('closetag', () => {
    if (depth > 0) depth -= 1;
  });
  parser.write(xml).close();
  assert.ok(found, `<${name}> in ${xml}`);
  return found;
}

function assertWellFormedComment(text: string): void {
  const xml = renderOdooXml([comment(text)]);
  assert.doesNotThrow(() => read(xml, 'odoo'), xml);
  const body = /<!-- ([\s\S]*) -->/.exec(xml)?.[1] ?? '';
  assert.ok(!body.includes('--'), body);
}

const NASTY = 'a & b < c > d "double" \'single\' ]]> --';

describe('xml-element: the XML writer of generated data files', () => {
  it('escapes &, < and > in text, and also quotes and newlines in attributes', () => {
    assert.equal(escapeXmlText('a & b < c > d "q"'), 'a &amp; b &lt; c &gt; d "q"');
    assert.equal(escapeXmlAttr('a & "b"\nc'), 'a &amp; &quot;b&quot;&#10;c');
    assert.equal(escapeXmlText('&amp;'), '&amp;amp;', 'an entity in the input is text, not markup');
  });

  it('round-trips nasty text and attribute values through a strict XML parser', () => {
    const xml = renderOdooXml([
      el('record', { id: 'r', model: 'x.y' }, [
        el('field', { name: NASTY, domain: "[('a', '=', \"it's\")]" }, [NASTY]),
      ]),
    ]);
    const field = read(xml, 'field');
    assert.equal(field.attrs['name'], NASTY);
    assert.equal(field.attrs['domain'], "[('a', '=', \"it's\")]");
    assert.equal(field.text, NASTY);
    assert.equal(
      read(renderOdooXml([el('field', { string: 'one\ntwo' })]), 'field').attrs['string'],
      'one\ntwo',
      'a newline survives attribute normalisation',
    );
  });

  it('drops undefined attributes and undefined/false children, keeps attribute order', () => {
    const node = el('field', { name: 'a', invisible: undefined, readonly: false, sequence: 10 }, [
      undefined,
      false,
      'text',
    ]);
    assert.deepEqual(node.attrs, [
      ['name', 'a'],
      ['readonly', 'false'],
      ['sequence', '10'],
    ]);
    assert.deepEqual(node.children, [{ text: 'text' }]);
  });

  it('writes a declaration, an <odoo> root, four-space indentation and blank lines between records', () => {
    const xml = renderOdooXml([
      el('record', { id: 'a', model: 'm' }, [el('field', { name: 'name' }, ['A'])]),
      el('menuitem', { id: 'b', name: 'B' }),
    ]);
    assert.equal(
      xml,
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<odoo>',
        '    <record id="a" model="m">',
        '        <field name="name">A</field>',
        '    </record>',
        '',
        '    <menuitem id="b" name="B"/>',
        '</odoo>',
        '',
      ].join('\n'),
    );
    assert.equal(renderOdooXml([]), '<?xml version="1.0" encoding="utf-8"?>\n<odoo>\n\n</odoo>\n');
  });

  it('keeps comments well-formed: a -- in the text is broken up', () => {
    assert.throws(
      () => read('<odoo><!-- a -- b --></odoo>', 'odoo'),
      /comment|--/i,
      'the parser itself refuses --',
    );
    for (const text of ['a -- b', 'ends with -', '<!-- nested -->']) assertWellFormedComment(text);
  });

  it('keeps comments well-formed for runs of three or more dashes', () => {
    for (const text of ['---', 'a----b']) assertWellFormedComment(text);
  });

  it('keeps a multi-line text exactly (a demo text value of several lines)', () => {
    const xml = renderOdooXml([
      el('record', { id: 'r', model: 'x.y' }, [el('field', { name: 'note' }, ['Line 1\nLine 2'])]),
    ]);
    assert.equal(read(xml, 'field').text, 'Line 1\nLine 2');
  });
});
