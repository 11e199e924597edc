import { spawn } from 'node:child_process';

/**
 * Checks many Python sources with ONE real Python process: each module is parsed with
 * `ast.parse` (then compiled, which also catches what only the compiler refuses, such as
 * `return` outside a function), each expression with `ast.parse(mode="eval")`, and each
 * manifest is read with `ast.literal_eval` as Odoo reads it.
 */
export interface PythonJob {
  /** Any label that names the source in failures, e.g. `<spec 12> models/foo.py`. */
  path: string;
  source: string;
  /**
   * module: a .py file; expression: a Python expression (domains, attrs); manifest:
   * __manifest__.py; literal: a Python literal whose value is returned (as JSON).
   */
  kind: 'module' | 'expression' | 'manifest' | 'literal';
  /** Oldest Python the code must parse with (Odoo 16 runs on 3.7+, 17 and 18 on 3.10+). */
  minPython?: [number, number];
}

export interface PythonResult {
  path: string;
  /** The SyntaxError (or other) message; absent when the source is fine. */
  error?: string;
  /** For a manifest: its keys, as JSON. */
  manifest?: Record<string, unknown>;
  /** For a literal: its value, as JSON. */
  value?: unknown;
}

const SCRIPT = String.raw`
import ast, json, sys

def check(job):
    out = {"path": job["path"]}
    source = job["source"]
    version = tuple(job.get("minPython") or (3, 10))
    try:
        if job["kind"] == "expression":
            ast.parse(source, mode="eval", feature_version=version)
        elif job["kind"] == "literal":
            out["value"] = ast.literal_eval(source)
        else:
            ast.parse(source, filename=job["path"], feature_version=version)
            compile(source, job["path"], "exec", dont_inherit=True)
            if job["kind"] == "manifest":
                value = ast.literal_eval(source)  # as Odoo reads a manifest
                if not isinstance(value, dict):
                    raise ValueError("the manifest is not a dict")
                out["manifest"] = value
    except Exception as error:  # noqa: BLE001 - every failure is reported, none is fatal
        out["error"] = "%s: %s" % (type(error).__name__, error)
    return out

jobs = json.load(sys.stdin)
json.dump([check(job) for job in jobs], sys.stdout)
`;

/** The interpreter: FORGE_PYTHON, else `python3` on PATH. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env['FORGE_PYTHON'] ?? 'python3';
}

/** Runs every job in one `python3` process and returns one result per job, in order. */
export function checkPythonBatch(jobs: readonly PythonJob[]): Promise<PythonResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(pythonCommand(), ['-X', 'utf8', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new Error(`cannot run ${pythonCommand()}: ${error.message} (set FORGE_PYTHON to a python3)`)),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${pythonCommand()} exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      const results = JSON.parse(Buffer.concat(out).toString('utf8')) as PythonResult[];
      if (results.length !== jobs.length)
        reject(new Error(`python answered ${results.length} results for ${jobs.length} jobs`));
      else resolve(results);
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}
