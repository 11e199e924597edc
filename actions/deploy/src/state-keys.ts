/** Names of the values main saves for post (core.saveState / core.getState). */
export const StateKey = {
  deploymentId: 'deployment-id',
  environment: 'environment',
  /** `true` once main posted the deployment's final status. */
  done: 'done',
} as const;
