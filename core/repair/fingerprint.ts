import { createHash } from 'node:crypto';
import type { RepairFailure } from './repair-failure.js';

/**
 * A failure message without what changes from run to run while the failure stays the same:
 * temporary folders, container mount paths, hexadecimal ids and addresses, UUIDs, numbers (line numbers,
 * record ids, timings, counts), quoted database names, and runs of white space.
 */
export function normalizeMessage(message: string): string {
  return message
    .replace(
      /(?:\/tmp|\/var\/tmp|\/private\/var\/folders|\/mnt\/forge-addons|\/runner\/_work)\/\S*/g,
      '<path>',
    )
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The identity of one failure: source, rule or test id, file, and the normalized message. */
export function failureKey(failure: RepairFailure): string {
  return [failure.source, failure.id, failure.file ?? '', normalizeMessage(failure.message)].join('\u0000');
}

/** A short stable hash of a failure's key (what the repair markers record). */
export function failureHash(failure: RepairFailure): string {
  return createHash('sha256').update(failureKey(failure)).digest('hex').slice(0, 10);
}

export interface Fingerprint {
  /** The hash of the sorted, de-duplicated failure hashes: equal sets, equal fingerprints. */
  value: string;
  /** The failure hashes, sorted and unique. */
  failures: string[];
}

/** The fingerprint of a failure set: independent of order, duplicates and run-specific noise. */
export function fingerprintOf(failures: readonly RepairFailure[]): Fingerprint {
  const hashes = [...new Set(failures.map(failureHash))].sort();
  return {
    value: createHash('sha256').update(hashes.join(',')).digest('hex').slice(0, 16),
    failures: hashes,
  };
}
