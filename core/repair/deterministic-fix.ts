import type { RepairFailure } from './repair-failure.js';

/** The addon a repair works on: its repository folder and files, and what the spec generates. */
export interface RepairAddon {
  /** Repository-relative folder of the addon (`addons/library_loans`). */
  root: string;
  /** Its files on the pull request's head, relative to `root`. */
  files: Map<string, string>;
  /** What the generator writes for the spec behind the pull request, relative to `root`; undefined for a hand-written addon. */
  generated: Map<string, string> | undefined;
}

/** One change a fix makes, said for the comment. */
export interface FixNote {
  failure: RepairFailure;
  what: string;
}

export interface FixResult {
  /** Repository path → new contents. */
  edits: Map<string, string>;
  notes: FixNote[];
  /** The failures no deterministic fix knows. */
  rest: RepairFailure[];
}

/** Checker rules whose failure the generated version of the named files cures. */
const RESTORABLE = new Set([
  'access-missing',
  'access-csv-header',
  'access-invalid-permission',
  'manifest-file-missing',
  'manifest-missing-key',
  'manifest-version-series',
  'manifest-unknown-license',
  'action-view-mode-tree',
  'view-unknown-type',
  'view-unknown-field',
  'view-button-method',
  'xml-not-well-formed',
  'xml-duplicate-id',
  'csv-invalid',
]);

/**
 * Fixes the checker findings it knows without a model. A generated addon gets the generator's
 * version of each file a finding names (and of the manifest and access file for a missing
 * file or access rule), but only where that version differs from the branch: a finding the
 * generator itself produces is left to the model. A hand-written addon gets minimal patches: a
 * missing access row, a `tree` view mode renamed `list`.
 */
export function deterministicFix(failures: readonly RepairFailure[], addon: RepairAddon): FixResult {
  const edits = new Map<string, string>();
  const notes: FixNote[] = [];
  const rest: RepairFailure[] = [];
  const current = (rel: string): string | undefined =>
    edits.get(`${addon.root}/${rel}`) ?? addon.files.get(rel);
  for (const failure of failures) {
    const rel = failure.source === 'finding' ? relativeTo(addon.root, failure.file) : undefined;
    const what =
      failure.source === 'finding' && rel !== undefined
        ? addon.generated
          ? restoreGenerated(failure, rel, addon.generated, current, edits, addon.root)
          : patchHandWritten(failure, rel, current, edits, addon.root)
        : undefined;
    if (what) notes.push({ failure, what });
    else rest.push(failure);
  }
  return { edits, notes, rest };
}

function restoreGenerated(
  failure: RepairFailure,
  rel: string,
  generated: Map<string, string>,
  current: (rel: string) => string | undefined,
  edits: Map<string, string>,
  root: string,
): string | undefined {
  if (!RESTORABLE.has(failure.id)) return undefined;
  const wanted = [rel];
  if (failure.id === 'access-missing') wanted.push('security/ir.model.access.csv', '__manifest__.py');
  if (failure.id === 'manifest-file-missing') {
    const listed = /lists (\S+), which does not exist/.exec(failure.message)?.[1];
    if (listed) wanted.push(listed.replace(/^\.\//, ''));
  }
  const restored = [...new Set(wanted)].filter((path) => {
    const content = generated.get(path);
    return content !== undefined && content !== current(path);
  });
  for (const path of restored) edits.set(`${root}/${path}`, generated.get(path) as string);
  return restored.length > 0
    ? `restored the generated ${restored.map((p) => `\`${p}\``).join(', ')} from the spec`
    : undefined;
}

function patchHandWritten(
  failure: RepairFailure,
  rel: string,
  current: (rel: string) => string | undefined,
  edits: Map<string, string>,
  root: string,
): string | undefined {
  if (failure.id === 'action-view-mode-tree') {
    const text = current(rel);
    if (text === undefined) return undefined;
    const patched = text.replace(
      /(<field\s+name=["']view_mode["'][^>]*>)([^<]*)(<\/field>)/g,
      (_m, a: string, v: string, b: string) => `${a}${v.replace(/\btree\b/g, 'list')}${b}`,
    );
    if (patched === text) return undefined;
    edits.set(`${root}/${rel}`, patched);
    return `renamed the view mode \`tree\` to \`list\` in \`${rel}\``;
  }
  if (failure.id === 'access-missing') {
    const model = /model "([a-z0-9_.]+)"/.exec(failure.message)?.[1];
    if (!model) return undefined;
    const key = model.replace(/\./g, '_');
    const csvPath = 'security/ir.model.access.csv';
    const csv =
      current(csvPath) ?? 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n';
    const row = `access_${key}_user,${model} user,model_${key},base.group_user,1,1,1,1\n`;
    edits.set(`${root}/${csvPath}`, `${csv.endsWith('\n') ? csv : `${csv}\n`}${row}`);
    const manifest = current('__manifest__.py');
    if (manifest !== undefined && !manifest.includes(csvPath)) {
      const listed = manifest.replace(/(["']data["']\s*:\s*\[)/, `$1\n        "${csvPath}",`);
      if (listed !== manifest) edits.set(`${root}/__manifest__.py`, listed);
    }
    return `added an access row for \`${model}\` (internal users, all rights) to \`${csvPath}\``;
  }
  return undefined;
}

/** `addons/x/views/a.xml` → `views/a.xml` for root `addons/x`; undefined outside it. */
export function relativeTo(root: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  const prefix = root === '' || root === '.' ? '' : `${root}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}
