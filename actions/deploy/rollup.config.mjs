// Bundles actions/deploy: src/main.ts → dist/index.js, src/post.ts → dist/post.js. Like
// actions/test (whose config this follows), it reaches the container engine through dockerode:
// - dockerode's ssh2 and cpu-features load native addons (`*.node`) inside try/catch: they are
//   replaced by an empty ES module, so ssh2 falls back to its JavaScript crypto (Forge talks to
//   the engine over a unix socket or TCP, never SSH); the root config's CommonJS stand-in does
//   not load in an ES bundle;
// - the bundle is ESM but keeps CommonJS `require`, `__dirname` and `__filename` for the modules
//   that use them at run time (a banner defines them).
// Built by the root `npm run bundle` (FORGE_ACTIONS=deploy for this one only).
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const NO_NATIVE = '\0forge-no-native-addon';

/** Native addons and the packages that only wrap one: an empty module instead. */
const noNativeAddons = {
  name: 'forge-no-native-addons',
  resolveId(id) {
    return id.endsWith('.node') || id === 'cpu-features' ? NO_NATIVE : null;
  },
  load(id) {
    return id === NO_NATIVE ? 'export default undefined;' : null;
  },
};

const banner = [
  "import { createRequire as __forgeCreateRequire } from 'node:module';",
  "import { fileURLToPath as __forgeFileURLToPath } from 'node:url';",
  "import { dirname as __forgeDirname } from 'node:path';",
  'const require = __forgeCreateRequire(import.meta.url);',
  'const __filename = __forgeFileURLToPath(import.meta.url);',
  'const __dirname = __forgeDirname(__filename);',
].join('\n');

const entries = [
  { input: 'actions/deploy/src/main.ts', file: 'actions/deploy/dist/index.js' },
  { input: 'actions/deploy/src/post.ts', file: 'actions/deploy/dist/post.js' },
];

export default entries.map(({ input, file }) => ({
  input,
  output: { file, format: 'es', sourcemap: false, inlineDynamicImports: true, banner },
  plugins: [
    noNativeAddons,
    // Type checking is `npm run typecheck`'s job; the bundle only transpiles, as the root config does.
    typescript({
      tsconfig: 'tsconfig.actions.json',
      module: 'NodeNext',
      noCheck: true,
      outDir: 'actions/deploy/dist',
    }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    // undici requires node:crypto and node:http2 inside try/catch: import those.
    commonjs({ ignoreTryCatch: (id) => !id.startsWith('node:') }),
    json(),
  ],
  onwarn(warning, warn) {
    if (['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED', 'EVAL'].includes(warning.code)) return;
    warn(warning);
  },
}));
