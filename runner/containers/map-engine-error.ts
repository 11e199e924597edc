import { ForgeError, toError } from '../../core/errors/forge-error.js';

interface EngineErrorShape {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

/** The engine's own words for an error, whatever shape dockerode gave it. */
export function engineMessage(thrown: unknown): string {
  const shape = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as EngineErrorShape;
  const json = shape.json;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  return toError(thrown).message;
}

export function isConnectionError(thrown: unknown): boolean {
  const code = (thrown as EngineErrorShape | undefined)?.code;
  return ['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE'].includes(
    code ?? '',
  );
}

export function statusOf(thrown: unknown): number | undefined {
  return (thrown as EngineErrorShape | undefined)?.statusCode;
}

/** 404 from the engine: the object is gone. */
export function isNotFound(thrown: unknown): boolean {
  return statusOf(thrown) === 404 || /no such (container|network|volume|image)/i.test(engineMessage(thrown));
}

export interface MapEngineErrorOptions {
  /** The HTTP statuses the engine answers a name conflict with: Docker 409; Podman also 500. */
  nameConflictStatuses?: readonly number[];
}

/** The image cannot go because a container or another image uses it (409, or Podman's words). */
export function isImageInUse(thrown: unknown): boolean {
  return statusOf(thrown) === 409 || /in use|has dependent|being used/i.test(engineMessage(thrown));
}

/** The container is not running: 304 to a stop, 409 to a kill, or the engine's words for it. */
export function isNotRunning(thrown: unknown): boolean {
  const status = statusOf(thrown);
  return (
    status === 304 ||
    status === 409 ||
    /not running|already stopped|state improper/i.test(engineMessage(thrown))
  );
}

/** A second removal of a container that is being removed. */
export function isRemovalInProgress(thrown: unknown): boolean {
  return /removal .* already in progress/i.test(engineMessage(thrown));
}

/**
 * Maps an engine failure to a ForgeError. `what` names the operation and object
 * ("create container forge-ab12-db").
 */
export function mapEngineError(
  thrown: unknown,
  what: string,
  endpoint: string,
  options: MapEngineErrorOptions = {},
): ForgeError {
  if (thrown instanceof ForgeError) return thrown;
  const conflictStatuses = options.nameConflictStatuses ?? [409];
  const message = engineMessage(thrown);
  if (isConnectionError(thrown)) {
    return new ForgeError(
      'engine.unreachable',
      `The container engine at ${endpoint} does not answer (${what}: ${message}).`,
      {
        hint: 'Start it (runner/podman/start-podman-service.sh, or the Docker daemon) or point DOCKER_HOST at a running engine.',
        cause: thrown,
      },
    );
  }
  if (
    /already in use|already exists|conflict/i.test(message) &&
    conflictStatuses.includes(statusOf(thrown) ?? 0)
  ) {
    return new ForgeError('container.name-taken', `${what}: the name is already taken (${message}).`, {
      hint: 'Another stack uses this name; run `odoo-forge stack ls` and `odoo-forge stack down ID`.',
      cause: thrown,
    });
  }
  return new ForgeError('container.engine-error', `${what} failed at ${endpoint}: ${message}`, {
    cause: thrown,
  });
}

/** The error every command gives for an image that is not in the engine. */
export function imageMissingError(image: string, endpoint: string, cause?: unknown): ForgeError {
  return new ForgeError(
    'container.image-missing',
    `The image ${image} is not in the container engine at ${endpoint}.`,
    {
      hint: image.includes('forge-')
        ? 'Build the local images with `odoo-forge images build` (add --odoo SERIES for another Odoo series).'
        : `Pull it (podman pull ${image} / docker pull ${image}), or build the local ones with \`odoo-forge images build\` and use their names.`,
      cause,
    },
  );
}
