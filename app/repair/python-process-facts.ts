import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PythonFactsProvider, PythonFileFacts } from '../../core/checker/python-facts.js';
import { ForgeError } from '../../core/errors/forge-error.js';

/**
 * The checker's parser script: `runner/addon-reader/python_facts.py`, the one program that
 * writes core's `PythonFileFacts` (stdlib `ast`, it executes nothing it reads). The app runs it
 * as a file it ships (the app image copies it), it imports nothing from runner/. Candidates:
 * from the sources (`app/repair/`) and from the build (`dist/app/repair/`).
 */
export function parserScriptPath(): string {
  const candidates = [
    fileURLToPath(new URL('../../runner/addon-reader/python_facts.py', import.meta.url)),
    fileURLToPath(new URL('../../../runner/addon-reader/python_facts.py', import.meta.url)),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new ForgeError(
      'repair.parser-script-missing',
      `the checker's Python parser python_facts.py is missing (looked in ${candidates.join(', ')})`,
      { hint: 'ship runner/addon-reader/python_facts.py next to dist/ (the app image copies it)' },
    );
  return found;
}

export interface PythonProcessOptions {
  /** The python3 to run (FORGE_PYTHON, else Debian's /usr/bin/python3, else python3 on PATH). */
  python: string;
  /** The parser script (default: parserScriptPath()). */
  script?: string;
  /** A parse that takes longer is killed (default 60 s). */
  timeoutMs?: number;
}

/**
 * The app's `PythonFactsProvider`: one python3 process per call parses the sources held in
 * memory (a repair's patched addon: tens of files, so one process and a pipe are enough).
 */
export class PythonProcessFacts implements PythonFactsProvider {
  readonly python: string;
  readonly #script: string;
  readonly #timeoutMs: number;

  constructor(options: PythonProcessOptions) {
    this.python = options.python;
    this.#script = options.script ?? parserScriptPath();
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  parseSources(sources: Map<string, string>): Promise<Map<string, PythonFileFacts>> {
    const request = JSON.stringify({ sources: [...sources].map(([path, content]) => ({ path, content })) });
    return new Promise((resolve, reject) => {
      const child = spawn(this.python, ['-X', 'utf8', this.#script], {
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: this.#timeoutMs,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.stdin.on('error', () => undefined); // a python that died at once: reported by 'error'/'close'
      child.on('error', (error) =>
        reject(
          new ForgeError('repair.python-unavailable', `cannot run ${this.python}: ${error.message}`, {
            hint: 'install python3 (Debian: apt-get install python3) or set FORGE_PYTHON to one',
          }),
        ),
      );
      child.on('close', (code, signal) => {
        if (code !== 0) {
          const why = signal ? `was killed (${signal}, limit ${this.#timeoutMs} ms)` : `exited with ${code}`;
          reject(
            new ForgeError(
              'repair.python-failed',
              `${this.python} ${this.#script} ${why}: ${Buffer.concat(err).toString().slice(-2000)}`,
              { hint: 'the checker needs Python 3.8 or later with its standard library' },
            ),
          );
          return;
        }
        const lines = Buffer.concat(out).toString('utf8').split('\n').filter(Boolean);
        const facts = lines.map((line) => JSON.parse(line) as PythonFileFacts);
        resolve(new Map(facts.map((fact) => [fact.path, fact])));
      });
      child.stdin.end(request);
    });
  }
}
