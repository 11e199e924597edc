/** The check run of the upgrade stage: `Odoo Forge / upgrade (18.0)`. */
export function upgradeCheckName(series: string): string {
  return `Odoo Forge / upgrade (${series})`;
}
