import type { AddonInput } from './addon-input.js';
import type { FindingSink } from './module-summary.js';

function dirOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Python syntax errors, and relative imports of module files that do not exist. */
export function checkPython(addon: AddonInput, sink: FindingSink): void {
  const dirs = new Set<string>();
  for (const path of addon.paths)
    for (let dir = dirOf(path); dir && !dirs.has(dir); dir = dirOf(dir)) dirs.add(dir);
  for (const [file, facts] of addon.python) {
    if (file === '__manifest__.py' || file === '__openerp__.py') continue;
    // Odoo imports tests only when it runs them, but a test run (`--test-tags`) that cannot
    // import them fails as a failed install does (exit 255 on 16.0, 17.0 and 18.0): an error too.
    const severity = 'error';
    if (facts.error) {
      sink({
        file,
        line: facts.error.line,
        column: facts.error.column,
        severity,
        rule: 'python-syntax-error',
        message: `${file} does not parse: ${facts.error.message}`,
      });
      continue;
    }
    const isInit = file === '__init__.py' || file.endsWith('/__init__.py');
    for (const imported of facts.imports ?? []) {
      let dir = dirOf(file);
      for (let level = 1; level < imported.level; level += 1) dir = dirOf(dir);
      const base = imported.module ? join(dir, imported.module.replace(/\./g, '/')) : undefined;
      const exists = (path: string): boolean =>
        addon.paths.has(`${path}.py`) || addon.paths.has(`${path}/__init__.py`);
      const isDir = (path: string): boolean => dirs.has(path);
      if (base !== undefined) {
        if (!exists(base) && !addon.paths.has(`${base}.so`) && !isDir(base)) {
          sink({
            file,
            line: imported.line,
            column: imported.column,
            severity,
            rule: 'python-import-missing',
            message: `${file} imports "${'.'.repeat(imported.level)}${imported.module}", but ${base}.py does not exist`,
          });
        }
        continue;
      }
      // `from . import x` outside an __init__.py may import a name of the package, not a file.
      if (!isInit) continue;
      for (const name of imported.names) {
        const target = join(dir, name);
        if (!exists(target) && !isDir(target)) {
          sink({
            file,
            line: imported.line,
            column: imported.column,
            severity,
            rule: 'python-import-missing',
            message: `${file} imports "${name}" from "${'.'.repeat(imported.level)}", but ${target}.py does not exist`,
          });
        }
      }
    }
  }
}
