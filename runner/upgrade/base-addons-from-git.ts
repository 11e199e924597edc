import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ForgeError } from '../../core/errors/forge-error.js';

const run = promisify(execFile);

/**
 * Writes the base commit's version of each addons folder of the head checkout into `outDir`
 * (`git archive <base>:<folder>`, nothing checked out in the workspace), one folder per addons
 * folder in the same order; a folder the base does not have yet comes out empty. Returns them.
 */
export async function baseAddonsFromGit(
  workspace: string,
  baseSha: string,
  addonsDirs: readonly string[],
  outDir: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const [index, dir] of addonsDirs.entries()) {
    const rel = relative(workspace, dir).replace(/\\/g, '/');
    if (rel.startsWith('..'))
      throw new ForgeError(
        'input.upgrade-addons-outside',
        `addons folder ${dir} is outside the checkout ${workspace}`,
        {
          hint: 'give addons folders inside the repository',
        },
      );
    const target = join(outDir, `base-${index}`);
    mkdirSync(target, { recursive: true });
    out.push(target);
    const treeish = `${baseSha}:${rel}`;
    const exists = await run('git', ['-C', workspace, 'cat-file', '-e', treeish]).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    const tar = join(outDir, `base-${index}.tar`);
    try {
      await run('git', ['-C', workspace, 'archive', '--format=tar', '-o', tar, treeish]);
      await run('tar', ['-xf', tar, '-C', target]);
    } catch (error) {
      throw new ForgeError(
        'upgrade.base-archive',
        `could not write ${treeish} of ${workspace} into ${target}: ${(error as Error).message}`,
        {
          hint: 'the checkout needs the base commit: check out with fetch-depth: 0 (actions/checkout), or fetch the base',
          cause: error,
        },
      );
    }
  }
  return out;
}

/**
 * The modules whose manifest the base commit has in one of the addons folders (`git cat-file -e`,
 * nothing written): a quick look before `baseAddonsFromGit`. A folder outside the checkout counts
 * as none (`baseAddonsFromGit` says why).
 */
export async function modulesOnBase(
  workspace: string,
  baseSha: string,
  addonsDirs: readonly string[],
  modules: readonly string[],
): Promise<string[]> {
  const rels = addonsDirs
    .map((dir) => relative(workspace, dir).replace(/\\/g, '/'))
    .filter((rel) => !rel.startsWith('..'));
  const found = await Promise.all(
    modules.map(async (module) => {
      for (const rel of rels) {
        const path = `${rel ? `${rel}/` : ''}${module}/__manifest__.py`;
        const exists = await run('git', ['-C', workspace, 'cat-file', '-e', `${baseSha}:${path}`]).then(
          () => true,
          () => false,
        );
        if (exists) return true;
      }
      return false;
    }),
  );
  return modules.filter((_, index) => found[index]);
}
