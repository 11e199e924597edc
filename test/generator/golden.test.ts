import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec, OdooSeries } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

/**
 * Golden files: examples/library.yaml generated for each series, compared byte for byte with
 * test/golden/<series>/<module>/... . After an intended change of the generator, rewrite them
 * with `FORGE_UPDATE_GOLDEN=1 npm test -- test/generator/golden.test.ts` and review the diff.
 */
const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));
const LIBRARY = readFileSync(fileURLToPath(new URL('../../examples/library.yaml', import.meta.url)), 'utf8');
const UPDATE = process.env['FORGE_UPDATE_GOLDEN'] === '1';
const SERIES: OdooSeries[] = ['16.0', '17.0', '18.0'];
const GOLDEN_FILES = [
  '__manifest__.py',
  'views/library_book_views.xml',
  'report/library_book_reports.xml',
  'tests/test_library_book.py',
  'views/library_loan_views.xml',
  'wizards/library_loan_extend_wizard.py',
  'wizards/library_loan_extend_wizard_views.xml',
  'security/ir.model.access.csv',
];

function library(
  series: OdooSeries,
  edit: (spec: ModuleSpec) => void = () => undefined,
): Map<string, string> {
  const parsed = parseSpec(LIBRARY);
  assert.ok(parsed.ok, 'examples/library.yaml must stay valid');
  const spec = structuredClone(parsed.spec);
  spec.odoo = series;
  edit(spec);
  return generate(spec);
}

function file(files: Map<string, string>, path: string): string {
  const contents = files.get(path);
  assert.ok(contents !== undefined, `${path} is generated`);
  return contents;
}

/** The <button .../> lines of a views file. */
function buttons(xml: string): string[] {
  return xml.split('\n').filter((line) => line.includes('<button '));
}

describe('golden files: examples/library.yaml for 16.0, 17.0 and 18.0', () => {
  for (const series of SERIES) {
    for (const path of GOLDEN_FILES) {
      it(`${series}: ${path} is byte for byte the golden file`, () => {
        const actual = file(library(series), path);
        const golden = join(GOLDEN_DIR, series, 'library_loans', path);
        if (UPDATE) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, actual);
        }
        assert.equal(
          actual,
          readFileSync(golden, 'utf8'),
          `differs from ${golden} (FORGE_UPDATE_GOLDEN=1 rewrites it)`,
        );
      });
    }
  }
});

