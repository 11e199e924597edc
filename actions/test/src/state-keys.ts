/** Names of the values main saves for post (core.saveState / core.getState). */
export const StateKey = { owner: 'owner', mode: 'mode', stacks: 'stacks', workDir: 'work-dir' } as const;
