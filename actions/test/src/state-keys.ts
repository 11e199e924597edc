/** Names of the values main saves for post (core.saveState / core.getState). */
export const StateKey = {
  owner: 'owner',
  mode: 'mode',
  stacks: 'stacks',
  workDir: 'work-dir',
  /** 'true' once main has removed every stack it started (post then has nothing to do). */
  cleanedUp: 'cleaned-up',
} as const;
