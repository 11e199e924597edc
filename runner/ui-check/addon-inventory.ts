import type { CallKw, Many2oneValue } from './odoo-json-rpc.js';

/**
 * What the browser check opens and expects, read from the installed addon through JSON-RPC (as
 * the admin): its menus and their window actions, its other window actions, its groups, and
 * the access rows of the models those actions show.
 */
export interface AddonAction {
  id: number;
  name: string;
  model: string;
  viewModes: string[];
}

export interface AddonMenu {
  id: number;
  /** `Library/Books`. */
  path: string;
  /** The top menu's name: the app the navbar shows. */
  app: string;
  parentId?: number;
  groupIds: number[];
  action?: AddonAction;
}

export interface AddonGroup {
  id: number;
  /** `library_loans.group_user`. */
  xmlId: string;
  name: string;
}

export interface AccessRow {
  model: string;
  /** Undefined: the row grants every user. */
  groupId?: number;
  read: boolean;
  write: boolean;
  create: boolean;
  unlink: boolean;
}

export interface AddonInventory {
  menus: AddonMenu[];
  /** Window actions of the modules that no menu of theirs opens. */
  otherActions: AddonAction[];
  groups: AddonGroup[];
  access: AccessRow[];
}

export type Permission = 'read' | 'write' | 'create' | 'unlink';

interface DataRow {
  module: string;
  name: string;
  res_id: number;
}

/**
 * `groups`: the modules' groups when the caller read them already (readAddonGroups), so that it
 * can create the group users while the rest is read.
 */
export async function readAddonInventory(
  call: CallKw,
  modules: readonly string[],
  groups?: Promise<AddonGroup[]>,
): Promise<AddonInventory> {
  const data = (model: string): Promise<DataRow[]> => dataRows(call, modules, model);
  const readMenus = async () => {
    const menuRows = await call<
      {
        id: number;
        complete_name: string;
        parent_id: Many2oneValue;
        action: string | false;
        groups_id: number[];
      }[]
    >('ir.ui.menu', 'read', [(await data('ir.ui.menu')).map((row) => row.res_id)], {
      fields: ['complete_name', 'parent_id', 'action', 'groups_id'],
    });
    const menuActionIds = menuRows.flatMap((menu) => actionId(menu.action));
    const ownActionIds = (await data('ir.actions.act_window')).map((row) => row.res_id);
    const actions = await readActions(call, [...new Set([...menuActionIds, ...ownActionIds])], menuActionIds);
    const menus = menuRows.map((menu): AddonMenu => {
      const action = actions.find((candidate) => candidate.id === actionId(menu.action)[0]);
      return {
        id: menu.id,
        path: menu.complete_name,
        app: menu.complete_name.split('/')[0] ?? menu.complete_name,
        ...(menu.parent_id ? { parentId: menu.parent_id[0] } : {}),
        groupIds: menu.groups_id,
        ...(action ? { action } : {}),
      };
    });
    return { menus, actions, menuActionIds, ownActionIds };
  };
  // The menus with their actions, and the groups: read at once.
  const [{ menus, actions, menuActionIds, ownActionIds }, addonGroups] = await Promise.all([
    readMenus(),
    groups ?? readAddonGroups(call, modules),
  ]);
  const access = await readAccess(call, [...new Set(actions.map((action) => action.model))]);
  return {
    menus,
    otherActions: actions.filter(
      (action) => ownActionIds.includes(action.id) && !menuActionIds.includes(action.id),
    ),
    groups: addonGroups,
    access,
  };
}

/** The modules' groups (their `res.groups` records), with their full names. */
export async function readAddonGroups(call: CallKw, modules: readonly string[]): Promise<AddonGroup[]> {
  const groupRows = await dataRows(call, modules, 'res.groups');
  const groupNames = await call<{ id: number; full_name: string }[]>(
    'res.groups',
    'read',
    [groupRows.map((row) => row.res_id)],
    { fields: ['full_name'] },
  );
  return groupRows.map((row) => ({
    id: row.res_id,
    xmlId: `${row.module}.${row.name}`,
    name: groupNames.find((group) => group.id === row.res_id)?.full_name ?? row.name,
  }));
}

