/** What a deploy does to each addon of the release. */
export interface UpdatePlan {
  /** Not installed in the database: `-i`. */
  install: string[];
  /** Installed, and its content differs from what was deployed before: `-u`. */
  update: string[];
  /** Installed and the same as before: left alone. */
  unchanged: string[];
}

/**
 * `-i` the release's addons the database does not have installed, `-u` the installed ones whose
 * content changed since the last deploy (or that no deploy recorded), and nothing else.
 */
export function planUpdate(
  release: Record<string, string>,
  deployed: Record<string, string>,
  installed: ReadonlySet<string>,
): UpdatePlan {
  const plan: UpdatePlan = { install: [], update: [], unchanged: [] };
  for (const name of Object.keys(release).sort()) {
    if (!installed.has(name)) plan.install.push(name);
    else if (deployed[name] !== release[name]) plan.update.push(name);
    else plan.unchanged.push(name);
  }
  return plan;
}

/** Odoo's `adapt_version`: a manifest version without the series gets it in front (`1.2` → `18.0.1.2`). */
export function installedVersionOf(manifestVersion: string | undefined, series: string): string {
  const version = manifestVersion ?? '1.0';
  return version === series || !version.startsWith(`${series}.`) ? `${series}.${version}` : version;
}
