// The other way to get Odoo (--odoo-image): an image with an `odoo` command, as the official
// odoo:18.0. No registry is reachable here, so the test builds one from the runtime image and
// the 18.0 tree (ODOO_SRC_18 or ODOO_SRC) with the podman CLI; it prints a skip line without them.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { podmanEnv } from '../../../runner/images/build-images.js';
import { runCommand } from '../../../runner/images/run-command.js';
import { silentLogger } from '../../../runner/logger.js';
import { readImageSeries } from '../../../runner/odoo/read-odoo-series.js';
import { runOdooTests } from '../../../runner/stack/run-odoo-tests.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { engineOrSkip, objectsOf } from '../helpers/engine.js';

const IMAGE = 'localhost/forge-test-odoo-in-image:18.0';

test(
  '--odoo-image: an image that contains Odoo installs and tests the fixture addon',
  { timeout: 20 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'building an image that contains Odoo');
    if (!tree) return;
    const odooSrc = tree.root;
    const runtime = defaultRuntimeImage('18.0', process.env);
    const driver = await engineOrSkip(t, [defaultPostgresImage(process.env), runtime]);
    if (!driver) return;
    if (!(await driver.inspectImage(IMAGE))) {
      const containerfile = new URL('../../fixtures/images/odoo-in-image.Containerfile', import.meta.url)
        .pathname;
      await runCommand(
        'podman',
        ['build', '--build-arg', `RUNTIME=${runtime}`, '-f', containerfile, '-t', IMAGE, odooSrc],
        {
          env: podmanEnv(process.env),
        },
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'forge-image-mode-'));
    chmodSync(dir, 0o755);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
      recursive: true,
    });
    const teardown = new Teardown();
    t.after(() => teardown.runAll());
    // The series of an image is read from it (`odoo --version`: no series label on this one).
    assert.deepEqual(await readImageSeries(driver, IMAGE), {
      series: '18.0',
      from: `the image ${IMAGE} (odoo --version)`,
    });

    const result = await runOdooTests(
      driver,
      {
        odooSeries: '18.0',
        odoo: { kind: 'image', image: IMAGE },
        postgresImage: defaultPostgresImage(process.env),
        addonsDirs: [dir],
        ttlSeconds: 1800,
      },
      { modules: ['forge_shelf'], logger: silentLogger, teardown },
    );

    assert.ok(result.verdict.ok, `${result.verdict.reasons.join('; ')}\n${result.log.slice(-2000)}`);
    assert.equal(result.report.testsRun, 2);
    assert.deepEqual(await objectsOf(driver, result.stackId), []);
  },
);
