import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { LocalImages } from '../stack/stack-settings.js';
import { debianMirror } from './debian-mirror.js';
import { rootfsTarball, SUITE } from './rootfs-tarball.js';
import { runCommand } from './run-command.js';

export const IMAGE_HASH_LABEL = 'forge.image.hash';

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

/** One run of `buildImages`: its settings, and what it built and replaced so far. */
interface ImageBuild {
  options: BuildImagesOptions;
  env: NodeJS.ProcessEnv;
  /** The folder with the Containerfiles. */
  dir: string;
  progress: (progress: ImageProgress) => void;
  results: BuiltImage[];
  /** Ids of images this build replaced: removed at the end when no container uses them. */
  replaced: string[];
}

/**
 * Builds the local images, in order: a Debian base (debootstrap minbase → podman import), then
 * PostgreSQL and one Odoo runtime per series FROM it. Idempotent: an image whose label
 * `forge.image.hash` matches its inputs is kept.
 */
export async function buildImages(options: BuildImagesOptions): Promise<BuiltImage[]> {
  const run: ImageBuild = {
    options,
    env: podmanEnv(options.env ?? process.env),
    dir: imagesSourceDir(),
    progress: options.onProgress ?? (() => {}),
    results: [],
    replaced: [],
  };
  const baseId = await buildBaseImage(run);
  const pgInputs = ['postgres.Containerfile', 'postgres-entrypoint.sh'].map((f) =>
    readFileSync(join(run.dir, f), 'utf8'),
  );
  const pgHash = sha(baseId, ...pgInputs);
  const odooFile = readFileSync(join(run.dir, 'odoo-runtime.Containerfile'), 'utf8');
  // PostgreSQL and the runtimes build in parallel (dpkg-bound; about 80 s saved on 2 cores).
  // The runtimes of several series share one Containerfile: built one after the other, the
  // second and third take the first one's layers from Podman's cache instead of running dpkg again.
  const buildRuntimes = async (): Promise<void> => {
    for (const series of options.series) {
      const hash = sha(baseId, odooFile, series);
      const image = LocalImages.odooRuntime(series);
      const labels = ['--label', `forge.odoo.series=${series}`];
      await buildStep(run, image, hash, (onLine) =>
        podmanBuild(run, 'odoo-runtime.Containerfile', image, hash, labels, onLine),
      );
    }
  };
  await Promise.all([
    buildStep(run, LocalImages.postgres, pgHash, (onLine) =>
      podmanBuild(run, 'postgres.Containerfile', LocalImages.postgres, pgHash, [], onLine),
    ),
    buildRuntimes(),
  ]);
  for (const id of run.replaced.reverse()) await options.driver.removeImage(id);
  return run.results;
}

/** The Debian base: a debootstrap minbase tarball imported as an image. Answers its id. */
async function buildBaseImage(run: ImageBuild): Promise<string> {
  const mirror = debianMirror(run.env);
  const baseHash = sha('debootstrap', '--variant=minbase', SUITE, mirror, 'v1');
  await buildStep(run, LocalImages.base, baseHash, async (onLine) => {
    const tarball = await rootfsTarball({
      cacheDir: run.options.cacheDir,
      mirror,
      hash: baseHash,
      env: run.env,
      onLine,
    });
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
      { env: run.env, onLine },
    );
  });
  return (await run.options.driver.inspectImage(LocalImages.base))?.id ?? '';
}

/**
 * Builds `image` unless it exists with this input `hash` (and no --force), then checks that the
 * engine sees the new image; records the result and the image it replaced.
 */
async function buildStep(
  run: ImageBuild,
  image: string,
  hash: string,
  build: (onLine: (line: string) => void) => Promise<void>,
): Promise<void> {
  const { driver, force } = run.options;
  const existing = await driver.inspectImage(image);
  if (!force && existing?.labels[IMAGE_HASH_LABEL] === hash) {
    run.progress({ image, event: 'cached' });
    run.results.push({ image, cached: true, seconds: 0 });
    return;
  }
  const started = Date.now();
  const why = force ? '--force' : existing ? 'its inputs changed' : 'it is missing';
  run.progress({ image, event: 'building', why });
  await build((line) => run.progress({ image, event: 'line', line }));
  const built = await driver.inspectImage(image);
  if (built?.labels[IMAGE_HASH_LABEL] !== hash) {
    throw new ForgeError(
      'images.not-visible',
      `podman built ${image}, but the engine at ${driver.endpoint} does not see it.`,
      {
        hint: 'The podman CLI and the API service use different storage: export the CONTAINERS_CONF and CONTAINERS_STORAGE_CONF that runner/podman/start-podman-service.sh prints.',
      },
    );
  }
  if (existing && existing.id !== built.id) run.replaced.push(existing.id);
  const seconds = (Date.now() - started) / 1000;
  run.progress({ image, event: 'built', seconds });
  run.results.push({ image, cached: false, seconds });
}

/** `podman build` of one Containerfile FROM the base, labelled with its input hash. */
async function podmanBuild(
  run: ImageBuild,
  file: string,
  image: string,
  hash: string,
  extraArgs: string[],
  onLine: (line: string) => void,
): Promise<void> {
  // One .deb cache per image: the builds run in parallel and apt locks its cache folder.
  const aptCache = join(run.options.cacheDir, 'apt-archives', image.replace(/[^\w.-]+/g, '_'));
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
      ...(run.options.force ? ['--no-cache'] : []),
      ...extraArgs,
      '-f',
      join(run.dir, file),
      '-t',
      image,
      run.dir,
    ],
    { env: run.env, onLine },
  );
}
