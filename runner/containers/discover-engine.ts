import { homedir } from 'node:os';
import { ForgeError } from '../../core/errors/forge-error.js';
import { engineMessage } from './map-engine-error.js';
import type { ContainerDriver } from './container-driver.js';
import { DockerodeDriver } from './dockerode-driver.js';
import { parseEngineUrl, type EngineEndpoint } from './engine-endpoint.js';

export interface EngineCandidate {
  endpoint: EngineEndpoint;
  /** Where this candidate came from, for the error message (`--engine`, `DOCKER_HOST`, `default`). */
  source: string;
}

export interface DiscoverOptions {
  /** An explicit setting (CLI flag or config): the only candidate when given. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** How long each candidate gets to answer `/_ping`. */
  pingTimeoutMs?: number;
  /** The usual sockets to try after DOCKER_HOST (default: Forge's Podman, Docker, Podman's own). */
  usualSockets?: string[];
  /** Builds a driver for an endpoint (tests inject their own). */
  makeDriver?: (endpoint: EngineEndpoint) => ContainerDriver;
}

/** The ordered list of places an engine may listen: explicit setting, DOCKER_HOST, usual sockets. */
export function engineCandidates(options: DiscoverOptions = {}): EngineCandidate[] {
  const env = options.env ?? process.env;
  if (options.explicit)
    return [
      { endpoint: parseEngineUrl(options.explicit, 'the --engine setting'), source: 'explicit setting' },
    ];
  const candidates: EngineCandidate[] = [];
  if (env.DOCKER_HOST)
    candidates.push({ endpoint: parseEngineUrl(env.DOCKER_HOST, 'DOCKER_HOST'), source: 'DOCKER_HOST' });
  const sockets = options.usualSockets ?? [
    '/run/forge-podman.sock',
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR ? `${env.XDG_RUNTIME_DIR}/podman/podman.sock` : undefined,
    '/run/podman/podman.sock',
    `${env.HOME ?? homedir()}/.docker/run/docker.sock`,
  ];
  for (const socket of sockets) {
    if (socket && !candidates.some((c) => c.endpoint.socketPath === socket)) {
      candidates.push({ endpoint: { url: `unix://${socket}`, socketPath: socket }, source: 'usual socket' });
    }
  }
  return candidates;
}

/**
 * Finds the first engine that answers a ping and returns a driver for it. When none answers, the
 * error lists every place tried and why it failed.
 */
export async function discoverEngine(options: DiscoverOptions = {}): Promise<ContainerDriver> {
  const makeDriver = options.makeDriver ?? ((endpoint) => new DockerodeDriver(endpoint));
  const pingTimeoutMs = options.pingTimeoutMs ?? 3000;
  const tried: string[] = [];
  for (const candidate of engineCandidates(options)) {
    const probe = makeDriver({ ...candidate.endpoint, timeoutMs: pingTimeoutMs });
    try {
      await probe.ping();
      return makeDriver(candidate.endpoint);
    } catch (thrown) {
      const reason = engineMessage(thrown).replace(/\s+/g, ' ').slice(0, 160);
      tried.push(`${candidate.endpoint.url} (${candidate.source}): ${reason}`);
    }
  }
  throw new ForgeError(
    'engine.unreachable',
    `No container engine answers. Tried:\n  - ${tried.join('\n  - ')}`,
    {
      hint: 'Start Podman with runner/podman/start-podman-service.sh (or the Docker daemon), or set DOCKER_HOST / --engine to a running engine.',
    },
  );
}
