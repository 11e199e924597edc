// Bundles actions/test: src/entry-main.ts → dist/index.js, src/entry-post.ts → dist/post.js, with
// the config shared by the engine actions (actions/engine-action-rollup.mjs: dockerode's native
// addons left out, CommonJS `require`/`__dirname` kept). What only actions/test needs:
// - playwright-core cannot be bundled (it reads its own package.json and files at run time, and
//   Playwright does not support bundling): Playwright's own published files (already bundled by
//   Playwright, no dependencies) are copied next to the bundle, to dist/vendor/playwright-core,
//   and the bundle imports them by that relative path, so the action runs from its own folder on
//   a runner where no node_modules exist (docs/actions.md, "actions/test"). Its trace viewer
//   (lib/vite) is left out: the browser check never opens it. runner/addon-reader/python_facts.py
//   (run by python3 to read manifests) is copied next to the bundle for the same reason.
// Build with `npx rollup --config actions/test/rollup.config.mjs`.
import { cpSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { engineActionConfigs } from '../engine-action-rollup.mjs';

const PLAYWRIGHT = 'node_modules/playwright-core';
const VENDORED = 'actions/test/dist/vendor/playwright-core';
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
const vendorPlaywright = {
  name: 'forge-vendor-playwright-core',
  writeBundle() {
    rmSync(VENDORED, { recursive: true, force: true });
    cpSync(PLAYWRIGHT, VENDORED, { recursive: true, filter: vendoredFile });
    // Read at run time by runner/addon-reader (its first place to look is next to the bundle).
    cpSync('runner/addon-reader/python_facts.py', 'actions/test/dist/python_facts.py');
  },
};
const isPlaywright = (id) => id === 'playwright-core' || id.startsWith('playwright-core/');

const entries = [
  { input: 'actions/test/src/entry-main.ts', file: 'actions/test/dist/index.js' },
  { input: 'actions/test/src/entry-post.ts', file: 'actions/test/dist/post.js' },
];

export default engineActionConfigs({
  name: 'test',
  entries,
  external: isPlaywright,
  paths: (id) => (id === 'playwright-core' ? './vendor/playwright-core/index.mjs' : id),
  extraPlugins: (file) => (file.endsWith('index.js') ? [vendorPlaywright] : []),
});
