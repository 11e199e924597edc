/** One file edit a model proposes: the whole new contents of a repository file. */
export interface FileEdit {
  path: string;
  content: string;
}

export interface EditRefusal {
  path: string;
  why: string;
}

export interface EditCheck {
  /** Repository path → contents, when every edit is allowed. */
  accepted: Map<string, string>;
  refused: EditRefusal[];
}

const MAX_FILES = 20;
const MAX_BYTES = 200_000;

/**
 * Checks a model's edits before anything is written: each path must be a plain relative path
 * inside the addon folder `root`, never under `.github` (workflows), never a test file the spec
 * generated (`generatedTests`, relative to `root`: a fix must not weaken the tests that judge
 * it), and not too large. Any refused edit refuses the whole answer.
 */
export function validateEdits(
  edits: readonly FileEdit[],
  root: string,
  generatedTests: ReadonlySet<string>,
): EditCheck {
  const refused: EditRefusal[] = [];
  const accepted = new Map<string, string>();
  if (edits.length === 0) refused.push({ path: '(none)', why: 'the answer edits no file' });
  if (edits.length > MAX_FILES)
    refused.push({ path: '(all)', why: `${edits.length} files; at most ${MAX_FILES}` });
  for (const edit of edits) {
    const why = refusalOf(edit, root, generatedTests);
    if (why) refused.push({ path: edit.path, why });
    else accepted.set(edit.path, edit.content);
  }
  return { accepted: refused.length > 0 ? new Map() : accepted, refused };
}

function refusalOf(edit: FileEdit, root: string, generatedTests: ReadonlySet<string>): string | undefined {
  const { path } = edit;
  const segments = path.split('/');
  if (
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  )
    return 'not a plain relative path';
  if (segments[0] === '.github' || segments.includes('.github'))
    return 'workflows and .github files are never edited by a repair';
  const prefix = `${root}/`;
  if (!path.startsWith(prefix)) return `outside the addon folder ${prefix}`;
  const rel = path.slice(prefix.length);
  if (generatedTests.has(rel)) return 'a test the spec generated: fix the addon, not the test that judges it';
  if (new TextEncoder().encode(edit.content).length > MAX_BYTES) return `larger than ${MAX_BYTES} bytes`;
  return undefined;
}
