import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Files of a commit: repository path → content; `null` in a head deletes the path. */
export type TreeFiles = Record<string, string | null>;

export interface GitWorkspace {
  /** The checkout (GITHUB_WORKSPACE), on the head commit. */
  dir: string;
  baseSha: string;
  headSha: string;
  remove(): void;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Forge Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Forge Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  }).trim();
}

function apply(dir: string, files: TreeFiles): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (content === null) rmSync(full, { recursive: true, force: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}

/**
 * A temporary git repository with a base commit (`base` files) and a head commit (`head` applied
 * on top), checked out on the head, as actions/checkout leaves a pull request's workspace.
 */
export function makeGitWorkspace(base: TreeFiles, head: TreeFiles): GitWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'forge-action-ws-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  apply(dir, { 'README.md': '# test repository\n', ...base });
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  apply(dir, head);
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'head');
  const headSha = git(dir, 'rev-parse', 'HEAD');
  return { dir, baseSha, headSha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files of an addon folder on disk as TreeFiles under `prefix` (e.g. `addons/library`). */
export function addonFiles(folder: string, prefix: string): TreeFiles {
  const files: TreeFiles = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '__pycache__') continue;
      const full = join(dir, name);
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, path);
      else files[`${prefix}/${path}`] = readFileSync(full, 'utf8');
    }
  };
  walk(folder, '');
  return files;
}

/** Copies an addon folder into a workspace folder (for tests that edit a checkout by hand). */
export function copyAddon(folder: string, into: string): void {
  cpSync(folder, into, { recursive: true });
}
