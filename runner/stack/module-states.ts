import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { StackDatabase } from './odoo-container-command.js';
import type { OdooStack } from './odoo-stack.js';

/**
 * The `ir_module_module` state of each of `modules` in the stack's database (`installed`,
 * `uninstalled`, `to install`…; `absent` when Odoo does not know the module): the truth about
 * an install, whatever the log says. Read with psql in the stack's PostgreSQL container.
 */
export async function moduleStates(
  driver: ContainerDriver,
  stack: OdooStack,
  modules: readonly string[],
): Promise<Record<string, string>> {
  for (const module of modules) {
    if (!/^\w+$/.test(module))
      throw new ForgeError('input.modules', `"${module}" is not a module name.`, {
        hint: 'Module names are letters, digits and underscores.',
      });
  }
  const list = modules.map((m) => `'${m}'`).join(',');
  const ran = await driver.exec(stack.names.db, [
    'psql',
    '-U',
    StackDatabase.user,
    '-d',
    StackDatabase.name,
    '-tAc',
    `SELECT name || '=' || state FROM ir_module_module WHERE name IN (${list})`,
  ]);
  if (ran.exitCode !== 0) {
    throw new ForgeError(
      'stack.module-states',
      `Reading the module states in ${stack.names.db} failed (exit ${ran.exitCode}): ${ran.stderr.trim().slice(-300)}`,
    );
  }
  const states: Record<string, string> = Object.fromEntries(modules.map((m) => [m, 'absent']));
  for (const line of ran.stdout.split('\n')) {
    const [name, state] = line.trim().split('=');
    if (name && state && name in states) states[name] = state;
  }
  return states;
}
