import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import yazl from 'yazl';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { Logger } from '../logger.js';
import type { BackupManifest } from './backup-manifest.js';
import type { BackupStore } from './backup-store.js';

/** Odoo's own `manifest.json` of a backup zip (odoo/service/db.py, dump_db_manifest). */
export function odooZipManifest(manifest: BackupManifest): Record<string, unknown> {
  const series = manifest.facts.odooSeries ?? '';
  const [major = 0, minor = 0] = series.split('.').map(Number);
  return {
    odoo_dump: '1',
    db_name: manifest.database,
    version: series,
    version_info: [major, minor, 0, 'final', 0, ''],
    major_version: series,
    pg_version: /^(\d+(?:\.\d+)?)/.exec(manifest.facts.pgVersion)?.[1] ?? manifest.facts.pgVersion,
    modules: manifest.facts.modules,
  };
}

/** `pg_restore --file=-`: the custom-format dump from the store as the plain SQL Odoo's zip holds. */
function plainSql(source: Readable, id: string): { sql: Readable; done: Promise<void> } {
  const child = spawn('pg_restore', ['--no-owner', '--file=-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const fed = pipeline(source, child.stdin);
  child.on('error', (error) => {
    stderr += error.message;
  });
  const exited = new Promise<void>((done, fail) =>
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(
            new ForgeError(
              'backup.export',
              `pg_restore could not turn backup ${id} into SQL (exit ${code}): ${stderr.trim()}`,
              {
                hint: 'check that pg_restore is at least the version of the pg_dump that wrote the backup',
              },
            ),
          ),
    ),
  );
  return { sql: child.stdout, done: Promise.all([fed, exited]).then(() => undefined) };
}

/** Adds every file of the filestore tar to the zip under `filestore/`, one after the other. */
async function addFilestore(zip: yazl.ZipFile, source: Readable): Promise<number> {
  const extract = tar.extract();
  let count = 0;
  extract.on('entry', (header, stream, next) => {
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    count++;
    const copy = new PassThrough();
    copy.on('end', () => next());
    stream.pipe(copy);
    zip.addReadStream(copy, `filestore/${header.name}`, { mtime: header.mtime ?? new Date() });
  });
  await pipeline(source, extract);
  return count;
}

/**
 * Writes a backup as Odoo's own backup zip (`dump.sql` first, `filestore/`, `manifest.json`),
 * the format Odoo's database manager restores. Streams from the store into the zip file; the
 * only local copy is the zip itself.
 */
export async function exportOdooZip(options: {
  store: BackupStore;
  manifest: BackupManifest;
  file: string;
  logger: Logger;
}): Promise<number> {
  const { store, manifest, file } = options;
  const zip = new yazl.ZipFile();
  const output = createWriteStream(file);
  let bytes = 0;
  zip.outputStream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const written = pipeline(zip.outputStream, output);
  const { sql, done } = plainSql(await store.open(manifest.dump.key), manifest.id);
  const sqlEnded = new Promise<void>((resolve) => sql.on('end', () => resolve()));
  zip.addReadStream(sql, 'dump.sql');
  await Promise.all([done, sqlEnded]);
  const files = await addFilestore(zip, await store.open(manifest.filestore.key));
  zip.addBuffer(Buffer.from(JSON.stringify(odooZipManifest(manifest), null, 4)), 'manifest.json');
  zip.end();
  await written;
  options.logger.info(
    `exported backup ${manifest.id} as Odoo's zip ${file} (${files} filestore files, ${bytes} B)`,
  );
  return bytes;
}
