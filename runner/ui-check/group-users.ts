import { randomBytes } from 'node:crypto';
import type { AddonGroup } from './addon-inventory.js';
import type { CallKw } from './odoo-json-rpc.js';

/** A user the browser check logs in as. */
export interface CheckUser {
  login: string;
  password: string;
  /** `admin`, or the group's full name. */
  label: string;
}

/**
 * One internal user per group of the addon, created (or reset) in the checked database through
 * JSON-RPC as the admin, all at once: login `forge_check_<group>`, a fresh password, the group
 * (and Odoo adds what it implies) plus `base.group_user`.
 */
export async function createGroupUsers(call: CallKw, groups: readonly AddonGroup[]): Promise<CheckUser[]> {
  const [internal] = await call<{ res_id: number }[]>(
    'ir.model.data',
    'search_read',
    [
      [
        ['module', '=', 'base'],
        ['name', '=', 'group_user'],
      ],
    ],
    { fields: ['res_id'] },
  );
  // At once: each create hashes its password, Odoo's slowest part of it.
  return Promise.all(
    groups.map(async (group) => {
      const login = `forge_check_${group.xmlId.replace(/\W/g, '_')}`;
      const password = randomBytes(12).toString('hex');
      const values = {
        name: `Forge check: ${group.name}`,
        login,
        password,
        groups_id: [[6, 0, [group.id, ...(internal ? [internal.res_id] : [])]]],
      };
      const existing = await call<number[]>('res.users', 'search', [[['login', '=', login]]]);
      if (existing.length > 0) await call('res.users', 'write', [existing, values]);
      else await call('res.users', 'create', [values]);
      return { login, password, label: group.name };
    }),
  );
}

/** Every group of the user (Odoo stores the implied ones too). */
export async function groupsOf(call: CallKw, login: string): Promise<number[]> {
  const [user] = await call<{ groups_id: number[] }[]>(
    'res.users',
    'search_read',
    [[['login', '=', login]]],
    {
      fields: ['groups_id'],
    },
  );
  return user?.groups_id ?? [];
}
