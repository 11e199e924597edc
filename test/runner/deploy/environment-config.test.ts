import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { catchesMail, environmentOf } from '../../../core/config/environments.js';
import { parseForgeConfig } from '../../../core/config/forge-config.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { toCreateOptions } from '../../../runner/containers/dockerode-mapping.js';

const staging = {
  branch: 'staging',
  runner_labels: ['self-hosted', 'odoo-staging'],
  odoo: '18.0',
  odoo_src: '/srv/odoo/18.0',
  url: 'https://staging.example.com',
  backup: { bucket: 'acme-backups', endpoint: 'http://127.0.0.1:8080' },
  approvers: ['octocat'],
};

test('a config without environments stays valid and has none', () => {
  const parsed = parseForgeConfig(parse('odoo: "17.0"\n'));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.config.environments, {});
});

test('an environment is read with its branch, labels, Odoo and bucket', () => {
  const parsed = parseForgeConfig({ environments: { staging } });
  assert.ok(parsed.ok);
  const env = environmentOf(parsed.config.environments, 'staging', '.github/odoo-forge.yml');
  assert.equal(env.branch, 'staging');
  assert.deepEqual(env.runner_labels, ['self-hosted', 'odoo-staging']);
  assert.equal(env.backup.bucket, 'acme-backups');
  assert.equal(env.odoo_src, '/srv/odoo/18.0');
});

test('each bad value is named by its key path', () => {
  const parsed = parseForgeConfig({
    environments: {
      staging: { ...staging, odoo: 18, runner_labels: [], backup: { bucket: 'Bad_Bucket' }, colour: 'red' },
      Prod: staging,
    },
  });
  assert.ok(!parsed.ok);
  const text = parsed.errors.join('\n');
  assert.match(text, /`environments\.staging\.odoo`: expected "18\.0", "17\.0" or "16\.0"/);
  assert.match(text, /`environments\.staging\.runner_labels`: expected at least one runner label/);
  assert.match(text, /`environments\.staging\.backup\.bucket`: expected an S3 bucket name/);
  assert.match(text, /`environments\.staging`: unknown key `colour`/);
  assert.match(text, /`environments\.Prod`: an environment name is a lowercase word/);
});

test('odoo_image and odoo_src together are refused', () => {
  const parsed = parseForgeConfig({ environments: { staging: { ...staging, odoo_image: 'odoo:18' } } });
  assert.ok(!parsed.ok);
  assert.match(
    parsed.errors.join('\n'),
    /`environments\.staging\.odoo_image`: give either odoo_image or odoo_src/,
  );
});

test('an unknown environment name lists the known ones', () => {
  const parsed = parseForgeConfig({ environments: { staging } });
  assert.ok(parsed.ok);
  assert.throws(
    () => environmentOf(parsed.config.environments, 'prod', 'odoo-forge.yml'),
    (error: unknown) =>
      error instanceof ForgeError &&
      error.code === 'input.environment-unknown' &&
      /no environment "prod" in odoo-forge\.yml: it has "staging"/.test(error.message),
  );
});

test('staging catches its mail by default, production sends it, and `mail_catcher:` decides when given', () => {
  const parsed = parseForgeConfig({
    environments: {
      staging,
      production: { ...staging, branch: 'main' },
      preview: { ...staging, mail_catcher: false },
      production2: { ...staging, mail_catcher: true },
    },
  });
  assert.ok(parsed.ok);
  const { environments } = parsed.config;
  assert.deepEqual(
    Object.keys(environments).map((name) => [
      name,
      catchesMail(name, environmentOf(environments, name, 'x')),
    ]),
    [
      ['staging', true],
      ['production', false],
      ['preview', false],
      ['production2', true],
    ],
  );
  const bad = parseForgeConfig({ environments: { staging: { ...staging, mail_catcher: 'yes' } } });
  assert.ok(!bad.ok);
  assert.match(bad.errors.join('\n'), /`environments\.staging\.mail_catcher`: expected true or false/);
});

test('a fixed `port:` becomes the host port of the published container port, on 127.0.0.1 only', () => {
  const options = toCreateOptions({
    name: 'forge-env-staging-odoo',
    image: 'localhost/forge-odoo-runtime:18.0',
    publish: [8069, 8072],
    hostPorts: { 8069: 18069 },
  });
  assert.deepEqual(options.HostConfig?.PortBindings, {
    '8069/tcp': [{ HostIp: '127.0.0.1', HostPort: '18069' }],
    '8072/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
  });
});
