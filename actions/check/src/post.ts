import * as core from '@actions/core';
import { failAction } from '../../shared/fail-action.js';
import { completeCancelledCheck } from './complete-cancelled-check.js';

/**
 * Post step of actions/check (runs whatever happened, cancel included): a check run that main
 * started but never completed is completed `cancelled`, so no required check stays in progress.
 */
try {
  await completeCancelledCheck();
} catch (thrown) {
  failAction(core, thrown);
}
