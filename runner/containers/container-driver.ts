/**
 * What Forge needs from a container engine, in Forge's own types. The dockerode implementation
 * (`DockerodeDriver`) talks to a Docker Engine; `PodmanDriver` extends it for Podman's
 * Docker-compatible socket (`discoverEngine` picks one). Nothing outside `runner/containers/`
 * sees a dockerode type.
 */

/** Labels are plain string maps; Forge's own keys are in `forge-labels.ts`. */
export type Labels = Record<string, string>;

/** Match objects whose labels have these keys (value `true`) or these exact values. */
export type LabelFilter = Record<string, string | true>;

export interface MountSpec {
  /** `bind`: a host path; `volume`: a named volume (created on demand by the engine). */
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface ContainerSpec {
  name: string;
  image: string;
  /** Replaces the image's CMD; the image's ENTRYPOINT stays unless `entrypoint` is given. */
  cmd?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  labels?: Labels;
  user?: string;
  workingDir?: string;
  mounts?: MountSpec[];
  tmpfs?: Record<string, string>;
  /** Attach to this network under these DNS aliases. */
  network?: { name: string; aliases?: string[] };
  /** Container ports published on 127.0.0.1 at a free host port. */
  publish?: number[];
  /** A fixed host port (on 127.0.0.1) for some of the `publish` ports, instead of a free one. */
  hostPorts?: Record<number, number>;
  /** The engine removes the container when it exits. */
  autoRemove?: boolean;
  memoryBytes?: number;
}

export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removing' | 'unknown';

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  exitCode: number | null;
  labels: Labels;
  /** Container port → host port on 127.0.0.1, for published ports. */
  ports: Record<number, number>;
}

export interface NetworkSpec {
  name: string;
  labels?: Labels;
  internal?: boolean;
}

export interface NetworkInfo {
  id: string;
  name: string;
  labels: Labels;
}

export interface VolumeSpec {
  name: string;
  labels?: Labels;
  /**
   * A tmpfs volume (the engine's local driver): in memory, mounted while a container uses it and
   * emptied when the last one stops. Only for data that dies with its stack (a test run's database).
   */
  inMemory?: boolean;
}

export interface VolumeInfo {
  name: string;
  labels: Labels;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  labels: Labels;
  sizeBytes: number;
  /** The image's own entrypoint, command and user (empty when it sets none). */
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  user?: string;
  env?: Record<string, string>;
  workingDir?: string;
}

export interface RunResult {
  exitCode: number;
  /** stdout and stderr interleaved, as the container wrote them. */
  output: string;
}

export interface EngineInfo {
  /** `podman` when the engine says so, otherwise `docker`. */
  kind: 'podman' | 'docker';
  version: string;
  apiVersion: string;
}

export interface LogStreamOptions {
  /** Called with each chunk of text (stdout and stderr together) as it arrives. */
  onText: (text: string) => void;
  signal?: AbortSignal;
}

export interface ContainerDriver {
  /** Where the engine was found (`unix:///run/forge-podman.sock`), for messages. */
  readonly endpoint: string;
  /** Resolves when the engine answers; rejects with `engine.unreachable`. Cheap (`/_ping`). */
  ping(): Promise<void>;
  engineInfo(): Promise<EngineInfo>;

  inspectImage(reference: string): Promise<ImageInfo | undefined>;
  /** Removes an image that no container uses; an image in use or gone is left alone (no error). */
  removeImage(reference: string): Promise<void>;

  createNetwork(spec: NetworkSpec): Promise<NetworkInfo>;
  listNetworks(filter: LabelFilter): Promise<NetworkInfo[]>;
  /** Removing a network that is gone is not an error. */
  removeNetwork(nameOrId: string): Promise<void>;

  createVolume(spec: VolumeSpec): Promise<VolumeInfo>;
  inspectVolume(name: string): Promise<VolumeInfo | undefined>;
  listVolumes(filter: LabelFilter): Promise<VolumeInfo[]>;
  /** Removing a volume that is gone is not an error. */
  removeVolume(name: string): Promise<void>;

  /** Rejects with `container.image-missing` (hint: `odoo-forge images build`) or `container.name-taken`. */
  createContainer(spec: ContainerSpec): Promise<ContainerInfo>;
  startContainer(nameOrId: string): Promise<void>;
  inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined>;
  listContainers(filter: LabelFilter): Promise<ContainerInfo[]>;
  /** Sends SIGTERM, then SIGKILL after `timeoutSeconds`. A stopped or missing container is fine. */
  stopContainer(nameOrId: string, timeoutSeconds?: number): Promise<void>;
  killContainer(nameOrId: string, signal?: string): Promise<void>;
  /** Force-removes the container and its anonymous volumes. Removing one that is gone is fine. */
  removeContainer(nameOrId: string): Promise<void>;
  /**
   * Waits until the container exits and returns its exit code. `nextExit` waits for the next
   * exit even when the container has not started yet: call it before `startContainer` so an
   * exit right after the start is not missed.
   */
  waitContainer(nameOrId: string, options?: { nextExit?: boolean }): Promise<number>;
  logs(nameOrId: string): Promise<string>;
  /** Follows the logs until the container stops or `signal` aborts. */
  followLogs(nameOrId: string, options: LogStreamOptions): Promise<void>;
  exec(nameOrId: string, cmd: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Current memory use in bytes (cgroup), or undefined when the container does not run. */
  memoryUsage(nameOrId: string): Promise<number | undefined>;

  /**
   * Creates, starts and waits for a one-shot container, returns its exit code and output, and
   * removes it (also when this call fails).
   */
  run(spec: ContainerSpec): Promise<RunResult>;
}
