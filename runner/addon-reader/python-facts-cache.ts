import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonFileFacts } from '../../core/checker/python-facts.js';

interface CacheEntry {
  path: string;
  mtimeMs: number;
  size: number;
  facts: PythonFileFacts;
}

/**
 * Parse results of Python files kept on disk between runs, keyed by path, modification time and
 * size, in one JSON-lines file per version of the parsing script (a changed script starts afresh).
 */
export class PythonFactsCache {
  private readonly file: string;
  private readonly entries = new Map<string, CacheEntry>();
  private changed = false;

  constructor(dir: string, scriptSource: string) {
    const version = createHash('sha256').update(scriptSource).digest('hex').slice(0, 12);
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `python-facts-${version}.jsonl`);
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as CacheEntry;
        this.entries.set(entry.path, entry);
      } catch {
        // a torn line (a run stopped while writing) is only a miss
      }
    }
  }

  private static stamp(path: string): { mtimeMs: number; size: number } | undefined {
    try {
      const stat = statSync(path);
      return { mtimeMs: stat.mtimeMs, size: stat.size };
    } catch {
      return undefined;
    }
  }

  /** The cached facts of a file that has not changed since, if any. */
  get(path: string): PythonFileFacts | undefined {
    const entry = this.entries.get(path);
    const stamp = entry && PythonFactsCache.stamp(path);
    return entry && stamp && stamp.mtimeMs === entry.mtimeMs && stamp.size === entry.size
      ? entry.facts
      : undefined;
  }

  set(path: string, facts: PythonFileFacts): void {
    const stamp = PythonFactsCache.stamp(path);
    if (!stamp || facts.readError) return;
    this.entries.set(path, { path, ...stamp, facts });
    this.changed = true;
  }

  /** Writes the cache (atomically: another run reads the old or the new file, never half of one). */
  save(): void {
    if (!this.changed) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, [...this.entries.values()].map((entry) => JSON.stringify(entry)).join('\n') + '\n');
    renameSync(temp, this.file);
    this.changed = false;
  }
}
