import type { Logger } from '../logger.js';
import { databaseFolder } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';
import { listBackups } from './list-backups.js';
import { defaultRetention, selectRetained, type RetentionPolicy } from './select-retained.js';

/**
 * Applies the retention policy to the backups of `database` in the bucket: deletes every object
 * of each backup that selectRetained does not keep. Honours `dryRun` (reports, deletes nothing).
 */
export async function applyRetention(options: {
  store: BackupStore;
  database: string;
  policy?: RetentionPolicy;
  dryRun?: boolean;
  logger: Logger;
}): Promise<{ kept: Map<string, string[]>; deleted: string[] }> {
  const { store, database, logger } = options;
  const entries = await listBackups(store, database);
  const decision = selectRetained(
    entries.map((e) => ({ id: e.manifest.id, createdAt: new Date(e.manifest.createdAt), good: e.good })),
    options.policy ?? defaultRetention,
  );
  if (decision.delete.length > 0 && !options.dryRun) {
    const prefix = store.key(databaseFolder(database));
    const doomed = new Set(decision.delete.map((id) => `${prefix}${id}/`));
    const keys = (await store.list(prefix))
      .map((o) => o.key)
      .filter((key) => doomed.has(key.slice(0, key.lastIndexOf('/') + 1)));
    logger.debug(`retention deletes ${keys.join(', ')}`);
    await store.delete(keys);
  }
  if (decision.delete.length > 0) {
    logger.info(
      `retention${options.dryRun ? ' (dry run)' : ''}: ${options.dryRun ? 'would delete' : 'deleted'} ${decision.delete.join(', ')}`,
    );
  }
  return { kept: decision.keep, deleted: decision.delete };
}
