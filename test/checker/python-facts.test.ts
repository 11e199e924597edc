import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePythonFiles, ProcessPythonFacts } from '../../runner/addon-reader/python-facts-process.js';

// The Python side of the checker: a real python3 with the stdlib `ast` reads the sources.

const python = new ProcessPythonFacts();

test('model classes: _name, _inherit, _inherits, delegate, fields, methods, odd definitions', async () => {
  const source = [
    'from odoo import fields, models',
    '',
    'class Mixin(models.AbstractModel):',
    "    _name = 'x.mixin'",
    '    note = fields.Text()',
    '',
    'class Thing(Mixin):',
    "    _name = 'x.thing'",
    "    _inherit = ['x.mixin', 'mail.thread']",
    "    _inherits = {'res.partner': 'partner_id'}",
    "    partner_id = fields.Many2one('res.partner', required=True, ondelete='cascade')",
    "    user_id = fields.Many2one(comodel_name='res.users', delegate=True)",
    "    email = fields.Char(related='partner_id.email')",
    "    locals()['global'] = fields.Boolean()",
    '    if True:',
    '        maybe = fields.Char()',
    '    def action_go(self):',
    '        return True',
    '',
    "setattr(Thing, 'late', fields.Char())",
    '',
    'def make():',
    '    class Generated(models.Model):',
    "        _name = f'x.{1}'",
    '    return Generated',
  ].join('\n');
  const facts = (await python.parseSources(new Map([['models/thing.py', source]]))).get('models/thing.py');
  assert.equal(facts?.error, undefined);
  const thing = facts?.classes?.find((cls) => cls.name === 'Thing');
  assert.ok(thing);
  assert.equal(thing._name, 'x.thing');
  assert.deepEqual(thing._inherit, ['x.mixin', 'mail.thread']);
  assert.deepEqual(thing._inherits, { 'res.partner': 'partner_id' });
  const fields = Object.fromEntries(thing.fields.map((f) => [f.name, f]));
  assert.deepEqual(Object.keys(fields).sort(), [
    'email',
    'global',
    'late',
    'maybe',
    'note',
    'partner_id',
    'user_id',
  ]);
  assert.equal(fields.partner_id?.comodel, 'res.partner');
  assert.equal(fields.user_id?.comodel, 'res.users');
  assert.equal(fields.user_id?.delegate, true);
  assert.equal(fields.email?.related, 'partner_id.email');
  assert.equal(fields.partner_id?.line, 11);
  assert.ok(thing.methods.includes('action_go'));
  const generated = facts?.classes?.find((cls) => cls.name === 'Generated');
  assert.equal(generated?._name, '?', 'a computed _name is unknown, not guessed');
});

test('a manifest: its literal and the line of each key and list item; a non-literal is refused', async () => {
  const manifest = "{\n    'name': 'X',\n    'depends': [\n        'base',\n        'mail',\n    ],\n}\n";
  const facts = (await python.parseSources(new Map([['__manifest__.py', manifest]]))).get('__manifest__.py');
  assert.deepEqual(facts?.manifest, { name: 'X', depends: ['base', 'mail'] });
  assert.equal(facts?.manifestLines?.depends, 3);
  assert.deepEqual(facts?.manifestLines?.['depends[]'], [4, 5]);
  const notLiteral = (
    await python.parseSources(new Map([['__manifest__.py', "{'depends': ['base'] + []}"]]))
  ).get('__manifest__.py');
  assert.equal(notLiteral?.manifest, undefined);
  assert.ok(notLiteral?.manifestError);
});

test('syntax errors carry their line and column; relative imports are listed', async () => {
  const result = await python.parseSources(
    new Map([
      ['bad.py', 'x = 1\ndef f(:\n    pass\n'],
      [
        '__init__.py',
        'from . import models\nfrom .wizard import thing\ntry:\n    from . import optional\nexcept ImportError:\n    pass\n',
      ],
    ]),
  );
  assert.equal(result.get('bad.py')?.error?.line, 2);
  const imports = result.get('__init__.py')?.imports ?? [];
  assert.deepEqual(
    imports.map((i) => [i.level, i.module, i.names, i.line]),
    [
      [1, null, ['models'], 1],
      [1, 'wizard', ['thing'], 2],
    ],
    'an import inside try/except is optional and not listed',
  );
});

test('the cache gives back unchanged files without running python, and re-parses changed ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-pyfacts-test-'));
  try {
    const a = join(dir, 'a.py');
    const b = join(dir, 'b.py');
    writeFileSync(a, 'x = 1\n');
    writeFileSync(b, 'def f(:\n');
    const cacheDir = join(dir, 'cache');
    const first = await parsePythonFiles([a, b], { cacheDir });
    assert.equal(first.get(b)?.error?.line, 1);
    const cached = await parsePythonFiles([a, b], { cacheDir, python: join(dir, 'no-such-python') });
    assert.deepEqual(cached, first, 'everything came from the cache: the missing python was never run');
    writeFileSync(b, 'def f():\n    return 1\n');
    const second = await parsePythonFiles([a, b], { cacheDir });
    assert.equal(second.get(b)?.error, undefined, 'the changed file was parsed again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
