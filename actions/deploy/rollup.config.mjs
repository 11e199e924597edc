// Bundles actions/deploy: src/main.ts → dist/index.js, src/post.ts → dist/post.js, with the
// config shared by the engine actions (actions/engine-action-rollup.mjs: dockerode's native
// addons left out, CommonJS `require`/`__dirname` kept, playwright-core (the deploy health's
// browser check) and python_facts.py copied beside the bundle). Nothing else differs.
// Built by the root `npm run bundle` (FORGE_ACTIONS=deploy for this one only).
import { engineActionConfigs } from '../engine-action-rollup.mjs';

export default engineActionConfigs({
  name: 'deploy',
  entries: [
    { input: 'actions/deploy/src/main.ts', file: 'actions/deploy/dist/index.js' },
    { input: 'actions/deploy/src/post.ts', file: 'actions/deploy/dist/post.js' },
  ],
});
