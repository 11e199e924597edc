import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

export const SUITE = 'bookworm';

export interface RootfsTarballOptions {
  /** The tarball and the downloaded .debs are cached here. */
  cacheDir: string;
  mirror: string;
  /** The base image's input hash: part of the tarball's name. */
  hash: string;
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
}

/** `debootstrap --variant=minbase` into a tar, cached with the downloaded .debs under cacheDir. */
export async function rootfsTarball(options: RootfsTarballOptions): Promise<string> {
  const { cacheDir, mirror, hash, env, onLine } = options;
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
