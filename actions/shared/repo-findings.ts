import { posix } from 'node:path';
import type { Finding } from '../../core/findings/finding.js';
import type { ChangedAddon } from '../../runner/pr/changed-addons.js';

/**
 * Rewrites the checker's finding paths (`module/file`, relative to the folder that holds the
 * addon) to repository paths (`addons/module/file`), the paths GitHub annotates.
 * (Until the checker takes a `root` option, the action maps them itself from the addon folders.)
 */
export function toRepoPaths(findings: Finding[], addons: ChangedAddon[]): Finding[] {
  const dirOf = new Map(addons.map((addon) => [addon.name, addon.dir]));
  return findings.map((finding) => {
    const slash = finding.file.indexOf('/');
    const module = slash === -1 ? finding.file : finding.file.slice(0, slash);
    const rest = slash === -1 ? '' : finding.file.slice(slash + 1);
    const dir = dirOf.get(module);
    if (dir === undefined) return finding;
    return { ...finding, file: rest ? posix.join(dir || '.', rest) : dir || '.' };
  });
}
