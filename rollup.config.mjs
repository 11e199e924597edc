// Bundles every JavaScript action: actions/<name>/src/main.ts → actions/<name>/dist/index.js and,
// where the action has one, src/post.ts → dist/post.js. ESM, one self-contained file per entry,
// no source maps or timestamps, so a rebuild gives the same bytes (`.ci/run` checks it).
// Build with `npm run bundle`.
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const actions = readdirSync('actions', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`actions/${entry.name}/src/main.ts`))
  .map((entry) => entry.name)
  // FORGE_ACTIONS=check,test rebuilds only those (while working on one); CI builds all.
  .filter((name) => !process.env.FORGE_ACTIONS || process.env.FORGE_ACTIONS.split(',').includes(name))
  .sort();

/**
 * A native addon (`*.node`, e.g. ssh2's optional crypto binding, required inside try/catch) can
 * not be bundled: it becomes a CommonJS module that throws when required, so the package takes
 * its JavaScript fallback, as it does where the binding was never built.
 */
const nativeAddonsUnbundled = {
  name: 'native-addons-unbundled',
  load(id) {
    if (!id.endsWith('.node')) return null;
    return `if (typeof module === 'object') throw new Error('native addon not bundled');\nmodule.exports = {};\n`;
  },
};

const entries = actions.flatMap((name) => [
  { input: `actions/${name}/src/main.ts`, file: `actions/${name}/dist/index.js` },
  ...(existsSync(`actions/${name}/src/post.ts`)
    ? [{ input: `actions/${name}/src/post.ts`, file: `actions/${name}/dist/post.js` }]
    : []),
]);

export default entries.map(({ input, file }) => ({
  input,
  output: { file, format: 'es', sourcemap: false, inlineDynamicImports: true },
  plugins: [
    nativeAddonsUnbundled,
    // Type checking is `npm run typecheck`'s job: the bundle only transpiles (noCheck), which keeps
    // a rebuild of every entry fast and its output independent of type errors elsewhere.
    typescript({
      tsconfig: 'tsconfig.actions.json',
      module: 'NodeNext',
      noCheck: true,
      outDir: dirname(file),
    }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    // undici requires node:crypto and node:http2 inside try/catch: import those (ESM has no
    // require); other optional requires in try/catch (ssh2's native crypto) stay optional.
    commonjs({ ignoreTryCatch: (id) => !id.startsWith('node:') }),
    json(),
  ],
  onwarn(warning, warn) {
    // The toolkit's own modules use `this` at the top level and circular imports: harmless.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
