import type { TestContext } from 'node:test';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { discoverEngine } from '../../../runner/containers/discover-engine.js';
import { removeStackObjects } from '../../../runner/stack/remove-stack-objects.js';
import { defaultPostgresImage, type StackSettings } from '../../../runner/stack/stack-settings.js';

/**
 * The real container engine for a test, or a visible skip when none answers. With
 * FORGE_REQUIRE_ENGINE=1 (set by .ci/run, which starts Podman) a missing engine or image fails
 * the test instead: CI must really run these.
 */
export async function engineOrSkip(
  t: TestContext,
  images: string[] = [defaultPostgresImage(process.env)],
): Promise<ContainerDriver | undefined> {
  const required = process.env.FORGE_REQUIRE_ENGINE === '1';
  let driver: ContainerDriver;
  try {
    driver = await discoverEngine({ pingTimeoutMs: 2000 });
  } catch (error) {
    if (required) throw error;
    t.skip(
      `no container engine: ${(error as Error).message.split('\n')[0]} (start one with runner/podman/start-podman-service.sh)`,
    );
    return undefined;
  }
  for (const image of images) {
    if (!(await driver.inspectImage(image))) {
      const message = `image ${image} missing in ${driver.endpoint}: run \`odoo-forge images build\``;
      if (required) throw new Error(message);
      t.skip(message);
      return undefined;
    }
  }
  return driver;
}

/** Settings of a PostgreSQL-only stack for container tests. */
export function dbOnlySettings(overrides: Partial<StackSettings> = {}): StackSettings {
  return {
    odooSeries: '18.0',
    postgresImage: defaultPostgresImage(process.env),
    addonsDirs: [],
    ttlSeconds: 600,
    repository: 'forge/tests',
    ...overrides,
  };
}

/** Every object of these stacks, whatever state the test left them in. */
export async function objectsOf(driver: ContainerDriver, stackId: string): Promise<string[]> {
  const filter = { 'forge.stack': stackId };
  const [c, n, v] = await Promise.all([
    driver.listContainers(filter),
    driver.listNetworks(filter),
    driver.listVolumes(filter),
  ]);
  return [
    ...c.map((x) => `container ${x.name}`),
    ...n.map((x) => `network ${x.name}`),
    ...v.map((x) => `volume ${x.name}`),
  ];
}

/** Registers a last-resort clean-up of a stack on the test context. */
export function cleanUpStack(
  t: TestContext,
  driver: ContainerDriver,
  stackId: () => string | undefined,
): void {
  t.after(async () => {
    const id = stackId();
    if (id) await removeStackObjects(driver, id);
  });
}
