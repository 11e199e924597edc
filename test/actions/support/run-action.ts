import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireNode24 } from '../../support/node24.js';
import { parseFileCommand, parseWorkflowAnnotations, type WorkflowAnnotation } from './workflow-commands.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A Node runtime to run the bundles with: the machine's (20) and the npm package's (24). */
export interface NodeRuntime {
  name: 'node20' | 'node24';
  path: string;
}

export const nodeRuntimes: NodeRuntime[] = [
  { name: 'node20', path: process.execPath },
  { name: 'node24', path: requireNode24() },
];

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT as the runner parses it. */
  outputs: Record<string, string>;
  /** What the step appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** GITHUB_STATE as the runner parses it (passed to post as STATE_<name>). */
  state: Record<string, string>;
  annotations: WorkflowAnnotation[];
  /** For each output naming a file that exists (e.g. `report`), the file's content (read before cleanup). */
  outputFiles: Record<string, string>;
}

export interface RunActionOptions {
  /** The folder under actions/, e.g. `check`. */
  action: string;
  /** Run the action from this folder (action.yml and dist/) instead of actions/<action>. */
  actionDir?: string;
  node: NodeRuntime;
  /** Inputs by name (`addons-path`), passed as INPUT_ADDONS-PATH as the runner does. */
  inputs: Record<string, string>;
  workspace: string;
  /** The pull_request (or push) payload written to GITHUB_EVENT_PATH. */
  event: Record<string, unknown>;
  eventName?: string;
  /** GITHUB_API_URL: the fake's base URL. */
  apiUrl: string;
  repository: string;
  sha: string;
  runId?: number;
  env?: Record<string, string>;
  /** Kill the step after this many ms (default 120 s). */
  timeoutMs?: number;
  /**
   * When this resolves while main runs, main gets SIGINT, as the runner cancels a job; post
   * runs after it all the same.
   */
  cancelMain?: Promise<unknown>;
}

export interface ActionRun {
  main: StepResult;
  /** The post step, when the action declares `post:`. */
  post?: StepResult;
}

/** INPUT_<NAME>: upper case, spaces to `_` (dashes stay, as in the runner). */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
  );
}

function runStep(
  node: string,
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  cancel?: Promise<unknown>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], {
      env,
      cwd: env.GITHUB_WORKSPACE,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    void cancel?.then(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function readIfThere(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Runs an action's bundle as the Actions runner does: `node actions/<name>/dist/index.js` with
 * the runner's environment (INPUT_*, GITHUB_* files and URLs, RUNNER_TEMP), then, when the
 * action.yml declares `post:`, `dist/post.js` with the state main saved (STATE_<name>). The
 * runner's files live in a temporary folder removed afterwards.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'forge-action-run-'));
  try {
    const files = {
      event: join(dir, 'event.json'),
      output: join(dir, 'output'),
      summary: join(dir, 'summary.md'),
      state: join(dir, 'state'),
      env: join(dir, 'env'),
      temp: join(dir, 'temp'),
    };
    writeFileSync(files.event, JSON.stringify(options.event));
    for (const file of [files.output, files.summary, files.state, files.env]) writeFileSync(file, '');
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      RUNNER_TEMP: files.temp,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: options.repository,
      GITHUB_SHA: options.sha,
      GITHUB_RUN_ID: String(options.runId ?? 4242),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'forge',
      GITHUB_ACTION: options.action,
      ...inputEnv(options.inputs),
      ...options.env,
    };
    mkdirSync(files.temp, { recursive: true });
    const actionDir = options.actionDir ?? join(repoRoot, 'actions', options.action);
    const timeoutMs = options.timeoutMs ?? 120_000;
    const main = await step(
      options.node.path,
      join(actionDir, 'dist', 'index.js'),
      base,
      files,
      timeoutMs,
      options.cancelMain,
    );
    const actionYml = readFileSync(join(actionDir, 'action.yml'), 'utf8');
    if (!/^\s+post:/m.test(actionYml)) return { main };
    for (const file of [files.output, files.summary]) writeFileSync(file, '');
    const stateEnv = Object.fromEntries(
      Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]),
    );
    const post = await step(
      options.node.path,
      join(actionDir, 'dist', 'post.js'),
      { ...base, ...stateEnv },
      files,
      timeoutMs,
    );
    return { main, post };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function step(
  node: string,
  script: string,
  env: NodeJS.ProcessEnv,
  files: { output: string; summary: string; state: string },
  timeoutMs: number,
  cancel?: Promise<unknown>,
): Promise<StepResult> {
  writeFileSync(files.state, '');
  const { code, stdout, stderr } = await runStep(node, script, env, timeoutMs, cancel);
  const outputs = parseFileCommand(readIfThere(files.output));
  const outputFiles: Record<string, string> = {};
  for (const [name, value] of Object.entries(outputs))
    if (value.startsWith('/') && existsSync(value) && statSync(value).isFile())
      outputFiles[name] = readFileSync(value, 'utf8');
  return {
    exitCode: code,
    stdout,
    stderr,
    outputs,
    outputFiles,
    summary: readIfThere(files.summary),
    state: parseFileCommand(readIfThere(files.state)),
    annotations: parseWorkflowAnnotations(stdout),
  };
}

/**
 * A copy of actions/<name> (action.yml and dist/) in a temporary folder with no node_modules in
 * it or above it, as the runner checks an action out: what the bundle imports must come with it.
 */
export function copyActionOutsideRepo(name: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), `forge-action-copy-${name}-`));
  const dir = join(root, 'actions', name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(repoRoot, 'actions', name, 'action.yml'), join(dir, 'action.yml'));
  cpSync(join(repoRoot, 'actions', name, 'dist'), join(dir, 'dist'), { recursive: true });
  for (let up = dir; ; up = dirname(up)) {
    if (existsSync(join(up, 'node_modules')))
      throw new Error(
        `${join(up, 'node_modules')} exists: the copy of actions/${name} would resolve from it`,
      );
    if (dirname(up) === up) break;
  }
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
