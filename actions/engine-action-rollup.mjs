// The rollup config shared by the actions that reach the container engine through dockerode
// (actions/test, actions/deploy); each action's own rollup.config.mjs adds only what it differs in.
// - dockerode's ssh2 and cpu-features load native addons (`*.node`) inside try/catch: they are
//   replaced by an empty ES module, so ssh2 falls back to its JavaScript crypto (Forge talks to
//   the engine over a unix socket or TCP, never SSH); the root config's CommonJS stand-in does
//   not load in an ES bundle;
// - the bundle is ESM but keeps CommonJS `require`, `__dirname` and `__filename` for the modules
//   that use them at run time (a banner defines them);
// - playwright-core (the browser checks, runner/ui-check) cannot be bundled (it reads its own
//   package.json and files at run time, and Playwright does not support bundling): Playwright's
//   own published files (already bundled by Playwright, no dependencies) are copied next to the
//   bundle, to dist/vendor/playwright-core, and the bundle imports them by that relative path, so
//   the action runs from its own folder on a runner where no node_modules exist (docs/actions.md).
//   Its trace viewer (lib/vite) is left out: the browser check never opens it.
//   runner/addon-reader/python_facts.py (run by python3 to read manifests) is copied next to the
//   bundle for the same reason.
import { cpSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

const PLAYWRIGHT = 'node_modules/playwright-core';
/** What of playwright-core runs `chromium.launch`: its package files and lib/ without the trace viewer. */
const vendoredFile = (path) => {
  const inside = relative(PLAYWRIGHT, path);
  if (inside === '') return true;
  const top = inside.split(sep)[0];
  if (top === 'lib') return !inside.startsWith(join('lib', 'vite'));
  return [
    'package.json',
    'index.js',
    'index.mjs',
    'browsers.json',
    'LICENSE',
    'NOTICE',
    'ThirdPartyNotices.txt',
  ].includes(top);
};
/** Copies playwright-core and python_facts.py beside the bundle of action `name`. */
const besideBundle = (name) => ({
  name: 'forge-vendor-playwright-core',
  writeBundle() {
    const vendored = `actions/${name}/dist/vendor/playwright-core`;
    rmSync(vendored, { recursive: true, force: true });
    cpSync(PLAYWRIGHT, vendored, { recursive: true, filter: vendoredFile });
    // Read at run time by runner/addon-reader (its first place to look is next to the bundle).
    cpSync('runner/addon-reader/python_facts.py', `actions/${name}/dist/python_facts.py`);
  },
});
const isPlaywright = (id) => id === 'playwright-core' || id.startsWith('playwright-core/');
const playwrightPath = (id) => (id === 'playwright-core' ? './vendor/playwright-core/index.mjs' : id);

/**
 * One rollup config per entry of an engine action.
 * playwright-core is vendored (see above) when the main entry (dist/index.js) is written.
 * @param {{ name: string, entries: { input: string, file: string }[] }} action
 */
export function engineActionConfigs({ name, entries }) {
  return entries.map(({ input, file }) => ({
    input,
    external: isPlaywright,
    output: {
      file,
      format: 'es',
      sourcemap: false,
      inlineDynamicImports: true,
      banner,
      paths: playwrightPath,
    },
    plugins: [
      ...(file.endsWith('index.js') ? [besideBundle(name)] : []),
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
