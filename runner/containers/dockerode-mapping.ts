import type Docker from 'dockerode';
import type {
  ContainerInfo,
  ContainerSpec,
  ContainerState,
  EngineInfo,
  ImageInfo,
  LabelFilter,
} from './container-driver.js';

/** Between Forge's container types and the Docker Engine API's, in both directions. */

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'exited', 'dead', 'removing'];

/** Podman reports `stopped` where Docker says `exited`. */
function toState(status: string | undefined): ContainerState {
  const value = (status ?? 'unknown').toLowerCase();
  if ((STATES as string[]).includes(value)) return value as ContainerState;
  return value === 'stopped' ? 'exited' : 'unknown';
}

export function labelFilters(filter: LabelFilter): string {
  const label = Object.entries(filter).map(([key, value]) => (value === true ? key : `${key}=${value}`));
  return JSON.stringify({ label });
}

export function envList(env: Record<string, string> | undefined): string[] | undefined {
  return env ? Object.entries(env).map(([key, value]) => `${key}=${value}`) : undefined;
}

/** Published ports go to a free port on 127.0.0.1 only; mounts become `Binds` (both engines). */
export function toCreateOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of spec.publish ?? []) {
    exposed[`${port}/tcp`] = {};
    bindings[`${port}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: String(spec.hostPorts?.[port] ?? '') }];
  }
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: envList(spec.env),
    Labels: spec.labels ?? {},
    User: spec.user,
    WorkingDir: spec.workingDir,
    ExposedPorts: exposed,
    HostConfig: {
      Binds: (spec.mounts ?? []).map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
      Tmpfs: spec.tmpfs,
      PortBindings: bindings,
      AutoRemove: spec.autoRemove ?? false,
      NetworkMode: spec.network?.name,
      Memory: spec.memoryBytes,
    },
    NetworkingConfig: spec.network
      ? { EndpointsConfig: { [spec.network.name]: { Aliases: spec.network.aliases ?? [] } } }
      : undefined,
  };
}

export function fromInspect(c: Docker.ContainerInspectInfo): ContainerInfo {
  const ports: Record<number, number> = {};
  for (const [key, bound] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    const hostPort = (bound as Array<{ HostPort?: string }> | null)?.[0]?.HostPort;
    if (hostPort) ports[Number.parseInt(key, 10)] = Number.parseInt(hostPort, 10);
  }
  const state = toState(c.State?.Status);
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config?.Image ?? '',
    state,
    exitCode: state === 'exited' || state === 'dead' ? (c.State?.ExitCode ?? null) : null,
    labels: c.Config?.Labels ?? {},
    ports,
  };
}

export function fromListEntry(c: Docker.ContainerInfo): ContainerInfo {
  const ports: Record<number, number> = {};
  for (const p of c.Ports ?? []) if (p.PublicPort) ports[p.PrivatePort] = p.PublicPort;
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image,
    state: toState(c.State),
    exitCode: null,
    labels: c.Labels ?? {},
    ports,
  };
}

/** `/version`: Podman names itself in a component or the platform. */
export function fromVersion(version: Docker.DockerVersion): EngineInfo {
  const components = (version.Components ?? []) as Array<{ Name?: string }>;
  const podman =
    components.some((c) => /podman/i.test(c.Name ?? '')) ||
    /podman/i.test(JSON.stringify(version.Platform ?? ''));
  return { kind: podman ? 'podman' : 'docker', version: version.Version, apiVersion: version.ApiVersion };
}

export function fromImageInspect(image: Docker.ImageInspectInfo): ImageInfo {
  return {
    id: image.Id,
    tags: image.RepoTags ?? [],
    labels: image.Config?.Labels ?? {},
    sizeBytes: image.Size,
    entrypoint: asList(image.Config?.Entrypoint),
    cmd: asList(image.Config?.Cmd),
    user: image.Config?.User ?? '',
  };
}

/** Docker gives an image's Entrypoint/Cmd as a list, a string or null. */
function asList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return typeof value === 'string' ? [value] : value;
}
