// Bundles actions/test: src/entry-main.ts → dist/index.js, src/entry-post.ts → dist/post.js, with
// the config shared by the engine actions (actions/engine-action-rollup.mjs: dockerode's native
// addons left out, CommonJS `require`/`__dirname` kept, playwright-core and python_facts.py copied
// beside the bundle). Nothing else differs.
// Built by the root `npm run bundle` (FORGE_ACTIONS=test for this one only).
import { engineActionConfigs } from '../engine-action-rollup.mjs';

const entries = [
  { input: 'actions/test/src/entry-main.ts', file: 'actions/test/dist/index.js' },
  { input: 'actions/test/src/entry-post.ts', file: 'actions/test/dist/post.js' },
];

export default engineActionConfigs({ name: 'test', entries });
