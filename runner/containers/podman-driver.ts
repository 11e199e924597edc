import type { ForgeError } from '../../core/errors/forge-error.js';
import { DockerodeDriver } from './dockerode-driver.js';
import type { RetriedOperation } from './engine-calls.js';
import { engineMessage, mapEngineError } from './map-engine-error.js';

/** Podman 4.x errors that go away when the same call is made again a moment later. */
const TRANSIENT: Record<RetriedOperation, RegExp> = {
  // 500 "read /proc/<pid>/cgroup: no such process" when a container of another stack exits while
  // the engine lists.
  list: /no such process|no such file or directory/i,
  // 500 "write child: broken pipe" from runc under parallel load: the container stays created,
  // and starting it again works.
  start: /broken pipe|no such process|temporarily unavailable/i,
};

const POLL_MS = 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The driver for Podman's Docker-compatible API (`podman system service`). Where Podman answers
 * differently from Docker, it makes Podman look like Docker:
 * - a name conflict (container or network) answers 500, not 409;
 * - listings and starts fail spuriously under parallel load (see `TRANSIENT`): retried;
 * - a `wait` for the next exit sent just before `start` may reach the engine after a quick exit
 *   and never answer: the container's state is polled as well.
 */
export class PodmanDriver extends DockerodeDriver {
  protected override mapError(thrown: unknown, what: string): ForgeError {
    return mapEngineError(thrown, what, this.endpoint, { nameConflictStatuses: [409, 500] });
  }

  protected override isTransient(operation: RetriedOperation, thrown: unknown): boolean {
    return TRANSIENT[operation].test(engineMessage(thrown));
  }

  override async waitContainer(nameOrId: string, options: { nextExit?: boolean } = {}): Promise<number> {
    const waited = super.waitContainer(nameOrId, options);
    if (!options.nextExit) return waited;
    const stop = new AbortController();
    const polled = this.pollExitCode(nameOrId, stop.signal);
    waited.catch(() => {});
    polled.catch(() => {});
    try {
      return await Promise.race([waited, polled]);
    } finally {
      stop.abort();
    }
  }

  /** Resolves with the exit code once the container has exited; never resolves after `signal` aborts. */
  private async pollExitCode(nameOrId: string, signal: AbortSignal): Promise<number> {
    for (;;) {
      await sleep(POLL_MS);
      if (signal.aborted) return new Promise<number>(() => {});
      const info = await this.inspectContainer(nameOrId);
      if (!info)
        throw this.calls.failed(`wait for container ${nameOrId}`, new Error('the container is gone'));
      if ((info.state === 'exited' || info.state === 'dead') && info.exitCode !== null) {
        this.logger.debug(`wait for container ${nameOrId}: seen exited by polling (${info.exitCode})`);
        return info.exitCode;
      }
    }
  }
}
