/**
 * Which community module brings a well-known Odoo model, and what the usual modules depend on
 * (Odoo 16-18, simplified to what matters for reaching a model). Used to ask for a missing
 * `depends` entry before Odoo fails the install on an unknown comodel. Deliberately partial:
 * a model or module outside these tables is never reported.
 */

/** Model name prefixes → the module that defines them (longest prefix wins). */
const MODEL_PREFIXES: Readonly<Record<string, string>> = {
  'res.': 'base',
  'ir.': 'base',
  'mail.': 'mail',
  'uom.': 'uom',
  'product.': 'product',
  'account.analytic.': 'analytic',
  'account.': 'account',
  'sale.': 'sale',
  'crm.team': 'sales_team',
  'crm.tag': 'sales_team',
  'crm.lead': 'crm',
  'crm.stage': 'crm',
  'stock.': 'stock',
  'purchase.': 'purchase',
  'mrp.': 'mrp',
  'hr.employee': 'hr',
  'hr.department': 'hr',
  'hr.job': 'hr',
  'project.': 'project',
  'calendar.': 'calendar',
  'resource.': 'resource',
  'event.': 'event',
  'fleet.': 'fleet',
  'maintenance.': 'maintenance',
  'utm.': 'utm',
};

/** Direct dependencies of the modules above (only the edges that lead to other modules here). */
const MODULE_DEPENDS: Readonly<Record<string, readonly string[]>> = {
  base: [],
  mail: ['base'],
  uom: ['base'],
  utm: ['base'],
  resource: ['base'],
  calendar: ['mail'],
  product: ['mail', 'uom'],
  analytic: ['mail', 'uom'],
  account: ['product', 'analytic'],
  sales_team: ['mail'],
  sale: ['sales_team', 'account', 'utm'],
  crm: ['sales_team', 'calendar', 'resource', 'utm'],
  stock: ['product'],
  purchase: ['account'],
  mrp: ['product', 'stock', 'resource'],
  hr: ['mail', 'resource'],
  project: ['analytic', 'mail', 'resource'],
  event: ['mail', 'utm'],
  fleet: ['mail'],
  maintenance: ['mail'],
  contacts: ['mail'],
};

/** The module that defines `model`, when the tables know it. */
export function moduleOfModel(model: string): string | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(MODEL_PREFIXES)) {
    const matches = prefix.endsWith('.') ? model.startsWith(prefix) : model === prefix;
    if (matches && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : MODEL_PREFIXES[best];
}

/**
 * Every module reachable from `depends`, or undefined when one of them is not in the table
 * (it may depend on anything, so nothing can be concluded).
 */
export function reachableModules(depends: readonly string[]): ReadonlySet<string> | undefined {
  const reached = new Set<string>(['base']);
  const queue = [...depends];
  while (queue.length > 0) {
    const module = queue.pop() as string;
    if (reached.has(module) && module !== 'base') continue;
    const next = MODULE_DEPENDS[module];
    if (next === undefined) return undefined;
    reached.add(module);
    queue.push(...next.filter((name) => !reached.has(name)));
  }
  return reached;
}