describe('what differs between the series (library.book)', () => {
  const views = Object.fromEntries(
    SERIES.map((series) => [series, file(library(series), 'views/library_book_views.xml')]),
  ) as Record<OdooSeries, string>;

  it('18.0 writes <list> and view_mode list; 16.0 and 17.0 write <tree> and tree', () => {
    assert.match(views['18.0'], /<list string="Book">/);
    assert.doesNotMatch(views['18.0'], /<tree|\btree\b/);
    assert.match(views['18.0'], /<field name="view_mode">kanban,list,form<\/field>/);
    for (const series of ['16.0', '17.0'] as const) {
      assert.match(views[series], /<tree string="Book">/);
      assert.doesNotMatch(views[series], /<list[ >]/);
      assert.match(views[series], /<field name="view_mode">kanban,tree,form<\/field>/);
    }
  });

  it('16.0 hides workflow buttons with attrs; 17.0 and 18.0 with invisible expressions, no attrs or states', () => {
    assert.deepEqual(
      buttons(views['16.0']).map((line) => /attrs="([^"]*)"/.exec(line)?.[1]),
      [
        "{'invisible': [('state', 'not in', ['draft'])]}",
        "{'invisible': [('state', 'not in', ['available', 'lent'])]}",
      ],
    );
    for (const series of ['17.0', '18.0'] as const) {
      assert.deepEqual(
        buttons(views[series]).map((line) => /invisible="([^"]*)"/.exec(line)?.[1]),
        ["state not in ['draft']", "state not in ['available', 'lent']"],
      );
      assert.doesNotMatch(views[series], /\battrs=|\bstates=/);
    }
  });

  it('18.0 has <chatter/>; 16.0 and 17.0 the oe_chatter div with followers, activities and messages', () => {
    assert.match(views['18.0'], /<chatter\/>/);
    assert.doesNotMatch(views['18.0'], /oe_chatter/);
    for (const series of ['16.0', '17.0'] as const) {
      assert.doesNotMatch(views[series], /<chatter/);
      assert.match(
        views[series],
        /<div class="oe_chatter">\s*<field name="message_follower_ids"\/>\s*<field name="activity_ids"\/>\s*<field name="message_ids"\/>\s*<\/div>/,
      );
    }
  });

  it('18.0 kanban cards use t-name="card"; 16.0 and 17.0 t-name="kanban-box"', () => {
    assert.match(views['18.0'], /<t t-name="card">/);
    assert.doesNotMatch(views['18.0'], /kanban-box/);
    for (const series of ['16.0', '17.0'] as const) {
      assert.match(views[series], /<t t-name="kanban-box">/);
      assert.doesNotMatch(views[series], /t-name="card"/);
    }
  });

  it('the manifest version starts with the series', () => {
    for (const series of SERIES)
      assert.match(
        file(library(series), '__manifest__.py'),
        new RegExp(`"version": "${series.replace('.', '\\.')}\\.1\\.0\\.0",`),
      );
  });

  it('a hidden currency column is invisible="1" in 16.0 and column_invisible="True" from 17.0', () => {
    const withPrice = (spec: ModuleSpec) => {
      const book = spec.models?.[0];
      assert.ok(book?.views);
      book.views.list = ['title', 'price'];
    };
    const list = (series: OdooSeries) =>
      /<(tree|list) string="Book">[\s\S]*?<\/\1>/.exec(
        file(library(series, withPrice), 'views/library_book_views.xml'),
      )?.[0] ?? '';
    assert.match(list('16.0'), /<field name="currency_id" invisible="1"\/>/);
    assert.doesNotMatch(list('16.0'), /column_invisible/);
    for (const series of ['17.0', '18.0'] as const) {
      assert.match(list(series), /<field name="currency_id" column_invisible="True"\/>/);
      assert.doesNotMatch(list(series), / invisible=/);
    }
  });

  it('only the manifest and the model views differ between the series', () => {
    const changed = (a: OdooSeries, b: OdooSeries) => {
      const [left, right] = [library(a), library(b)];
      assert.deepEqual([...left.keys()], [...right.keys()]);
      return [...left.keys()].filter((path) => left.get(path) !== right.get(path));
    };
    // library.loan has no workflow, chatter or kanban: only its <tree>/<list> changes, in 18.0.
    assert.deepEqual(changed('16.0', '17.0'), ['__manifest__.py', 'views/library_book_views.xml']);
    assert.deepEqual(changed('17.0', '18.0'), [
      '__manifest__.py',
      'views/library_book_views.xml',
      'views/library_loan_views.xml',
    ]);
  });
});

// ModuleSpec 1.1 more views: examples/room_booking.yaml (calendar, pivot, graph, activity,
// search panel, smart button) for each series, compared with test/golden/<series>/room_booking/.
const ROOM_BOOKING = readFileSync(
  fileURLToPath(new URL('../../examples/room_booking.yaml', import.meta.url)),
  'utf8',
);
const ROOM_BOOKING_FILES = [
  'views/meeting_booking_views.xml',
  'views/meeting_room_views.xml',
  'models/meeting_room.py',
  'tests/test_meeting_booking.py',
  'tests/test_meeting_room.py',
];

describe('golden files: examples/room_booking.yaml for 16.0, 17.0 and 18.0', () => {
  for (const series of SERIES) {
    const parsed = parseSpec(ROOM_BOOKING.replace(/^odoo:.*$/m, `odoo: "${series}"`));
    for (const path of ROOM_BOOKING_FILES) {
      it(`${series}: ${path} is byte for byte the golden file`, () => {
        assert.ok(parsed.ok, 'examples/room_booking.yaml must stay valid');
        const actual = file(generate(parsed.spec), path);
        const golden = join(GOLDEN_DIR, series, 'room_booking', path);
        if (UPDATE) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, actual);
        }
        assert.equal(
          actual,
          readFileSync(golden, 'utf8'),
          `differs from ${golden} (FORGE_UPDATE_GOLDEN=1 rewrites it)`,
        );
      });
    }
  }
});
