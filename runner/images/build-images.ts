import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { LocalImages } from '../stack/stack-settings.js';
import { debianMirror } from './debian-mirror.js';
import { runCommand } from './run-command.js';

export const IMAGE_HASH_LABEL = 'forge.image.hash';
const SUITE = 'bookworm';

export type ImageProgress =
  | { image: string; event: 'cached' }
  | { image: string; event: 'building'; why: string }
  | { image: string; event: 'line'; line: string }
  | { image: string; event: 'built'; seconds: number };

export interface BuildImagesOptions {
  driver: ContainerDriver;
  /** Odoo series whose runtime image to build (`18.0`). */
  series: string[];
  /** debootstrap tarballs and apt .deb files live here, outside the repository. */
  cacheDir: string;
  env?: NodeJS.ProcessEnv;
  /** Rebuild even when the image's input hash matches. */
  force?: boolean;
  onProgress?: (progress: ImageProgress) => void;
}

export interface BuiltImage {
  image: string;
  cached: boolean;
  seconds: number;
}

/** The folder with the Containerfiles, from the sources (tsx) or from dist/. */
export function imagesSourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [here, resolve(here, '../../../runner/images')]) {
    if (existsSync(join(candidate, 'postgres.Containerfile'))) return candidate;
  }
  throw new ForgeError('images.sources-missing', `No Containerfiles next to ${here}.`, {
    hint: 'Run odoo-forge from its checkout (runner/images/ holds the Containerfiles).',
  });
}

/**
 * Podman reads its configuration from CONTAINERS_CONF / CONTAINERS_STORAGE_CONF; when they are not
 * set and start-podman-service.sh rendered Forge's own copies, use those, so the CLI builds into
 * the same storage the API service serves.
 */
export function podmanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const state = env.FORGE_PODMAN_STATE ?? '/run/odoo-forge/podman';
  if (env.CONTAINERS_CONF || !existsSync(join(state, 'containers.conf'))) return env;
  return {
    ...env,
    CONTAINERS_CONF: join(state, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(state, 'storage.conf'),
  };
}

const sha = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

/**
 * Builds the local images, in order: a Debian base (debootstrap minbase → podman import), then
 * PostgreSQL and one Odoo runtime per series FROM it. Idempotent: an image whose label
 * `forge.image.hash` matches its inputs is kept.
 */
