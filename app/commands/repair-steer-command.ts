import { comment } from '../github/repo-target.js';
import type { ForgePull } from '../repair/forge-pull.js';
import { loadForgePull } from '../repair/forge-pull.js';
import type { RepairContext } from '../repair/run-repair.js';
import { noArguments, type ForgeCommand } from './forge-command.js';

/** What differs between `/fix` and `/stop`: the name, the help text, and the steering call. */
export interface RepairSteerCommandSpec {
  name: string;
  summary: string;
  whenCancelled: ForgeCommand['whenCancelled'];
  steer: (context: RepairContext, pull: ForgePull, sender: string) => Promise<unknown>;
}

/** A command that steers the repair loop of the Forge pull request it is commented on. */
export function repairSteerCommand(spec: RepairSteerCommandSpec): ForgeCommand {
  return {
    name: spec.name,
    synopsis: `/${spec.name}`,
    summary: spec.summary,
    requirement: 'write',
    whenCancelled: spec.whenCancelled,
    parse: noArguments(spec.name),
    run: async (context) => {
      const { target, config, deps } = context;
      const pull =
        context.pullNumber === undefined
          ? undefined
          : await loadForgePull(target, config, context.pullNumber);
      if (!pull) {
        await comment(
          target,
          context.threadNumber,
          `\`/${spec.name}\` works on an open pull request Odoo Forge opened: comment it there.`,
        );
        return;
      }
      await spec.steer(
        {
          target,
          config,
          deps: deps.repair ?? { repairer: undefined, checkAddon: undefined },
          generate: deps.generate,
        },
        pull,
        context.sender,
      );
    },
  };
}
