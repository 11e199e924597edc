// Bundles every JavaScript action: actions/<name>/src/main.ts → actions/<name>/dist/index.js and,
// where the action has one, src/post.ts → dist/post.js. ESM, one self-contained file per entry,
// no source maps or timestamps, so a rebuild gives the same bytes (`.ci/run` checks it).
// An action that needs its own bundling (actions/<name>/rollup.config.mjs) is built by that
// config, from here too: `npm run bundle` rebuilds every action.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const selected = readdirSync('actions', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  // FORGE_ACTIONS=check,test rebuilds only those (while working on one); CI builds all.
  .filter((name) => !process.env.FORGE_ACTIONS || process.env.FORGE_ACTIONS.split(',').includes(name))
  .sort();
const ownConfig = (name) => `actions/${name}/rollup.config.mjs`;
const actions = selected.filter(
  (name) => existsSync(`actions/${name}/src/main.ts`) && !existsSync(ownConfig(name)),
);
const ownConfigs = [];
for (const name of selected.filter((n) => existsSync(ownConfig(n)))) {
  const loaded = await import(pathToFileURL(resolve(ownConfig(name))).href);
  ownConfigs.push(...[loaded.default].flat());
}

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

/**
 * runner/addon-reader runs python_facts.py (python3 reads the manifests) and looks for it next to
 * the bundle first: copied there, the action also runs from a copy of its own folder.
 */
const pythonFactsBeside = (name) => ({
  name: 'forge-python-facts-beside-bundle',
  writeBundle() {
    copyFileSync('runner/addon-reader/python_facts.py', `actions/${name}/dist/python_facts.py`);
  },
});
/** The actions whose bundle reads addons with runner/addon-reader. */
const readsAddons = new Set(['check']);

const entries = actions.flatMap((name) => [
  { input: `actions/${name}/src/main.ts`, file: `actions/${name}/dist/index.js`, name },
  ...(existsSync(`actions/${name}/src/post.ts`)
    ? [{ input: `actions/${name}/src/post.ts`, file: `actions/${name}/dist/post.js` }]
    : []),
]);

const rootConfigs = entries.map(({ input, file, name }) => ({
  input,
  output: { file, format: 'es', sourcemap: false, inlineDynamicImports: true },
  plugins: [
    ...(name && readsAddons.has(name) ? [pythonFactsBeside(name)] : []),
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

export default [...rootConfigs, ...ownConfigs];
