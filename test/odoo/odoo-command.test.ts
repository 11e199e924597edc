import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { odooCommand } from '../../runner/odoo/odoo-command.js';

test('an install-and-test run: database, connection, paths, modules, test tags, no demo, stop', () => {
  const { args, env } = odooCommand({
    database: 'run_1',
    db: { host: '127.0.0.1', port: 5432, user: 'odoo', password: 's3cret' },
    addonsPath: ['/src/odoo/addons', '/work/addons'],
    install: ['library_loans', 'library_extra'],
    testModules: ['library_loans', 'library_extra'],
    dataDir: '/tmp/run/data',
    httpPort: 18069,
  });
  assert.deepEqual(args, [
    '-d',
    'run_1',
    '--db_host=127.0.0.1',
    '--db_port=5432',
    '--db_user=odoo',
    '--addons-path=/src/odoo/addons,/work/addons',
    '--data-dir=/tmp/run/data',
    '-i',
    'library_loans,library_extra',
    '--test-tags=/library_loans,/library_extra',
    '--without-demo=all',
    '--http-port=18069',
    '--log-level=info',
    '--workers=0',
    '--max-cron-threads=0',
    '--stop-after-init',
  ]);
  // The password never shows in the argv (ps lists it); libpq reads PGPASSWORD.
  assert.ok(!args.some((a) => a.includes('s3cret')));
  assert.deepEqual(env, { PGPASSWORD: 's3cret' });
});

test('an update run with demo data for everything, no HTTP, no tests', () => {
  const { args, env } = odooCommand({
    database: 'db',
    db: {},
    addonsPath: ['/a'],
    update: ['m'],
    withoutDemo: false,
    httpPort: false,
  });
  assert.ok(args.includes('-u') && args[args.indexOf('-u') + 1] === 'm');
  assert.ok(!args.includes('-i'));
  assert.ok(
    !args.some((a) => a.startsWith('--test-tags') || a.startsWith('--without-demo') || a.startsWith('--db_')),
  );
  assert.ok(args.includes('--no-http'));
  assert.deepEqual(env, {});
});

test('bad module, database and addons path values are refused with input errors', () => {
  const base = { database: 'db', db: {}, addonsPath: ['/a'] };
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (error) {
      return error instanceof ForgeError ? error.code : 'not-a-forge-error';
    }
  };
  assert.equal(
    code(() => odooCommand({ ...base, install: ['Bad-Name'] })),
    'input.odoo.module',
  );
  assert.equal(
    code(() => odooCommand({ ...base, testModules: ['a,b'] })),
    'input.odoo.module',
  );
  assert.equal(
    code(() => odooCommand({ ...base, database: 'x; drop' })),
    'input.odoo.database',
  );
  assert.equal(
    code(() => odooCommand({ ...base, addonsPath: [] })),
    'input.odoo.addons_path',
  );
  assert.equal(
    code(() => odooCommand({ ...base, addonsPath: ['/a,b'] })),
    'input.odoo.addons_path',
  );
});
