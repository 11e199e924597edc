import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The build context of app/Containerfile, as docs/github-app.md describes it: the Containerfile,
 * package*.json, templates/, the built dist/, the production dependencies (`npm ls --omit=dev`),
 * this machine's Node binary and the checker's Python parser (runner/addon-reader/python_facts.py).
 * Returns the folder (the caller removes it).
 */
export async function appImageContext(): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'forge-app-image-'));
  for (const name of ['package.json', 'package-lock.json', 'templates', 'dist'])
    await cp(join(root, name), join(context, name), { recursive: true });
  await cp(join(root, 'app/Containerfile'), join(context, 'Containerfile'));
  const parser = 'runner/addon-reader/python_facts.py';
  await mkdir(join(context, 'runner/addon-reader'), { recursive: true });
  await cp(join(root, parser), join(context, parser));
  await cp(process.execPath, join(context, 'node'));
  const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const dirs = [...new Set(stdout.split('\n').filter((line) => line.startsWith(join(root, 'node_modules'))))]
    .map((dir) => relative(root, dir))
    .sort();
  // A package inside an already copied one (nested node_modules) comes with it.
  const tops = dirs.filter(
    (dir, index) => !dirs.slice(0, index).some((top) => dir.startsWith(`${top}${sep}`)),
  );
  await mkdir(join(context, 'node_modules'), { recursive: true });
  for (const dir of tops)
    await cp(join(root, dir), join(context, dir), { recursive: true, verbatimSymlinks: true });
  return context;
}
