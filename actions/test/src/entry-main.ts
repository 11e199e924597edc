import * as core from '@actions/core';
import { failAction } from '../../shared/fail-action.js';
import { readTestInputs } from './inputs.js';
import { runTestAction } from './run-test.js';

/** Entry of actions/test: reads the inputs, tests the touched addons per Odoo series, reports. */
try {
  await runTestAction(readTestInputs(core));
} catch (thrown) {
  failAction(core, thrown);
}
