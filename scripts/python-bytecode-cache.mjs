// One bytecode cache for every Python the tests start (Odoo, the checker's Python, Swift), outside
// the source trees: PYTHONPYCACHEPREFIX. The Odoo trees are read-only and the runner starts Odoo with
// PYTHONDONTWRITEBYTECODE=1, so without it every Odoo process compiles Odoo's Python again (about a
// second of CPU per process, and CI starts hundreds). `compileall` fills the cache once for the
// Odoo trees and for the interpreters' own library folders (a prefix hides their __pycache__).
// A .pyc is checked against its source's mtime and size as usual, so a stale one is never used.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The interpreter the runner starts Odoo with (runner/local-odoo), else the one on PATH. */
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** Never imported by the tests: the standard library's own test suite and IDLE. */
const unused = String.raw`/python3\.\d+/(test|idlelib|lib2to3/tests)/`;

/** The Odoo trees the tests are given (ODOO_SRC, ODOO_SRC_16/17/18). */
function odooTrees(env) {
  const roots = Object.entries(env)
    .filter(([name, value]) => /^ODOO_SRC(_\d+)?$/.test(name) && value)
    .map(([, value]) => resolve(value));
  return [...new Set(roots)].flatMap((root) =>
    ['odoo', 'addons'].map((dir) => join(root, dir)).filter((dir) => existsSync(dir)),
  );
}

/** The existing folders on an interpreter's sys.path, or [] when there is no such interpreter. */
async function libraryFolders(python, env) {
  try {
    const { stdout } = await run(python, ['-c', 'import sys; print("\\n".join(p for p in sys.path if p))'], {
      env,
      timeout: 30_000,
    });
    return stdout.split('\n').filter((dir) => dir.startsWith('/') && existsSync(dir));
  } catch {
    return [];
  }
}

/**
 * Sets PYTHONPYCACHEPREFIX in `env` (unless it is set, or FORGE_PYCACHE=0) and starts filling that
 * cache in the background, at a low priority; a cache already filled for the same folders is kept
 * as it is (each .pyc is checked against its source anyway). `finish()` resolves to a line for the
 * test report; a fill still running then is stopped (a .pyc is written whole or not at all);
 * `filled` waits for the fill instead.
 */
export function startPythonBytecodeCache(env = process.env) {
  const done = (line) => ({ filled: Promise.resolve(line), finish: () => Promise.resolve(line) });
  if (env.FORGE_PYCACHE === '0') return done('Python bytecode cache: off (FORGE_PYCACHE=0).');
  if (env.PYTHONPYCACHEPREFIX)
    return done(`Python bytecode cache: ${env.PYTHONPYCACHEPREFIX} (given, not filled here).`);
  const prefix = join(tmpdir(), 'odoo-forge-pycache');
  env.PYTHONPYCACHEPREFIX = prefix;
  const compileEnv = { ...env, PYTHONPYCACHEPREFIX: prefix };
  delete compileEnv.PYTHONDONTWRITEBYTECODE;
  const stamp = join(prefix, 'filled.json');
  let child;
  let stopped = false;
  const filling = (async () => {
    const started = Date.now();
    const folders = [...new Set([...(await libraryFolders(python, compileEnv)), ...odooTrees(env)])];
    const key = JSON.stringify({ python, folders });
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key)
      return `Python bytecode cache: ${prefix} (filled before for these ${folders.length} folders).`;
    // Files that do not compile (Python 2 leftovers in some packages) are left out by compileall
    // itself; its exit code says only that some did not.
    if (stopped) return `Python bytecode cache: ${prefix} (not filled: the tests ended first).`;
    const code = await new Promise((resolveCode) => {
      const args = ['-n', '10', python, '-m', 'compileall', '-q', '-j', '0', '-x', unused, ...folders];
      child = spawn('nice', args, { env: compileEnv, stdio: 'ignore' });
      child.on('error', () => resolveCode(null));
      child.on('close', (exit) => resolveCode(exit));
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (stopped)
      return `Python bytecode cache: ${prefix} (partly filled: stopped after ${seconds} s with the tests).`;
    if (code === null)
      return `Python bytecode cache: ${prefix} not filled (${python} -m compileall did not run).`;
    mkdirSync(prefix, { recursive: true });
    writeFileSync(stamp, key);
    return `Python bytecode cache: ${prefix} (${folders.length} folders filled in ${seconds} s).`;
  })();
  return {
    filled: filling,
    finish: () => {
      stopped = true;
      child?.kill();
      return filling;
    },
  };
}

// `node scripts/python-bytecode-cache.mjs`: fill the cache now and wait (.ci/run does it while the
// images build, so that the first Odoo processes of `npm test` find it filled).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const cache = startPythonBytecodeCache(process.env);
  console.log(await cache.filled);
}
