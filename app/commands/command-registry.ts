import type { ForgeCommand } from './forge-command.js';

/** Maps a command name to its command; dispatch is a lookup, never an if/else chain. */
export class CommandRegistry {
  readonly #commands = new Map<string, ForgeCommand>();

  constructor(commands: ForgeCommand[]) {
    for (const command of commands) {
      if (this.#commands.has(command.name)) throw new Error(`command /${command.name} registered twice`);
      this.#commands.set(command.name, command);
    }
  }

  get(name: string): ForgeCommand | undefined {
    return this.#commands.get(name);
  }

  /** The usage table shown by `/help` and after an unknown command. */
  usage(): string {
    const rows = [...this.#commands.values()].map(
      (c) => `| \`${c.synopsis}\` | ${c.summary} | ${c.whoMay ?? whoMay(c)} |`,
    );
    return ['| Command | What it does | Who may |', '| --- | --- | --- |', ...rows].join('\n');
  }
}

function whoMay(command: ForgeCommand): string {
  switch (command.requirement) {
    case 'anyone':
      return 'anyone';
    case 'write':
      return 'write access';
    case 'approve':
      return 'write access (and `approvers` when configured)';
  }
}
