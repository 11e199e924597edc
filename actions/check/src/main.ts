import * as core from '@actions/core';
import { failAction } from '../../shared/fail-action.js';
import { readCheckInputs, runCheckAction } from './run-check.js';

/** Entry of actions/check: reads the inputs, runs the checker over the touched addons. */
try {
  await runCheckAction(readCheckInputs());
} catch (thrown) {
  failAction(core, thrown);
}
