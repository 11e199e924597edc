import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';

/** What is deployed on an environment: the release folder Odoo serves and each addon's content hash. */
export interface EnvironmentState {
  release?: string;
  addons: Record<string, string>;
  deployedAt?: string;
  /** The last successful deploy: what `rollback` restores (its backup) and serves again. */
  lastDeploy?: {
    deployId: string;
    backupId: string;
    previousRelease?: string;
    previousAddons: Record<string, string>;
  };
}

/** The phases a deploy goes through; a journal left in one of them is an unfinished deploy. */
export type DeployPhase = 'backing-up' | 'updating' | 'starting' | 'checking' | 'restoring';

/** The deploy journal: written before each phase, removed when the deploy ends either way. */
export interface DeployJournal {
  deployId: string;
  phase: DeployPhase;
  pid: number;
  startedAt: string;
  release: string;
  previousRelease?: string;
  backupId?: string;
  /**
   * The state.json that goes with the backup restored and the release served once the journal's
   * command is finished or undone (a rollback: the older release; a copy: the target's state
   * before it). Written by the recovery before the journal is removed, so that a kill at any
   * point leaves database, filestore, state and served release agreeing.
   */
  restoreState?: EnvironmentState;
}

/** Where environments keep their state on the runner host: `$FORGE_ENV_HOME`, else ~/.odoo-forge/environments. */
export function defaultEnvironmentsHome(env: NodeJS.ProcessEnv): string {
  return env.FORGE_ENV_HOME || join(homedir(), '.odoo-forge', 'environments');
}

function skipped(name: string): boolean {
  return name === '__pycache__' || name.endsWith('.pyc') || name === '.git';
}

/** A content hash per addon folder of `dir` (paths and bytes; Python caches left out). */
export function addonHashes(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || skipped(entry.name)) continue;
    const root = join(dir, entry.name);
    if (!existsSync(join(root, '__manifest__.py'))) continue;
    const hash = createHash('sha256');
    const walk = (folder: string): void => {
      for (const item of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (skipped(item.name)) continue;
        const path = join(folder, item.name);
        if (item.isDirectory()) walk(path);
        else if (item.isFile()) hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
      }
    };
    walk(root);
    hashes[entry.name] = hash.digest('hex');
  }
  return hashes;
}

/** The files of one environment under the environments home: state, journal, lock and releases. */
export class EnvironmentFiles {
  readonly dir: string;

  constructor(
    home: string,
    readonly name: string,
  ) {
    this.dir = join(home, name);
  }

  get lockFile(): string {
    mkdirSync(this.dir, { recursive: true });
    return join(this.dir, 'deploy.lock');
  }

  private readJson<T>(file: string): T | undefined {
    const path = join(this.dir, file);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch (error) {
      throw new ForgeError('environment.state-unreadable', `${path} is not valid JSON: ${String(error)}`, {
        hint: 'restore the file from a copy, or remove it to forget the environment state',
      });
    }
  }

  /** Written to a temporary file then renamed, so a kill never leaves half a file. */
  private writeJson(file: string, value: unknown): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, file);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  readState(): EnvironmentState {
    return this.readJson<EnvironmentState>('state.json') ?? { addons: {} };
  }

  writeState(state: EnvironmentState): void {
    this.writeJson('state.json', state);
  }

  readJournal(): DeployJournal | undefined {
    return this.readJson<DeployJournal>('deploy-journal.json');
  }

  writeJournal(journal: DeployJournal): void {
    this.writeJson('deploy-journal.json', journal);
  }

  clearJournal(): void {
    rmSync(join(this.dir, 'deploy-journal.json'), { force: true });
  }

  /** Copies the addons of `addonsDir` into a release folder of its own, so a rollback has the old code. */
  newRelease(addonsDir: string, deployId: string): string {
    const release = join(this.dir, 'releases', deployId);
    cpSync(addonsDir, release, {
      recursive: true,
      filter: (source) => !skipped(source.split('/').pop() ?? ''),
    });
    return release;
  }

  /** Removes release folders other than `keep`. */
  pruneReleases(keep: (string | undefined)[]): void {
    const root = join(this.dir, 'releases');
    if (!existsSync(root)) return;
    for (const entry of readdirSync(root)) {
      const path = join(root, entry);
      if (!keep.includes(path)) rmSync(path, { recursive: true, force: true });
    }
  }

  /** Forgets the environment (state, journal, releases). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
