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
  .sort();

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
    typescript({ tsconfig: 'tsconfig.actions.json', module: 'NodeNext', outDir: dirname(file) }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    // undici requires node:crypto and node:http2 inside try/catch: import them, ESM has no require.
    commonjs({ ignoreTryCatch: false }),
    json(),
  ],
  onwarn(warning, warn) {
    // The toolkit's own modules use `this` at the top level and circular imports: harmless.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
