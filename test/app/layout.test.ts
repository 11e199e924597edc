import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Files of `dir` that import from one of `forbidden` (top-level folders of the repository). */
function offenders(dir: string, forbidden: string[]): string[] {
  const pattern = new RegExp(`from '(\\.\\./)+(${forbidden.join('|')})/`);
  return sources(dir).filter((path) => pattern.test(readFileSync(join(root, path), 'utf8')));
}

describe('the layout rules of CONTRIBUTING.md', () => {
  it('cli/ imports no app/: the drafter, the token budget and the default config are in core/', () => {
    assert.deepEqual(offenders('cli', ['app']), []);
  });
  it('core/ imports neither app/ nor runner/', () => {
    assert.deepEqual(offenders('core', ['app', 'runner', 'cli']), []);
  });
  it('runner/ imports no app/, app/ imports no runner/', () => {
    assert.deepEqual(offenders('runner', ['app']), []);
    assert.deepEqual(offenders('app', ['runner', 'cli']), []);
  });
});
