// The rollup config shared by the actions that reach the container engine through dockerode
// (actions/test, actions/deploy); each action's own rollup.config.mjs adds only what it differs in.
// - dockerode's ssh2 and cpu-features load native addons (`*.node`) inside try/catch: they are
//   replaced by an empty ES module, so ssh2 falls back to its JavaScript crypto (Forge talks to
//   the engine over a unix socket or TCP, never SSH); the root config's CommonJS stand-in does
//   not load in an ES bundle;
// - the bundle is ESM but keeps CommonJS `require`, `__dirname` and `__filename` for the modules
//   that use them at run time (a banner defines them).
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

/**
 * One rollup config per entry of an engine action.
 * @param {{ name: string, entries: { input: string, file: string }[],
 *   external?: (id: string) => boolean, paths?: (id: string) => string,
 *   extraPlugins?: (file: string) => object[] }} action
 */
export function engineActionConfigs({ name, entries, external, paths, extraPlugins }) {
  return entries.map(({ input, file }) => ({
    input,
    ...(external ? { external } : {}),
    output: {
      file,
      format: 'es',
      sourcemap: false,
      inlineDynamicImports: true,
      banner,
      ...(paths ? { paths } : {}),
    },
    plugins: [
      ...(extraPlugins ? extraPlugins(file) : []),
      noNativeAddons,
      // Type checking is `npm run typecheck`'s job; the bundle only transpiles, as the root config does.
      typescript({
        tsconfig: 'tsconfig.actions.json',
        module: 'NodeNext',
        noCheck: true,
        outDir: `actions/${name}/dist`,
      }),
      nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
      // undici requires node:crypto and node:http2 inside try/catch: import those; leave other
      // optional requires (ws's bufferutil, playwright's kerberos) to `require` at run time.
      commonjs({ ignoreTryCatch: (id) => !id.startsWith('node:') }),
      json(),
    ],
    onwarn(warning, warn) {
      if (['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED', 'EVAL'].includes(warning.code)) return;
      warn(warning);
    },
  }));
}
