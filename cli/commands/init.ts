import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ForgeError } from '../../core/errors/forge-error.js';
import { renderForgeWorkflow } from '../../core/workflows/render-forge-workflow.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';

const run = promisify(execFile);

/** The files init writes, relative to the repository's top level, and their templates. */
const SETUP_FILES = [
  { path: '.github/workflows/odoo-forge.yml', template: 'workflows/odoo-forge.yml' },
  { path: '.github/ISSUE_TEMPLATE/module-request.yml', template: 'ISSUE_TEMPLATE/module-request.yml' },
  { path: '.github/odoo-forge.yml', template: 'odoo-forge.yml' },
  // Deploys (on: deployment, from /deploy) and the daily backups of the config's environments.
  { path: '.github/workflows/odoo-forge-deploy.yml', template: 'workflows/odoo-forge-deploy.yml' },
  { path: '.github/workflows/odoo-forge-backup.yml', template: 'workflows/odoo-forge-backup.yml' },
] as const;
const CONFIG_PATH = '.github/odoo-forge.yml';

type FileStatus = 'created' | 'replaced' | 'unchanged';

interface InitOptions {
  branch?: string;
  odoo?: string;
  runsOn?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * `odoo-forge init [DIR]`: writes the Forge workflow, the module-request issue form and the
 * commented configuration into the git checkout that holds DIR (at its top level). A file that
 * exists with other contents is refused (nothing is written) unless `--force`.
 */
export const initCommand: CliCommand = {
  name: 'init',
  register(program, io, setExit) {
    program
      .command('init')
      .description(
        'add the Odoo Forge workflow, the module-request issue form and .github/odoo-forge.yml to a repository checkout',
      )
      .argument('[dir]', 'a folder of the repository checkout (default: the current folder)')
      .option(
        '--branch <names>',
        "branches whose pushes are checked, comma-separated (default: the checkout's default branch)",
      )
      .option(
        '--odoo <series>',
        'Odoo series of the tests job, comma-separated (default: odoo: of .github/odoo-forge.yml, else 18.0)',
      )
      .option(
        '--runs-on <labels>',
        'runs-on labels of the tests job, comma-separated (default: self-hosted,linux,odoo-forge; an ARC scale set: its name)',
      )
      .option('--force', 'replace files that exist with other contents')
      .option('--json', 'print {root, files: [{path, status}]} as JSON')
      .action(async (dir: string | undefined, options: InitOptions) => {
        const root = await repositoryRoot(resolve(io.cwd, dir ?? '.'));
        const files = await setupFiles(root, options);
        const statuses = await writeSetupFiles(root, files, Boolean(options.force));
        report(io, root, statuses, Boolean(options.json));
        setExit(ExitCode.ok);
      });
  },
};

/** The top level of the git work tree holding `dir`: the workflow must sit at the repository's root. */
async function repositoryRoot(dir: string): Promise<string> {
  if (!existsSync(dir))
    throw new ForgeError('input.init-dir', `${dir} does not exist.`, {
      hint: 'Give a folder of your repository checkout, or run odoo-forge init inside it.',
    });
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--show-toplevel']);
    return stdout.trim();
  } catch {
    throw new ForgeError('input.init-not-git', `${dir} is not inside a git checkout.`, {
      hint: 'Run odoo-forge init in a clone of the repository that holds your addons (git clone …, then cd into it).',
    });
  }
}

/** The contents of each file: the templates, with the workflow's branches and series filled in. */
async function setupFiles(root: string, options: InitOptions): Promise<Map<string, string>> {
  const templates = templatesDir();
  const files = new Map<string, string>();
  for (const file of SETUP_FILES)
    files.set(file.path, await readFile(join(templates, file.template), 'utf8'));
  const branches = options.branch ? splitList(options.branch) : [await defaultBranch(root)];
  const series = options.odoo ? splitList(options.odoo) : [await configuredSeries(root)];
  const workflow = SETUP_FILES[0].path;
  const runsOn = options.runsOn ? splitList(options.runsOn) : undefined;
  files.set(
    workflow,
    renderForgeWorkflow(files.get(workflow) ?? '', { branches, series, ...(runsOn ? { runsOn } : {}) }),
  );
  return files;
}

/** Checks every file first, then writes: a refusal leaves the checkout as it was. */
async function writeSetupFiles(
  root: string,
  files: Map<string, string>,
  force: boolean,
): Promise<Map<string, FileStatus>> {
  const statuses = new Map<string, FileStatus>();
  for (const [path, contents] of files) {
    const existing = await readFile(join(root, path), 'utf8').catch(() => undefined);
    statuses.set(path, existing === undefined ? 'created' : existing === contents ? 'unchanged' : 'replaced');
  }
  const changed = [...statuses].filter(([, status]) => status === 'replaced').map(([path]) => path);
  if (changed.length > 0 && !force)
    throw new ForgeError(
      'input.init-file-changed',
      `${changed.join(', ')} already ${changed.length === 1 ? 'exists' : 'exist'} in ${root} with other contents; nothing was written.`,
      {
        hint: 'Pass --force to replace them (your changes there are lost), or merge the template into your copy by hand (templates/ of odoo-forge).',
      },
    );
  for (const [path, contents] of files) {
    if (statuses.get(path) === 'unchanged') continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
  return statuses;
}

function report(io: CliIo, root: string, statuses: Map<string, FileStatus>, json: boolean): void {
  if (json) {
    const files = [...statuses].map(([path, status]) => ({ path, status }));
    io.out(`${JSON.stringify({ root, files }, null, 2)}\n`);
    return;
  }
  for (const [path, status] of statuses) io.out(`${status.padEnd(9)} ${path}\n`);
  io.out(
    [
      '',
      'Next: commit and push these files. The tests job runs on a Forge runner (a self-hosted',
      'runner with the odoo-forge label): docs/runners.md sets one up and ends with the branch',
      'rule that requires "Odoo Forge / lint" and "Odoo Forge / tests (<series>)".',
      '',
    ].join('\n'),
  );
}

/** origin's default branch (refs/remotes/origin/HEAD), else the branch checked out, else main. */
async function defaultBranch(root: string): Promise<string> {
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', ['-C', root, ...args]).catch(() => ({ stdout: '' }))).stdout.trim();
  const remoteHead = await git('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD');
  if (remoteHead) return remoteHead.replace(/^origin\//, '');
  return (await git('branch', '--show-current')) || 'main';
}

/** The `odoo:` series of an existing .github/odoo-forge.yml, else 18.0 (the app's default). */
async function configuredSeries(root: string): Promise<string> {
  const text = await readFile(join(root, CONFIG_PATH), 'utf8').catch(() => '');
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    throw new ForgeError('input.init-config', `${join(root, CONFIG_PATH)} is not valid YAML.`, {
      hint: 'Fix it, or pass --odoo 18.0 to choose the series yourself.',
    });
  }
  const odoo = (config as { odoo?: unknown } | null)?.odoo;
  return typeof odoo === 'string' || typeof odoo === 'number' ? String(odoo) : '18.0';
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** templates/ of the checkout, from the sources (tsx) or from dist/cli/commands/. */
function templatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../templates'), resolve(here, '../../../templates')];
  const found = candidates.find((dir) => existsSync(join(dir, 'workflows/odoo-forge.yml')));
  if (!found)
    throw new ForgeError('init.templates-missing', `No templates/ folder next to ${here}.`, {
      hint: 'Run odoo-forge from its checkout or package (templates/ ships with it).',
    });
  return found;
}
