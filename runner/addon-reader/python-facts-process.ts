import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { PythonFactsProvider, PythonFileFacts } from '../../core/checker/python-facts.js';
import { PythonFactsCache } from './python-facts-cache.js';

/** Where python_facts.py is, from the source tree or from dist/. */
function scriptPath(): string {
  const candidates = [
    fileURLToPath(new URL('./python_facts.py', import.meta.url)),
    fileURLToPath(new URL('../../../runner/addon-reader/python_facts.py', import.meta.url)),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new ForgeError(
      'checker.python-script-missing',
      `python_facts.py not found (looked in ${candidates.join(', ')})`,
    );
  return found;
}

/** Debian's python3 first (what Odoo runs on), else the one on PATH. `FORGE_PYTHON` overrides. */
export function defaultPython(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FORGE_PYTHON) return env.FORGE_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

interface Request {
  files?: string[];
  sources?: { path: string; content: string }[];
}

/**
 * One python process. Its output goes to a temporary file, not a pipe, so that it never waits
 * for this (possibly busy) event loop to read.
 */
function runOne(python: string, request: Request, stats?: PythonFactsStats): Promise<PythonFileFacts[]> {
  const dir = mkdtempSync(join(tmpdir(), 'forge-pyfacts-'));
  const outFile = join(dir, 'facts.jsonl');
  const fd = openSync(outFile, 'w');
  const cleanup = (): void => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise<PythonFileFacts[]>((resolve, reject) => {
    const child = spawn(python, ['-X', 'utf8', scriptPath()], { stdio: ['pipe', fd, 'pipe'] });
    const err: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        new ForgeError('checker.python-unavailable', `cannot run ${python}: ${error.message}`, {
          hint: 'install python3 or set FORGE_PYTHON',
        }),
      ),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        reject(
          new ForgeError(
            'checker.python-failed',
            `${python} python_facts.py exited with ${code}: ${Buffer.concat(err).toString().slice(-2000)}`,
          ),
        );
        return;
      }
      const cpu = /FORGE_CPU ([\d.]+)/.exec(Buffer.concat(err).toString());
      if (stats && cpu) stats.pythonCpuSeconds += Number(cpu[1]);
      const lines = readFileSync(outFile, 'utf8').split('\n').filter(Boolean);
      resolve(lines.map((line) => JSON.parse(line) as PythonFileFacts));
    });
    child.stdin?.end(JSON.stringify(request));
  }).finally(cleanup);
}

function split<T>(items: T[], parts: number, weight: (item: T) => number): T[][] {
  const buckets: { items: T[]; total: number }[] = Array.from({ length: Math.max(1, parts) }, () => ({
    items: [],
    total: 0,
  }));
  for (const item of items) {
    const lightest = buckets.reduce((a, b) => (b.total < a.total ? b : a));
    lightest.items.push(item);
    lightest.total += weight(item);
  }
  return buckets.map((bucket) => bucket.items).filter((bucket) => bucket.length > 0);
}

/** Filled in by the python runs: their CPU time, for benchmarks. */
export interface PythonFactsStats {
  pythonCpuSeconds: number;
}

export interface PythonFactsOptions {
  stats?: PythonFactsStats;
  python?: string;
  /** How many python processes run at once (default 2, the cores of a runner). */
  processes?: number;
  /** A folder where parse results are kept between runs (files on disk only); none by default. */
  cacheDir?: string;
}

/** Parses many files with a few python processes; the result is keyed by the given paths. */
export async function parsePythonFiles(
  paths: string[],
  options: PythonFactsOptions = {},
): Promise<Map<string, PythonFileFacts>> {
  const python = options.python ?? defaultPython();
  const cache = options.cacheDir
    ? new PythonFactsCache(options.cacheDir, readFileSync(scriptPath(), 'utf8'))
    : undefined;
  const out = new Map<string, PythonFileFacts>();
  const misses: string[] = [];
  for (const path of paths) {
    const cached = cache?.get(path);
    if (cached) out.set(path, cached);
    else misses.push(path);
  }
  if (misses.length > 0) {
    const parts = misses.length < 200 ? 1 : (options.processes ?? 2);
    const results = await Promise.all(
      split(misses, parts, () => 1).map((files) => runOne(python, { files }, options.stats)),
    );
    for (const facts of results.flat()) {
      out.set(facts.path, facts);
      cache?.set(facts.path, facts);
    }
    cache?.save();
  }
  return out;
}

/** The PythonFactsProvider of the pure checker, for files held in memory. */
export class ProcessPythonFacts implements PythonFactsProvider {
  constructor(private readonly options: PythonFactsOptions = {}) {}

  async parseSources(sources: Map<string, string>): Promise<Map<string, PythonFileFacts>> {
    const items = [...sources].map(([path, content]) => ({ path, content }));
    const python = this.options.python ?? defaultPython();
    const parts = items.length < 200 ? 1 : (this.options.processes ?? 2);
    const results = await Promise.all(
      split(items, parts, (item) => item.content.length).map((batch) =>
        runOne(python, { sources: batch }, this.options.stats),
      ),
    );
    return new Map(results.flat().map((facts) => [facts.path, facts]));
  }
}
