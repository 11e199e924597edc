// The mail catcher keeps what is sent to it: an SMTP exchange with AUTH from nodemailer, and a
// real Odoo 18 sending a chatter message to a partner through an ir.mail_server pointed at it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { cloneDatabase, dropDatabase } from '../../../runner/local-odoo/local-postgres.js';
import { odooProcessEnv } from '../../../runner/local-odoo/odoo-source-tree.js';
import { ensureTemplateDatabase } from '../../../runner/local-odoo/template-database.js';
import { silentLogger } from '../../../runner/logger.js';
import type { CaughtMail } from '../../../runner/mail/caught-mail.js';
import { startMailCatcher } from '../../../runner/mail/mail-catcher.js';
import { localPostgresOrSkip } from '../../support/local-postgres-or-skip.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { cli } from '../../support/in-process-cli.js';

const run = promisify(execFile);

test('mails sent with AUTH are kept as .eml files with an index, and `odoo-forge mails` lists them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-mails-'));
  const catcher = await startMailCatcher({ dir, logger: silentLogger });
  t.after(async () => {
    await catcher.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const transport = nodemailer.createTransport({
    host: catcher.host,
    port: catcher.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: 'odoo', pass: 'anything' },
  });
  await transport.sendMail({
    from: 'Shop <shop@forge.example>',
    to: 'ada@forge.example, bob@forge.example',
    subject: 'Your order',
    text: 'Order 42 is ready.',
  });
  await transport.sendMail({
    from: 'shop@forge.example',
    to: 'ada@forge.example',
    subject: 'Invoice',
    html: '<p>See the <b>invoice</b></p>',
    attachments: [{ filename: 'invoice.txt', content: 'total 10' }],
  });
  const mails = await catcher.waitFor(2, 10_000);
  assert.deepEqual(
    mails.map((m) => [m.subject, m.from, m.envelopeTo]),
    [
      ['Your order', 'shop@forge.example', ['ada@forge.example', 'bob@forge.example']],
      ['Invoice', 'shop@forge.example', ['ada@forge.example']],
    ],
  );
  assert.equal(mails[0]!.text, 'Order 42 is ready.');
  assert.match(mails[1]!.text, /See the\s+invoice/);
  assert.deepEqual(mails[1]!.attachments, [{ filename: 'invoice.txt', contentType: 'text/plain', bytes: 8 }]);
  assert.match(readFileSync(join(dir, mails[0]!.file), 'utf8'), /^Subject: Your order/m);

  const listed = await cli(['mails', '--dir', dir]);
  assert.equal(listed.code, 0, listed.err);
  assert.match(listed.out, /shop@forge\.example -> ada@forge\.example, bob@forge\.example\tYour order/);
  assert.match(listed.out, /Invoice\t1 attachments/);
  const json = await cli(['mails', '--dir', dir, '--json']);
  assert.deepEqual(
    (JSON.parse(json.out) as CaughtMail[]).map((m) => m.id),
    mails.map((m) => m.id),
  );
  const missing = await cli(['mails', '--dir', join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /mail folder .*nope does not exist/);
});

test(
  'a real Odoo 18 sends a chatter message to a partner through the catcher',
  { timeout: 600_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'Odoo sending a mail to the catcher');
    if (!tree) return;
    const pg = await localPostgresOrSkip(t, 'Odoo sending a mail to the catcher');
    if (!pg) return;
    const template = await ensureTemplateDatabase(
      { tree, dependencies: ['mail'], demo: false },
      {
        pg,
        workDir: join(tmpdir(), 'odoo-forge-local-odoo'),
        logger: silentLogger,
        python: '/usr/bin/python3',
        timeoutMs: 300_000,
      },
    );
    const database = `forge_mail_${randomBytes(3).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'forge-mail-odoo-'));
    const dir = join(dataDir, 'mails');
    const catcher = await startMailCatcher({ dir, logger: silentLogger });
    t.after(async () => {
      await catcher.stop();
      await dropDatabase(pg, database);
      rmSync(dataDir, { recursive: true, force: true });
    });
    await cloneDatabase(pg, template.name, database);
    const filestore = join(template.dataDir, 'filestore', template.name);
    if (existsSync(filestore)) cpSync(filestore, join(dataDir, 'filestore', database), { recursive: true });
    const script = new URL('./fixtures/send-mail.py', import.meta.url).pathname;
    const config = {
      db: database,
      db_host: pg.host,
      db_port: pg.port,
      db_user: pg.user,
      db_password: pg.password,
      addons_path: tree.addonsPaths.join(','),
      data_dir: dataDir,
      smtp_port: catcher.port,
    };
    const { stdout } = await run('/usr/bin/python3', [script, JSON.stringify(config)], {
      env: odooProcessEnv(tree),
      cwd: dataDir,
      timeout: 300_000,
    });
    const sent = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { sent: number[] };
    assert.ok(sent.sent.length >= 1, stdout);
    const [mail] = await catcher.waitFor(1, 30_000);
    assert.equal(mail!.subject, 'Forge mail catcher test');
    assert.deepEqual(mail!.envelopeTo, ['ada@forge.example']);
    assert.equal(mail!.from, 'sender@forge.example');
    assert.match(mail!.text, /Hello Ada, this came from a real Odoo\./);
    assert.match(readFileSync(join(dir, mail!.file), 'utf8'), /^Message-Id: <.+>$/im);
  },
);
