// Stacks on the real engine: start, answer, labels, teardown, parallel stacks, failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { ForgeLabel } from '../../../runner/containers/forge-labels.js';
import { silentLogger } from '../../../runner/logger.js';
import { OdooStack } from '../../../runner/stack/odoo-stack.js';
import { assertImagesPresent } from '../../../runner/stack/resolve-stack-settings.js';
import { cleanUpStack, dbOnlySettings, engineOrSkip, objectsOf } from '../helpers/engine.js';

const psql = (sql: string): string[] => [
  'psql',
  '-h',
  '127.0.0.1',
  '-U',
  'odoo',
  '-d',
  'postgres',
  '-tAc',
  sql,
];

test(
  'a stack starts and answers, labels every object, and teardown leaves nothing',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const stack = new OdooStack(driver, dbOnlySettings({ repository: 'acme/addons' }), silentLogger);
    cleanUpStack(t, driver, () => stack.id);

    await stack.startDatabase();

    const answer = await driver.exec(stack.names.db, psql('select current_user'), {
      env: { PGPASSWORD: 'odoo' },
    });
    assert.equal(answer.stdout.trim(), 'odoo');
    const objects = await objectsOf(driver, stack.id);
    assert.deepEqual(
      objects.sort(),
      [`container ${stack.names.db}`, `network ${stack.names.network}`, `volume ${stack.names.data}`].sort(),
    );
    const db = await driver.inspectContainer(stack.names.db);
    assert.equal(db?.labels[ForgeLabel.stack], stack.id);
    assert.equal(db?.labels[ForgeLabel.owner], `${process.pid}@${(await import('node:os')).hostname()}`);
    assert.equal(db?.labels[ForgeLabel.repository], 'acme/addons');
    assert.ok(Number(db?.labels[ForgeLabel.expires]) > Date.now() / 1000 + 500);
    for (const network of await driver.listNetworks({ [ForgeLabel.stack]: stack.id }))
      assert.equal(network.labels[ForgeLabel.expires], db?.labels[ForgeLabel.expires]);
    for (const volume of await driver.listVolumes({ [ForgeLabel.stack]: stack.id }))
      assert.equal(volume.labels[ForgeLabel.owner], db?.labels[ForgeLabel.owner]);

    await stack.down();
    await stack.down();

    assert.deepEqual(await objectsOf(driver, stack.id), []);
    assert.equal(await driver.inspectContainer(stack.names.db), undefined);
    assert.equal(await driver.inspectVolume(stack.names.data), undefined);
  },
);

test('three stacks in parallel do not collide', { timeout: 300_000 }, async (t) => {
  const driver = await engineOrSkip(t);
  if (!driver) return;
  const stacks = [0, 1, 2].map(() => new OdooStack(driver, dbOnlySettings(), silentLogger));
  for (const stack of stacks) cleanUpStack(t, driver, () => stack.id);

  await Promise.all(stacks.map((s) => s.startDatabase({ publish: true })));
  await Promise.all(
    stacks.map((s, i) =>
      driver.exec(s.names.db, psql(`create table only_in_${i} (x int)`), { env: { PGPASSWORD: 'odoo' } }),
    ),
  );

  assert.equal(new Set(stacks.map((s) => s.id)).size, 3);
  const ports = await Promise.all(
    stacks.map(async (s) => (await driver.inspectContainer(s.names.db))?.ports[5432]),
  );
  assert.equal(new Set(ports).size, 3, `distinct host ports: ${ports.join(', ')}`);
  for (const [i, stack] of stacks.entries()) {
    const tables = await driver.exec(
      stack.names.db,
      psql("select string_agg(tablename, ',') from pg_tables where tablename like 'only_in_%'"),
      { env: { PGPASSWORD: 'odoo' } },
    );
    assert.equal(tables.stdout.trim(), `only_in_${i}`, `stack ${i} sees only its own database`);
  }
  await Promise.all(stacks.map((s) => s.down()));
  for (const stack of stacks) assert.deepEqual(await objectsOf(driver, stack.id), []);
});

