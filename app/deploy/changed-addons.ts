import type { RepoTarget } from '../github/repo-target.js';

/**
 * The addons (folders under `addons_path` with a `__manifest__.py` at `head`) that the commits
 * of `base...head` add or change: what the deploy installs or updates. Three requests whatever
 * the number of addons (a compare, the head commit, its recursive tree).
 */
export async function changedAddons(
  target: RepoTarget,
  base: string,
  head: string,
  addonsPath: string,
): Promise<string[]> {
  const { owner, repo } = target;
  const { data: compare } = await target.octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  const prefix = addonsPath === '.' ? '' : `${addonsPath.replace(/\/+$/, '')}/`;
  const candidates = new Set<string>();
  for (const file of compare.files ?? []) {
    if (!file.filename.startsWith(prefix)) continue;
    const [folder, ...rest] = file.filename.slice(prefix.length).split('/');
    if (folder && rest.length > 0 && /^[a-z0-9_]+$/.test(folder)) candidates.add(folder);
  }
  if (candidates.size === 0) return [];
  const { data: commit } = await target.octokit.rest.git.getCommit({ owner, repo, commit_sha: head });
  const { data: tree } = await target.octokit.rest.git.getTree({
    owner,
    repo,
    tree_sha: commit.tree.sha,
    recursive: '1',
  });
  const paths = new Set(tree.tree.map((entry) => entry.path));
  return [...candidates].filter((name) => paths.has(`${prefix}${name}/__manifest__.py`)).sort();
}
