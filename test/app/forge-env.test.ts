import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readForgeEnv } from '../../app/forge-env.js';
import { testPrivateKeyPem } from './support/app-process.js';

const pem = testPrivateKeyPem();
const base = { APP_ID: '12', PRIVATE_KEY: pem, WEBHOOK_SECRET: 's' };

describe("readForgeEnv: Probot's variables with Probot's meanings", () => {
  it('GHE_HOST and GHE_PROTOCOL give the /api/v3 base URL; without them, api.github.com', () => {
    assert.equal(
      readForgeEnv({ ...base, GHE_HOST: 'github.acme.test' }).baseUrl,
      'https://github.acme.test/api/v3',
    );
    assert.equal(
      readForgeEnv({ ...base, GHE_HOST: '127.0.0.1:8080', GHE_PROTOCOL: 'http' }).baseUrl,
      'http://127.0.0.1:8080/api/v3',
    );
    assert.equal(readForgeEnv(base).baseUrl, 'https://api.github.com');
  });

  it('LOG_FORMAT defaults to json in production and pretty otherwise; LOG_LEVEL_IN_STRING, LOG_LEVEL', () => {
    assert.equal(readForgeEnv({ ...base, NODE_ENV: 'production' }).log.format, 'json');
    assert.equal(readForgeEnv(base).log.format, 'pretty');
    assert.equal(
      readForgeEnv({ ...base, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).log.format,
      'pretty',
    );
    const log = readForgeEnv({ ...base, LOG_LEVEL: 'debug', LOG_LEVEL_IN_STRING: 'true' }).log;
    assert.equal(log.level, 'debug');
    assert.equal(log.levelInString, true);
    assert.throws(
      () => readForgeEnv({ ...base, LOG_LEVEL: 'loud' } as unknown as NodeJS.ProcessEnv),
      /LOG_LEVEL="loud" is not a pino level/,
    );
  });

  it('reads the key as PEM, with literal \\n, or base64, and says what is missing', (t) => {
    const empty = mkdtempSync(join(tmpdir(), 'forge-env-'));
    t.after(() => rmSync(empty, { recursive: true, force: true }));
    assert.equal(
      readForgeEnv({ ...base, PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).privateKey.trim(),
      pem.trim(),
    );
    assert.equal(readForgeEnv({ ...base, PRIVATE_KEY: Buffer.from(pem).toString('base64') }).privateKey, pem);
    assert.throws(
      () => readForgeEnv({ APP_ID: '12', WEBHOOK_SECRET: 's' }, empty),
      (e: unknown) => e instanceof ForgeError && /PRIVATE_KEY/.test(e.message) && /\.pem/.test(e.hint ?? ''),
    );
    assert.throws(() => readForgeEnv({ ...base, APP_ID: '' }), /APP_ID is not set/);
    assert.throws(() => readForgeEnv({ ...base, PORT: 'eighty' }), /PORT="eighty" is not a whole number/);
  });

  it("HOST, PORT, WEBHOOK_PATH, WEBHOOK_PROXY_URL and Forge's own variables", () => {
    const env = readForgeEnv({
      ...base,
      HOST: '127.0.0.1',
      PORT: '8123',
      WEBHOOK_PATH: '/hooks',
      WEBHOOK_PROXY_URL: 'https://smee.io/abc',
      FORGE_STATE_DIR: '/var/lib/forge',
      FORGE_THROTTLE: 'false',
    });
    assert.deepEqual(
      [env.host, env.port, env.webhookPath, env.webhookProxyUrl, env.stateDir, env.throttle],
      ['127.0.0.1', 8123, '/hooks', 'https://smee.io/abc', '/var/lib/forge', false],
    );
    assert.deepEqual([readForgeEnv(base).port, readForgeEnv(base).host], [3000, '0.0.0.0']);
  });
});
