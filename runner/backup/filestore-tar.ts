import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { ForgeError } from '../../core/errors/forge-error.js';

/** Every regular file under `root`, as sorted paths relative to it with `/` separators. */
export function filestoreFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The sha256 of every file of a filestore, by relative path. */
export async function filestoreChecksums(root: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const file of filestoreFiles(root)) sums[file] = await sha256File(join(root, file));
  return sums;
}

/**
 * The filestore as a tar stream, file after file (never the whole filestore in memory or on
 * disk). `checksums` fills with each file's sha256 as it is packed; it is complete when the
 * returned stream has ended.
 */
export function packFilestore(root: string, checksums: Record<string, string>): Readable {
  const pack = tar.pack();
  const files = filestoreFiles(root);
  void (async () => {
    try {
      for (const file of files) {
        const path = join(root, file);
        const { size, mtime } = statSync(path);
        const hash = createHash('sha256');
        await new Promise<void>((done, fail) => {
          const entry = pack.entry({ name: file, size, mtime, mode: 0o644 }, (error) =>
            error ? fail(error) : done(),
          );
          const source = createReadStream(path);
          source.on('data', (chunk) => hash.update(chunk as Buffer));
          source.on('error', fail);
          source.pipe(entry);
        });
        checksums[file] = hash.digest('hex');
      }
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
    }
  })();
  return Readable.from(pack);
}

/** Extracts a filestore tar stream into `root` (created); refuses entries that leave it. */
export async function unpackFilestore(source: Readable, root: string): Promise<number> {
  mkdirSync(root, { recursive: true });
  const base = resolve(root);
  const extract = tar.extract();
  let count = 0;
  extract.on('entry', (header, stream, next) => {
    const target = resolve(base, header.name);
    if (!target.startsWith(`${base}${sep}`)) {
      stream.resume();
      next(
        new ForgeError(
          'backup.filestore-path',
          `filestore entry ${header.name} would be written outside ${root}`,
          {
            hint: 'the backup was not written by Forge, or it was altered: do not restore it',
          },
        ),
      );
      return;
    }
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    count++;
    pipeline(stream, createWriteStream(target)).then(() => next(), next);
  });
  await pipeline(source, extract);
  return count;
}
