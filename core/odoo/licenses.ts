/** The licenses Odoo's manifest loader accepts (odoo/modules/module.py), for specs and the checker. */
export const ODOO_LICENSES = [
  'GPL-2',
  'GPL-2 or any later version',
  'GPL-3',
  'GPL-3 or any later version',
  'AGPL-3',
  'LGPL-3',
  'Other OSI approved licence',
  'OEEL-1',
  'OPL-1',
  'Other proprietary',
] as const;
