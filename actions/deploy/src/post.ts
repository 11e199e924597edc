import * as core from '@actions/core';
import { toError } from '../../../core/errors/forge-error.js';
import { finishCancelledDeploy } from './cancelled-deploy.js';
import { readDeployInputs } from './inputs.js';

/** Post step of actions/deploy (runs whatever happened): rolls back a deploy main left unfinished. Only warns. */
try {
  core.info(await finishCancelledDeploy(readDeployInputs(core)));
} catch (thrown) {
  core.warning(`actions/deploy post: ${toError(thrown).message}`);
}
