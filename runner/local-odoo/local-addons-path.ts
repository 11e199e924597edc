import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The addons path of a local run: each folder as it is, or, when some of its addons are left
 * out (another series), a folder under `runDir` with a link to each of its other addons.
 */
export function localAddonsPath(
  addonsDirs: readonly string[],
  leaveOut: readonly string[],
  runDir: string,
): string[] {
  return addonsDirs.map((dir, index) => {
    if (!leaveOut.some((left) => dirname(left) === dir)) return dir;
    const linked = join(runDir, `addons-${index}`);
    mkdirSync(linked, { recursive: true });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !leaveOut.includes(full)) symlinkSync(full, join(linked, entry.name));
    }
    return linked;
  });
}
