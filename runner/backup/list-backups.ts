import { ForgeError } from '../../core/errors/forge-error.js';
import type { BackupEntry, BackupManifest, DrillResult } from './backup-manifest.js';
import { databaseFolder } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';

function ifMissing(error: unknown): undefined {
  if (error instanceof ForgeError && error.code === 'backup.s3-missing') return undefined;
  throw error;
}

/** Every completed backup of `database` (those with a manifest), oldest first, with its drill result. */
export async function listBackups(store: BackupStore, database: string): Promise<BackupEntry[]> {
  const objects = await store.list(store.key(databaseFolder(database)));
  const keys = new Set(objects.map((o) => o.key));
  const entries: BackupEntry[] = [];
  for (const { key } of objects) {
    if (!key.endsWith('/manifest.json')) continue;
    // A listing may still name an object that was just deleted (Swift updates listings
    // asynchronously): such a backup is gone.
    const manifest = (await store.getJson(key).catch(ifMissing)) as BackupManifest | undefined;
    if (!manifest) continue;
    const drillKey = `${key.slice(0, -'manifest.json'.length)}drill.json`;
    const drill = keys.has(drillKey)
      ? ((await store.getJson(drillKey).catch(ifMissing)) as DrillResult | undefined)
      : undefined;
    entries.push({ manifest, good: drill?.passed === true, ...(drill ? { drill } : {}) });
  }
  return entries.sort((a, b) => a.manifest.createdAt.localeCompare(b.manifest.createdAt));
}

/** One backup of `database` by id (`latest` for the newest with a passed drill). */
export async function findBackup(store: BackupStore, database: string, id: string): Promise<BackupEntry> {
  const entries = await listBackups(store, database);
  const found =
    id === 'latest'
      ? entries.filter((e) => e.drill?.passed).at(-1)
      : entries.find((e) => e.manifest.id === id);
  if (!found) {
    throw new ForgeError(
      'input.backup-id',
      id === 'latest'
        ? `database ${database} has no backup with a passed drill in ${store.settings.bucket}`
        : `no backup ${id} of database ${database} in ${store.settings.bucket} (${entries.length} backups: ${entries.map((e) => e.manifest.id).join(', ') || 'none'})`,
      { hint: 'see `odoo-forge backup list`' },
    );
  }
  return found;
}
