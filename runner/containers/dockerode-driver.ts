import Docker from 'dockerode';
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
import { DockerStreamDemuxer, demuxDockerBuffer } from './demux-docker-stream.js';
import { envList, fromInspect, fromListEntry, labelFilters, toCreateOptions } from './dockerode-mapping.js';
import { engineMessage, imageMissingError, isNotFound, mapEngineError } from './map-engine-error.js';
import type { EngineEndpoint } from './engine-endpoint.js';

/** A `ContainerDriver` over dockerode: Docker Engine, or Podman's Docker-compatible API. */
export class DockerodeDriver implements ContainerDriver {
  readonly endpoint: string;
  private readonly docker: Docker;

  constructor(endpoint: EngineEndpoint) {
    this.endpoint = endpoint.url;
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

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (thrown) {
      throw mapEngineError(thrown, what, this.endpoint);
    }
  }

  /**
   * Like `call`, for listings: Podman answers 500 "read /proc/<pid>/cgroup: no such process" when
   * a container of another stack exits while it lists; the listing is retried a few times.
   */
  private async callList<T>(what: string, action: () => Promise<T>): Promise<T> {
    return this.callRetrying(what, /no such process|no such file or directory/i, action);
  }

  /** Retries `action` (which must be safe to repeat) while the engine's error matches `transient`. */
  private async callRetrying<T>(what: string, transient: RegExp, action: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await action();
      } catch (thrown) {
        if (!transient.test(String((thrown as Error)?.message ?? thrown)) || attempt >= 5) {
          throw mapEngineError(thrown, what, this.endpoint);
        }
        await new Promise((done) => setTimeout(done, 150 * attempt));
      }
    }
  }

  /** Like `call`, but a 404 answers `fallback`. */
  private async callOr<T>(what: string, fallback: T, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (thrown) {
      if (isNotFound(thrown)) return fallback;
      throw mapEngineError(thrown, what, this.endpoint);
    }
  }

  async ping(): Promise<void> {
    await this.call('ping', () => this.docker.ping());
  }

  async engineInfo(): Promise<EngineInfo> {
    const version = await this.call('version', () => this.docker.version());
    const components = (version.Components ?? []) as Array<{ Name?: string }>;
    const podman =
      components.some((c) => /podman/i.test(c.Name ?? '')) ||
      /podman/i.test(JSON.stringify(version.Platform ?? ''));
    return { kind: podman ? 'podman' : 'docker', version: version.Version, apiVersion: version.ApiVersion };
  }

  async inspectImage(reference: string): Promise<ImageInfo | undefined> {
    return this.callOr(`inspect image ${reference}`, undefined, async () => {
      const image = await this.docker.getImage(reference).inspect();
      return {
        id: image.Id,
        tags: image.RepoTags ?? [],
        labels: image.Config?.Labels ?? {},
        sizeBytes: image.Size,
      };
    });
  }

  async removeImage(reference: string): Promise<void> {
    try {
      await this.docker.getImage(reference).remove({ force: false });
    } catch (thrown) {
      const status = (thrown as { statusCode?: number }).statusCode;
      if (
        isNotFound(thrown) ||
        status === 409 ||
        /in use|has dependent|being used/i.test(engineMessage(thrown))
      )
        return;
      throw mapEngineError(thrown, `remove image ${reference}`, this.endpoint);
    }
  }

  async createNetwork(spec: NetworkSpec): Promise<NetworkInfo> {
    return this.call(`create network ${spec.name}`, async () => {
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
    return this.callList('list networks', async () => {
      const networks = await this.docker.listNetworks({ filters: labelFilters(filter) });
      return networks.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
    });
  }

  async removeNetwork(nameOrId: string): Promise<void> {
    await this.callOr(`remove network ${nameOrId}`, undefined, () =>
      this.docker.getNetwork(nameOrId).remove(),
    );
  }

  async createVolume(spec: VolumeSpec): Promise<VolumeInfo> {
    return this.call(`create volume ${spec.name}`, async () => {
      await this.docker.createVolume({ Name: spec.name, Labels: spec.labels ?? {} });
      return { name: spec.name, labels: spec.labels ?? {} };
    });
  }

  async inspectVolume(name: string): Promise<VolumeInfo | undefined> {
    return this.callOr(`inspect volume ${name}`, undefined, async () => {
      const volume = (await this.docker.getVolume(name).inspect()) as {
        Name: string;
        Labels?: Record<string, string> | null;
      };
      return { name: volume.Name, labels: volume.Labels ?? {} };
    });
  }

  async listVolumes(filter: LabelFilter): Promise<VolumeInfo[]> {
    return this.callList('list volumes', async () => {
      const answer = await this.docker.listVolumes({ filters: labelFilters(filter) });
      return (answer.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
    });
  }

  async removeVolume(name: string): Promise<void> {
    await this.callOr(`remove volume ${name}`, undefined, () =>
      this.docker.getVolume(name).remove({ force: true }),
    );
  }

  async createContainer(spec: ContainerSpec): Promise<ContainerInfo> {
    const options = toCreateOptions(spec);
    try {
      const container = await this.docker.createContainer(options);
      const info = await this.inspectContainer(container.id);
      if (!info) throw new Error(`container ${spec.name} vanished right after its creation`);
      return info;
    } catch (thrown) {
      if (
        /no such image|image not known|not found.*image|unable to find image/i.test(engineMessage(thrown))
      ) {
        throw imageMissingError(spec.image, this.endpoint, thrown);
      }
      throw mapEngineError(thrown, `create container ${spec.name}`, this.endpoint);
    }
  }

  async startContainer(nameOrId: string): Promise<void> {
    // Podman 4.3 under parallel load sometimes answers 500 "write child: broken pipe" from runc;
    // the container stays created, and starting it again works.
    await this.callRetrying(`start container ${nameOrId}`, /broken pipe|no such process|temporarily unavailable/i, async () => {
      try {
        await this.docker.getContainer(nameOrId).start();
      } catch (thrown) {
        // A retried start of a container that did start answers 304: that is success.
        if ((thrown as { statusCode?: number }).statusCode !== 304) throw thrown;
      }
    });
  }

  async inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined> {
    return this.callOr(`inspect container ${nameOrId}`, undefined, async () => {
      return fromInspect(await this.docker.getContainer(nameOrId).inspect());
    });
  }

  async listContainers(filter: LabelFilter): Promise<ContainerInfo[]> {
    return this.callList('list containers', async () => {
      const list = await this.docker.listContainers({ all: true, filters: labelFilters(filter) });
      return list.map(fromListEntry);
    });
  }

  async stopContainer(nameOrId: string, timeoutSeconds = 10): Promise<void> {
    try {
      await this.docker.getContainer(nameOrId).stop({ t: timeoutSeconds });
    } catch (thrown) {
      if (isNotFound(thrown) || /not running|already stopped|304/i.test(engineMessage(thrown))) return;
      if ((thrown as { statusCode?: number }).statusCode === 304) return;
      throw mapEngineError(thrown, `stop container ${nameOrId}`, this.endpoint);
    }
  }

  async killContainer(nameOrId: string, signal = 'SIGKILL'): Promise<void> {
    try {
      await this.docker.getContainer(nameOrId).kill({ signal });
    } catch (thrown) {
      if (isNotFound(thrown) || /not running|is not running|state improper|409/i.test(engineMessage(thrown)))
        return;
      throw mapEngineError(thrown, `kill container ${nameOrId}`, this.endpoint);
    }
  }

  async removeContainer(nameOrId: string): Promise<void> {
    try {
      await this.docker.getContainer(nameOrId).remove({ force: true, v: true });
    } catch (thrown) {
      if (isNotFound(thrown) || /removal .* already in progress/i.test(engineMessage(thrown))) return;
      throw mapEngineError(thrown, `remove container ${nameOrId}`, this.endpoint);
    }
  }

  async waitContainer(nameOrId: string, options: { nextExit?: boolean } = {}): Promise<number> {
    const container = this.docker.getContainer(nameOrId);
    const waited = this.call(`wait for container ${nameOrId}`, async () => {
      const answer = (await (options.nextExit
        ? container.wait({ condition: 'next-exit' })
        : container.wait())) as { StatusCode: number };
      return answer.StatusCode;
    });
    if (!options.nextExit) return waited;
    // A wait sent just before `start` may reach the engine after a quick exit: poll as well.
    const stop = new AbortController();
    const polled = (async (): Promise<number> => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (stop.signal.aborted) return new Promise<number>(() => {});
        const info = await this.inspectContainer(nameOrId);
        if (!info)
          throw mapEngineError(
            new Error('the container is gone'),
            `wait for container ${nameOrId}`,
            this.endpoint,
          );
        if ((info.state === 'exited' || info.state === 'dead') && info.exitCode !== null)
          return info.exitCode;
      }
    })();
    waited.catch(() => {});
    polled.catch(() => {});
    try {
      return await Promise.race([waited, polled]);
    } finally {
      stop.abort();
    }
  }

  async logs(nameOrId: string): Promise<string> {
    return this.call(`logs of container ${nameOrId}`, async () => {
      const buffer = await this.docker
        .getContainer(nameOrId)
        .logs({ stdout: true, stderr: true, follow: false });
      return demuxDockerBuffer(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer))).all;
    });
  }

  async followLogs(nameOrId: string, options: LogStreamOptions): Promise<void> {
    const stream = await this.call(`follow logs of container ${nameOrId}`, () =>
      this.docker.getContainer(nameOrId).logs({ stdout: true, stderr: true, follow: true }),
    );
    const demuxer = new DockerStreamDemuxer();
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        stream.removeAllListeners('data');
        (stream as unknown as { destroy?: () => void }).destroy?.();
        resolve();
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      stream.on('data', (chunk: Buffer) => {
        const text = demuxer.push(chunk);
        if (text) options.onText(text);
      });
      stream.on('end', stop);
      stream.on('error', stop);
    });
  }

  async exec(nameOrId: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.call(`exec ${cmd[0] ?? ''} in container ${nameOrId}`, async () => {
      const exec = await this.docker.getContainer(nameOrId).exec({
        Cmd: cmd,
        AttachStdout: true,
        AttachStderr: true,
        User: options.user,
        Env: envList(options.env),
        WorkingDir: options.workingDir,
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      const output = demuxDockerBuffer(Buffer.concat(chunks));
      let exitCode: number | null = null;
      for (let attempt = 0; attempt < 50 && exitCode === null; attempt++) {
        const info = await exec.inspect();
        if (!info.Running && info.ExitCode !== null) exitCode = info.ExitCode;
        else await new Promise((r) => setTimeout(r, 50));
      }
      return { exitCode: exitCode ?? -1, stdout: output.stdout, stderr: output.stderr };
    });
  }

  async memoryUsage(nameOrId: string): Promise<number | undefined> {
    try {
      const stats = (await this.docker.getContainer(nameOrId).stats({ stream: false })) as {
        memory_stats?: { usage?: number };
      };
      return stats.memory_stats?.usage || undefined;
    } catch (thrown) {
      if (isNotFound(thrown) || /not running|state improper/i.test(engineMessage(thrown))) return undefined;
      throw mapEngineError(thrown, `stats of container ${nameOrId}`, this.endpoint);
    }
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