/** The modules' records of `model` (their `ir.model.data` rows), in creation order. */
function dataRows(call: CallKw, modules: readonly string[], model: string): Promise<DataRow[]> {
  return call<DataRow[]>(
    'ir.model.data',
    'search_read',
    [
      [
        ['module', 'in', [...modules]],
        ['model', '=', model],
      ],
    ],
    { fields: ['module', 'name', 'res_id'], order: 'id' },
  );
}

/** Whether the access rows grant `permission` on `model` to a user of `groupIds` (all their groups). */
export function grants(
  access: readonly AccessRow[],
  model: string,
  groupIds: readonly number[],
  permission: Permission,
): boolean {
  return access.some(
    (row) =>
      row.model === model && row[permission] && (row.groupId === undefined || groupIds.includes(row.groupId)),
  );
}

/** Whether the menu and its parents in the addon let a user of `groupIds` see it (groups only). */
export function menuOpenTo(
  menus: readonly AddonMenu[],
  menu: AddonMenu,
  groupIds: readonly number[],
): boolean {
  for (
    let current: AddonMenu | undefined = menu;
    current;
    current = menus.find((m) => m.id === current?.parentId)
  ) {
    if (current.groupIds.length > 0 && !current.groupIds.some((id) => groupIds.includes(id))) return false;
  }
  return true;
}

function actionId(reference: string | false): number[] {
  const match = reference ? /^ir\.actions\.act_window,(\d+)$/.exec(reference) : null;
  return match ? [Number(match[1])] : [];
}

/**
 * The window actions of `ids`, without the dialogs (`target: new`) no menu opens: a wizard's
 * action runs on the records it is opened from (active_ids), so it is not a page to check alone.
 * Nor the Settings app's pages (`target: inline`, res.config.settings): a settings form is saved
 * by execute(), never as a record, so the create step does not apply to it.
 */
async function readActions(call: CallKw, ids: number[], menuActionIds: number[]): Promise<AddonAction[]> {
  if (ids.length === 0) return [];
  const rows = await call<
    { id: number; name: string; res_model: string; view_mode: string; target: string | false }[]
  >('ir.actions.act_window', 'read', [ids], { fields: ['name', 'res_model', 'view_mode', 'target'] });
  const checked = rows.filter(
    (row) =>
      (row.target !== 'new' || menuActionIds.includes(row.id)) &&
      row.target !== 'inline' &&
      row.res_model !== 'res.config.settings',
  );
  return checked.map((row) => ({
    id: row.id,
    name: row.name,
    model: row.res_model,
    viewModes: row.view_mode.split(',').map((mode) => (mode.trim() === 'tree' ? 'list' : mode.trim())),
  }));
}

async function readAccess(call: CallKw, models: string[]): Promise<AccessRow[]> {
  if (models.length === 0) return [];
  const modelIds = await call<{ id: number; model: string }[]>(
    'ir.model',
    'search_read',
    [[['model', 'in', models]]],
    {
      fields: ['model'],
    },
  );
  const rows = await call<
    {
      model_id: Many2oneValue;
      group_id: Many2oneValue;
      perm_read: boolean;
      perm_write: boolean;
      perm_create: boolean;
      perm_unlink: boolean;
    }[]
  >('ir.model.access', 'search_read', [[['model_id', 'in', modelIds.map((row) => row.id)]]], {
    fields: ['model_id', 'group_id', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink'],
  });
  return rows.map((row) => ({
    model: modelIds.find((model) => row.model_id && model.id === row.model_id[0])?.model ?? '',
    ...(row.group_id ? { groupId: row.group_id[0] } : {}),
    read: row.perm_read,
    write: row.perm_write,
    create: row.perm_create,
    unlink: row.perm_unlink,
  }));
}