test(
  'a database that dies mid-run fails the run with stack.database-died',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const settings = dbOnlySettings();
    const stack = new OdooStack(driver, settings, silentLogger);
    cleanUpStack(t, driver, () => stack.id);
    await stack.startDatabase();

    // A long client run on the stack network, as an Odoo run would be; the database is killed under it.
    const run = stack.runWatched({
      name: stack.names.run,
      image: settings.postgresImage,
      entrypoint: ['sh', '-c'],
      cmd: ['while pg_isready -q -h db; do sleep 0.2; done; sleep 120'],
    });
    setTimeout(() => void driver.killContainer(stack.names.db), 1500);
    const started = Date.now();
    const error = await run.catch((e: unknown) => e);

    assert.ok(error instanceof ForgeError, `expected a ForgeError, got ${String(error)}`);
    assert.equal(error.code, 'stack.database-died');
    assert.match(error.message, new RegExp(`PostgreSQL container ${stack.names.db}`));
    assert.ok(Date.now() - started < 45_000, 'noticed at once, not when the run ends (120 s after)');
    assert.equal(await driver.inspectContainer(stack.names.run), undefined, 'the run container is removed');
    await stack.down();
    assert.deepEqual(await objectsOf(driver, stack.id), []);
  },
);

test(
  'a missing image gives an error naming it and `odoo-forge images build`, and leaves nothing',
  { timeout: 300_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    const settings = dbOnlySettings({ postgresImage: 'localhost/forge-postgres:no-such-tag' });
    const stack = new OdooStack(driver, settings, silentLogger);
    cleanUpStack(t, driver, () => stack.id);

    const upfront = await assertImagesPresent(driver, settings).catch((e: unknown) => e);
    const during = await stack.startDatabase().catch((e: unknown) => e);
    await stack.down();

    for (const error of [upfront, during]) {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, 'container.image-missing');
      assert.match(error.message, /localhost\/forge-postgres:no-such-tag/);
      assert.match(error.hint ?? '', /odoo-forge images build/);
    }
    assert.deepEqual(await objectsOf(driver, stack.id), []);
  },
);

test(
  'an in-memory stack copies its template in the PostgreSQL container: tmpfs data, the template rows, a writable filestore, nothing left',
  { timeout: 240_000 },
  async (t) => {
    const driver = await engineOrSkip(t);
    if (!driver) return;
    // Arrange: a template volume on disk holding a stopped cluster with one row.
    const templateVolume = `forge-test-inmem-tpl-${process.pid}`;
    await driver.createVolume({ name: templateVolume });
    t.after(() => driver.removeVolume(templateVolume));
    const builder = new OdooStack(driver, dbOnlySettings(), silentLogger);
    cleanUpStack(t, driver, () => builder.id);
    await builder.startDatabase({ dataVolume: templateVolume });
    await builder.psql(
      'postgres',
      "create table kept (v text); insert into kept values ('from the template')",
    );
    await builder.stopDatabase();
    await builder.down();
    const stack = new OdooStack(driver, dbOnlySettings(), silentLogger);
    cleanUpStack(t, driver, () => stack.id);

    // Act
    await stack.startDatabase({ templateVolume, inMemory: true });

    // Assert: the template's row, on a tmpfs, a filestore folder anyone writes, PostgreSQL run as
    // the image's user (not the root that copied), one container only.
    assert.equal((await stack.psql('postgres', 'select v from kept')).trim(), 'from the template');
    const fs = await driver.exec(stack.names.db, [
      'sh',
      '-c',
      'stat -f -c %T /var/lib/postgresql/data; stat -c %a /var/lib/postgresql/data/odoo; stat -c %U /proc/1',
    ]);
    assert.deepEqual(fs.stdout.trim().split('\n'), ['tmpfs', '777', 'postgres']);
    assert.deepEqual(
      (await objectsOf(driver, stack.id)).sort(),
      [`container ${stack.names.db}`, `network ${stack.names.network}`, `volume ${stack.names.data}`].sort(),
    );
    await stack.down();
    assert.deepEqual(await objectsOf(driver, stack.id), []);
    assert.ok(await driver.inspectVolume(templateVolume), 'the template volume is left as it was');
  },
);
