import { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { ForgeError } from '../../core/errors/forge-error.js';
import { silentLogger, type Logger } from '../logger.js';
import type {
  ContainerDriver,
  ContainerInfo,
  ContainerSpec,
  EngineInfo,
  ExecOptions,
  ExecResult,
  ImageInfo,
  LabelFilter,
  LogStreamOptions,
  NetworkInfo,
  NetworkSpec,
  RunResult,
  VolumeInfo,
  VolumeSpec,
} from './container-driver.js';
import { EngineCalls, type RetriedOperation } from './engine-calls.js';
import { demuxText, type DemuxedText, type DemuxTextOptions } from './demux-text.js';
import {
  envList,
  fromImageInspect,
  fromInspect,
  fromListEntry,
  fromVersion,
  labelFilters,
  toCreateOptions,
} from './dockerode-mapping.js';
import type { EngineEndpoint } from './engine-endpoint.js';
import {
  engineMessage,
  imageMissingError,
  isImageInUse,
  isNotFound,
  isNotRunning,
  isRemovalInProgress,
  mapEngineError,
  statusOf,
} from './map-engine-error.js';

const goneOrNotRunning = (thrown: unknown): boolean => isNotFound(thrown) || isNotRunning(thrown);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `ContainerDriver` over dockerode, as the Docker Engine API documents it. Engine quirks live
 * in subclasses (`PodmanDriver`), which override `mapError`, `isTransient` and the few calls
 * the engine answers differently. Every operation is logged at debug level with the container
 * (network, volume, image) it acted on and how long it took.
 */
export class DockerodeDriver implements ContainerDriver {
  readonly endpoint: string;
  protected readonly docker: Docker;
  protected readonly logger: Logger;
  protected readonly calls: EngineCalls;

  constructor(endpoint: EngineEndpoint, logger: Logger = silentLogger) {
    this.endpoint = endpoint.url;
    this.logger = logger;
    this.calls = new EngineCalls(logger, {
      mapError: (thrown, what) => this.mapError(thrown, what),
      isTransient: (operation, thrown) => this.isTransient(operation, thrown),
    });
    this.docker =
      endpoint.socketPath !== undefined
        ? new Docker({ socketPath: endpoint.socketPath, timeout: endpoint.timeoutMs })
        : new Docker({
            host: endpoint.host,
            port: endpoint.port,
            protocol: endpoint.protocol,
            timeout: endpoint.timeoutMs,
          });
  }

  /** The ForgeError for an engine failure of `what`. Docker answers a name conflict with 409. */
  protected mapError(thrown: unknown, what: string): ForgeError {
    return mapEngineError(thrown, what, this.endpoint);
  }

  /** Whether a failed `operation` is worth repeating. Docker's errors are not spurious: never. */
  protected isTransient(_operation: RetriedOperation, _thrown: unknown): boolean {
    return false;
  }

  protected demux(stream: NodeJS.ReadableStream, options?: DemuxTextOptions): Promise<DemuxedText> {
    return demuxText((s, out, err) => this.docker.modem.demuxStream(s, out, err), stream, options);
  }

  async ping(): Promise<void> {
    await this.calls.call('ping', () => this.docker.ping());
  }

  async engineInfo(): Promise<EngineInfo> {
    return fromVersion(await this.calls.call('version', () => this.docker.version()));
  }

  async inspectImage(reference: string): Promise<ImageInfo | undefined> {
    return this.calls.callTolerating(`inspect image ${reference}`, isNotFound, async () =>
      fromImageInspect(await this.docker.getImage(reference).inspect()),
    );
  }

  async removeImage(reference: string): Promise<void> {
    await this.calls.callTolerating(
      `remove image ${reference}`,
      (thrown) => isNotFound(thrown) || isImageInUse(thrown),
      () => this.docker.getImage(reference).remove({ force: false }),
    );
  }

  async createNetwork(spec: NetworkSpec): Promise<NetworkInfo> {
    return this.calls.call(`create network ${spec.name}`, async () => {
      const network = await this.docker.createNetwork({
        Name: spec.name,
        Driver: 'bridge',
        Labels: spec.labels ?? {},
        Internal: spec.internal ?? false,
        CheckDuplicate: true,
      });
      return { id: network.id, name: spec.name, labels: spec.labels ?? {} };
    });
  }

  async listNetworks(filter: LabelFilter): Promise<NetworkInfo[]> {
    return this.calls.call(
      'list networks',
      async () => {
        const networks = await this.docker.listNetworks({ filters: labelFilters(filter) });
        return networks.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
      },
      'list',
    );
  }

  async removeNetwork(nameOrId: string): Promise<void> {
    await this.calls.callTolerating(`remove network ${nameOrId}`, isNotFound, () =>
      this.docker.getNetwork(nameOrId).remove(),
    );
  }

  async createVolume(spec: VolumeSpec): Promise<VolumeInfo> {
    return this.calls.call(`create volume ${spec.name}`, async () => {
      await this.docker.createVolume({
        Name: spec.name,
        Labels: spec.labels ?? {},
        ...(spec.inMemory ? { Driver: 'local', DriverOpts: { type: 'tmpfs', device: 'tmpfs' } } : {}),
      });
      return { name: spec.name, labels: spec.labels ?? {} };
    });
  }

  async inspectVolume(name: string): Promise<VolumeInfo | undefined> {
    return this.calls.callTolerating(`inspect volume ${name}`, isNotFound, async () => {
      const volume = (await this.docker.getVolume(name).inspect()) as {
        Name: string;
        Labels?: Record<string, string> | null;
      };
      return { name: volume.Name, labels: volume.Labels ?? {} };
    });
  }

  async listVolumes(filter: LabelFilter): Promise<VolumeInfo[]> {
    return this.calls.call(
      'list volumes',
      async () => {
        const answer = await this.docker.listVolumes({ filters: labelFilters(filter) });
        return (answer.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
      },
      'list',
    );
  }

  async removeVolume(name: string): Promise<void> {
    await this.calls.callTolerating(`remove volume ${name}`, isNotFound, () =>
      this.docker.getVolume(name).remove({ force: true }),
    );
  }

  async createContainer(spec: ContainerSpec): Promise<ContainerInfo> {
    const what = `create container ${spec.name}`;
    let id: string;
    try {
      id = (await this.calls.attempt(what, () => this.docker.createContainer(toCreateOptions(spec)))).id;
    } catch (thrown) {
      if (
        /no such image|image not known|not found.*image|unable to find image/i.test(engineMessage(thrown))
      ) {
        throw imageMissingError(spec.image, this.endpoint, thrown);
      }
      throw this.calls.failed(what, thrown);
    }
    this.logger.debug(`container ${spec.name} is ${id} (${spec.image})`);
    const info = await this.inspectContainer(id);
    if (!info) throw this.mapError(new Error(`container ${id} vanished right after its creation`), what);
    return info;
  }

  async startContainer(nameOrId: string): Promise<void> {
    await this.calls.call(
      `start container ${nameOrId}`,
      async () => {
        try {
          await this.docker.getContainer(nameOrId).start();
        } catch (thrown) {
          // A repeated start of a container that did start answers 304: that is success.
          if (statusOf(thrown) !== 304) throw thrown;
        }
      },
      'start',
    );
  }

  async inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined> {
    return this.calls.callTolerating(`inspect container ${nameOrId}`, isNotFound, async () =>
      fromInspect(await this.docker.getContainer(nameOrId).inspect()),
    );
  }

  async listContainers(filter: LabelFilter): Promise<ContainerInfo[]> {
    return this.calls.call(
      'list containers',
      async () => {
        const list = await this.docker.listContainers({ all: true, filters: labelFilters(filter) });
        return list.map(fromListEntry);
      },
      'list',
    );
  }

  async stopContainer(nameOrId: string, timeoutSeconds = 10): Promise<void> {
    await this.calls.callTolerating(`stop container ${nameOrId}`, goneOrNotRunning, () =>
      this.docker.getContainer(nameOrId).stop({ t: timeoutSeconds }),
    );
  }

  async killContainer(nameOrId: string, signal = 'SIGKILL'): Promise<void> {
    await this.calls.callTolerating(`kill container ${nameOrId}`, goneOrNotRunning, () =>
      this.docker.getContainer(nameOrId).kill({ signal }),
    );
  }

  async removeContainer(nameOrId: string): Promise<void> {
    await this.calls.callTolerating(
      `remove container ${nameOrId}`,
      (thrown) => isNotFound(thrown) || isRemovalInProgress(thrown),
      () => this.docker.getContainer(nameOrId).remove({ force: true, v: true }),
    );
  }

  async waitContainer(nameOrId: string, options: { nextExit?: boolean } = {}): Promise<number> {
    return this.calls.call(`wait for container ${nameOrId}`, async () => {
      const container = this.docker.getContainer(nameOrId);
      const answer = (await (options.nextExit
        ? container.wait({ condition: 'next-exit' })
        : container.wait())) as { StatusCode: number };
      return answer.StatusCode;
    });
  }

  async logs(nameOrId: string): Promise<string> {
    return this.calls.call(`logs of container ${nameOrId}`, async () => {
      const answer = await this.docker
        .getContainer(nameOrId)
        .logs({ stdout: true, stderr: true, follow: false });
      const buffer = Buffer.isBuffer(answer) ? answer : Buffer.from(String(answer));
      return (await this.demux(Readable.from([buffer]))).all;
    });
  }

  async followLogs(nameOrId: string, options: LogStreamOptions): Promise<void> {
    const what = `follow logs of container ${nameOrId}`;
    const stream = await this.calls.call(what, () =>
      this.docker.getContainer(nameOrId).logs({ stdout: true, stderr: true, follow: true }),
    );
    // A broken follow ends like a finished one: the caller reads the full logs afterwards.
    await this.demux(stream, options).catch((error: unknown) =>
      this.logger.debug(`${what}: the stream broke: ${engineMessage(error)}`),
    );
  }

  async exec(nameOrId: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
    const what = `exec ${cmd[0] ?? ''} in container ${nameOrId}`;
    return this.calls.call(what, async () => {
      const exec = await this.docker.getContainer(nameOrId).exec({
        Cmd: cmd,
        AttachStdout: true,
        AttachStderr: true,
        User: options.user,
        Env: envList(options.env),
        WorkingDir: options.workingDir,
      });
      const output = await this.demux(await exec.start({ hijack: true, stdin: false }));
      const exitCode = await this.execExitCode(exec);
      this.logger.debug(`${what}: exec session ${exec.id} exited ${exitCode}`);
      return { exitCode, stdout: output.stdout, stderr: output.stderr };
    });
  }

  /** The exit code of a finished exec session; the engine may report it a moment after the stream ends. */
  protected async execExitCode(exec: Docker.Exec): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const info = await exec.inspect();
      if (!info.Running && info.ExitCode !== null) return info.ExitCode;
      await sleep(50);
    }
    return -1;
  }

  async memoryUsage(nameOrId: string): Promise<number | undefined> {
    const stats = (await this.calls.callTolerating(`stats of container ${nameOrId}`, goneOrNotRunning, () =>
      this.docker.getContainer(nameOrId).stats({ stream: false }),
    )) as { memory_stats?: { usage?: number } } | undefined;
    return stats?.memory_stats?.usage || undefined;
  }

  async run(spec: ContainerSpec): Promise<RunResult> {
    const created = await this.createContainer({ ...spec, autoRemove: false });
    try {
      // Ask for the exit before starting: a container that exits at once must not be missed.
      const exited = this.waitContainer(created.id, { nextExit: true });
      exited.catch(() => {});
      await this.startContainer(created.id);
      const exitCode = await exited;
      return { exitCode, output: await this.logs(created.id) };
    } finally {
      await this.removeContainer(created.id);
    }
  }
}
