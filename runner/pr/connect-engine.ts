import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { discoverEngine, type DiscoverOptions } from '../containers/discover-engine.js';

/**
 * The container engine of a runner for actions/test. Without one the error says what was tried
 * and points at docs/runners.md (set up Podman or Docker) or `mode: local` (no engine needed).
 */
export async function connectEngine(options: DiscoverOptions): Promise<ContainerDriver> {
  try {
    return await discoverEngine(options);
  } catch (error) {
    if (!(error instanceof ForgeError) || error.code !== 'engine.unreachable') throw error;
    throw new ForgeError(
      'engine.unreachable',
      `actions/test found no container engine on this runner. ${error.message}`,
      {
        hint: 'Set the runner up as docs/runners.md says (Podman or Docker, DOCKER_HOST), or run actions/test with mode: local (PostgreSQL and Odoo as processes).',
        cause: error,
      },
    );
  }
}
