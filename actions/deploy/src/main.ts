import * as core from '@actions/core';
import { failAction } from '../../shared/fail-action.js';
import { readDeployInputs } from './inputs.js';
import { runDeployAction } from './run-deploy.js';

/** Entry of actions/deploy: reads the inputs, runs the deployment's task on its environment. */
try {
  await runDeployAction(readDeployInputs(core));
} catch (thrown) {
  failAction(core, thrown);
}
