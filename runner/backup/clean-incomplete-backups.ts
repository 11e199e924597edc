import type { Logger } from '../logger.js';
import { databaseFolder } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';

/**
 * Removes what a killed backup of `database` left: unfinished multipart uploads (aborted) and
 * backup folders whose parts were stored but whose manifest never was. Returns what it removed.
 * Call it only while no other backup of the same database runs.
 */
export async function cleanIncompleteBackups(
  store: BackupStore,
  database: string,
  logger: Logger,
): Promise<{ aborted: string[]; deleted: string[] }> {
  const prefix = store.key(databaseFolder(database));
  const aborted: string[] = [];
  for (const upload of await store.incompleteUploads(prefix)) {
    await store.abortUpload(upload);
    aborted.push(upload.key);
    logger.warn(`aborted the unfinished upload of ${upload.key} (a backup that did not complete)`);
  }
  const objects = await store.list(prefix);
  const withManifest = new Set(
    objects
      .filter((o) => o.key.endsWith('/manifest.json'))
      .map((o) => o.key.slice(0, -'manifest.json'.length)),
  );
  const orphans = objects
    .map((o) => o.key)
    .filter((key) => !withManifest.has(key.slice(0, key.lastIndexOf('/') + 1)));
  if (orphans.length > 0) {
    await store.delete(orphans);
    logger.warn(`deleted ${orphans.length} objects of backups that never completed: ${orphans.join(', ')}`);
  }
  return { aborted, deleted: orphans };
}
