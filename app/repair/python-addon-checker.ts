import type { Logger } from 'probot';
import { checkFiles } from '../../core/checker/check-files.js';
import type { PythonFactsProvider } from '../../core/checker/python-facts.js';
import type { AddonChecker } from './repair-deps.js';
import { PythonProcessFacts } from './python-process-facts.js';

/** The Forge checker (core's rules) over an addon held in memory, Python parsed by `python`. */
export function pythonAddonChecker(python: PythonFactsProvider): AddonChecker {
  return async (files, module) => (await checkFiles(files, { module, python })).findings;
}

/**
 * The checker the deployed app gives the repair loop (docs/repair.md): core's checker with the
 * python3 parser. Probed once at start by parsing a one-line file; when that fails the app logs
 * ONE warning (what failed, that the repair loop will not call the model, what to install) and
 * answers undefined: deterministic fixes still run, a model's edits are never pushed unchecked.
 */
export async function startAddonChecker(python: string, log: Logger): Promise<AddonChecker | undefined> {
  try {
    const parser = new PythonProcessFacts({ python, timeoutMs: 30_000 });
    const facts = await parser.parseSources(new Map([['probe.py', 'x = 1\n']]));
    if (!facts.has('probe.py') || facts.get('probe.py')?.error)
      throw new Error(
        `the parser answered no facts for a one-line file: ${JSON.stringify([...facts.values()])}`,
      );
    return pythonAddonChecker(parser);
  } catch (thrown: unknown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    log.warn(
      { python, err: message },
      `repair checker unavailable: ${message}. The repair loop will not call the model (its edits ` +
        `could not be checked), only deterministic fixes are pushed. Install python3 ` +
        `(Debian: apt-get install python3) or set FORGE_PYTHON to a python3, then restart.`,
    );
    return undefined;
  }
}
