/** State main saves for post (`core.saveState`): the check run's id, and whether main completed it. */
export const CHECK_RUN_STATE = 'check-run-id';
export const CHECK_RUN_DONE_STATE = 'check-run-done';
