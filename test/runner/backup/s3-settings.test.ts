import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { describeStore, s3SettingsFrom } from '../../../runner/backup/s3-settings.js';

const keys = { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'sekret' };

test('flags win over the environment; the prefix ends with one slash', () => {
  const settings = s3SettingsFrom(
    { bucket: 'flag-bucket', endpoint: 'http://127.0.0.1:9000', prefix: '/odoo' },
    {
      ...keys,
      FORGE_BACKUP_BUCKET: 'env-bucket',
      AWS_ENDPOINT_URL: 'http://elsewhere',
      AWS_REGION: 'eu-west-3',
    },
  );
  assert.deepEqual(settings, {
    endpoint: 'http://127.0.0.1:9000',
    region: 'eu-west-3',
    bucket: 'flag-bucket',
    accessKeyId: 'AKID',
    secretAccessKey: 'sekret',
    prefix: 'odoo/',
  });
  assert.equal(describeStore(settings), 's3://flag-bucket/odoo/ at http://127.0.0.1:9000');
});

test('the environment alone is enough: FORGE_BACKUP_BUCKET, AWS_ENDPOINT_URL_S3, default region', () => {
  const settings = s3SettingsFrom(
    {},
    { ...keys, FORGE_BACKUP_BUCKET: 'b', AWS_ENDPOINT_URL_S3: 'http://s3.local' },
  );
  assert.equal(settings.bucket, 'b');
  assert.equal(settings.endpoint, 'http://s3.local');
  assert.equal(settings.region, 'us-east-1');
  assert.equal(settings.prefix, '');
});

test('a missing bucket or key is an input error that says what to set', () => {
  assert.throws(
    () => s3SettingsFrom({}, keys),
    (error: ForgeError) => error.code === 'input.backup-bucket' && /--bucket/.test(error.hint ?? ''),
  );
  assert.throws(
    () => s3SettingsFrom({ bucket: 'b' }, { AWS_ACCESS_KEY_ID: 'AKID' }),
    (error: ForgeError) =>
      error.code === 'input.backup-credentials' &&
      error.message.includes('bucket b') &&
      /AWS_SECRET_ACCESS_KEY/.test(error.message),
  );
});