export async function buildImages(options: BuildImagesOptions): Promise<BuiltImage[]> {
  const env = podmanEnv(options.env ?? process.env);
  const dir = imagesSourceDir();
  const progress = options.onProgress ?? (() => {});
  const results: BuiltImage[] = [];
  /** Ids of images this build replaced: removed at the end when no container uses them. */
  const replaced: string[] = [];
  const mirror = debianMirror(env);

  const step = async (
    image: string,
    hash: string,
    build: (onLine: (line: string) => void) => Promise<void>,
  ): Promise<void> => {
    const existing = await options.driver.inspectImage(image);
    if (!options.force && existing?.labels[IMAGE_HASH_LABEL] === hash) {
      progress({ image, event: 'cached' });
      results.push({ image, cached: true, seconds: 0 });
      return;
    }
    const started = Date.now();
    progress({ image, event: 'building', why: options.force ? '--force' : existing ? 'its inputs changed' : 'it is missing' });
    await build((line) => progress({ image, event: 'line', line }));
    const built = await options.driver.inspectImage(image);
    if (built?.labels[IMAGE_HASH_LABEL] !== hash) {
      throw new ForgeError(
        'images.not-visible',
        `podman built ${image}, but the engine at ${options.driver.endpoint} does not see it.`,
        {
          hint: 'The podman CLI and the API service use different storage: export the CONTAINERS_CONF and CONTAINERS_STORAGE_CONF that runner/podman/start-podman-service.sh prints.',
        },
      );
    }
    if (existing && existing.id !== built.id) replaced.push(existing.id);
    const seconds = (Date.now() - started) / 1000;
    progress({ image, event: 'built', seconds });
    results.push({ image, cached: false, seconds });
  };

  const baseHash = sha('debootstrap', '--variant=minbase', SUITE, mirror, 'v1');
  await step(LocalImages.base, baseHash, async (onLine) => {
    const tarball = await rootfsTarball(options.cacheDir, mirror, baseHash, env, onLine);
    await runCommand(
      'podman',
      [
        'import',
        '--change',
        `LABEL ${IMAGE_HASH_LABEL}=${baseHash}`,
        '--change',
        'CMD ["/bin/bash"]',
        tarball,
        LocalImages.base,
      ],
      { env, onLine },
    );
  });
  const baseId = (await options.driver.inspectImage(LocalImages.base))?.id ?? '';
  const containerBuild =
    (file: string, image: string, hash: string, extraArgs: string[]) =>
    async (onLine: (line: string) => void) => {
      // One .deb cache per image: the builds run in parallel and apt locks its cache folder.
      const aptCache = join(options.cacheDir, 'apt-archives', image.replace(/[^\w.-]+/g, '_'));
      mkdirSync(aptCache, { recursive: true });
      await runCommand(
        'podman',
        [
          'build',
          '--label',
          `${IMAGE_HASH_LABEL}=${hash}`,
          '--build-arg',
          `BASE=${LocalImages.base}`,
          '--volume',
          `${aptCache}:/var/cache/apt/archives`,
          ...(options.force ? ['--no-cache'] : []),
          ...extraArgs,
          '-f',
          join(dir, file),
          '-t',
          image,
          dir,
        ],
        { env, onLine },
      );
    };

  const pgInputs = ['postgres.Containerfile', 'postgres-entrypoint.sh'].map((f) =>
    readFileSync(join(dir, f), 'utf8'),
  );
  const pgHash = sha(baseId, ...pgInputs);
  const odooFile = readFileSync(join(dir, 'odoo-runtime.Containerfile'), 'utf8');
  // Everything FROM the base builds in parallel (dpkg-bound; about 80 s saved on 2 cores).
  await Promise.all([
    step(
      LocalImages.postgres,
      pgHash,
      containerBuild('postgres.Containerfile', LocalImages.postgres, pgHash, []),
    ),
    ...options.series.map((series) => {
      const hash = sha(baseId, odooFile, series);
      const image = LocalImages.odooRuntime(series);
      return step(
        image,
        hash,
        containerBuild('odoo-runtime.Containerfile', image, hash, ['--label', `forge.odoo.series=${series}`]),
      );
    }),
  ]);
  for (const id of replaced.reverse()) await options.driver.removeImage(id);
  return results;
}

/** `debootstrap --variant=minbase` into a tar, cached with the downloaded .debs under cacheDir. */
async function rootfsTarball(
  cacheDir: string,
  mirror: string,
  hash: string,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<string> {
  const baseDir = join(cacheDir, 'base');
  mkdirSync(baseDir, { recursive: true });
  const tarball = join(baseDir, `${SUITE}-minbase-rootfs-${hash}.tar`);
  if (existsSync(tarball)) return tarball;
  const debs = join(baseDir, `${SUITE}-minbase-debs.tgz`);
  const work = mkdtempSync(join(baseDir, 'work-'));
  try {
    if (!existsSync(debs)) {
      onLine(`downloading the ${SUITE} minbase packages from ${mirror}`);
      await runCommand(
        'debootstrap',
        ['--variant=minbase', `--make-tarball=${debs}.part`, SUITE, join(work, 'download'), mirror],
        { env, onLine },
      );
      renameSync(`${debs}.part`, debs);
    }
    const root = join(work, 'root');
    await runCommand('debootstrap', ['--variant=minbase', `--unpack-tarball=${debs}`, SUITE, root, mirror], {
      env,
      onLine,
    });
    for (const sub of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      rmSync(join(root, sub), { recursive: true, force: true });
      mkdirSync(join(root, sub, 'partial'), { recursive: true });
    }
    await runCommand('tar', ['-C', root, '-cf', `${tarball}.part`, '.'], { env, onLine });
    renameSync(`${tarball}.part`, tarball);
    return tarball;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
