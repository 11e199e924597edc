import { homedir } from 'node:os';
import { ForgeError } from '../../core/errors/forge-error.js';
import { engineMessage } from './map-engine-error.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ContainerDriver } from './container-driver.js';
import { DockerodeDriver } from './dockerode-driver.js';
import { parseEngineUrl, type EngineEndpoint } from './engine-endpoint.js';
import { pingEngine, type EngineKind } from './ping-engine.js';
import { PodmanDriver } from './podman-driver.js';

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
  /** The driver logs each engine operation here at debug level. */
  logger?: Logger;
  /** Builds a driver for an endpoint and the engine found there (tests inject their own). */
  makeDriver?: (endpoint: EngineEndpoint, kind: EngineKind) => ContainerDriver;
}

/** The driver for an engine: Podman's quirks are handled by `PodmanDriver`, Docker needs none. */
export function driverFor(
  endpoint: EngineEndpoint,
  kind: EngineKind,
  logger: Logger = silentLogger,
): ContainerDriver {
  return kind === 'podman' ? new PodmanDriver(endpoint, logger) : new DockerodeDriver(endpoint, logger);
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
 * Finds the first engine that answers a ping and returns the driver for its kind (the ping's
 * headers say whether it is Podman). When none answers, the error lists every place tried and why.
 */
export async function discoverEngine(options: DiscoverOptions = {}): Promise<ContainerDriver> {
  const logger = options.logger ?? silentLogger;
  const makeDriver = options.makeDriver ?? ((endpoint, kind) => driverFor(endpoint, kind, logger));
  const pingTimeoutMs = options.pingTimeoutMs ?? 3000;
  const tried: string[] = [];
  for (const candidate of engineCandidates(options)) {
    try {
      const kind = await pingEngine(candidate.endpoint, pingTimeoutMs);
      logger.debug(`container engine: ${kind} at ${candidate.endpoint.url} (${candidate.source})`);
      return makeDriver(candidate.endpoint, kind);
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
