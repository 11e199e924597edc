import type { LogRecord, OdooLogLevel } from './test-report.js';

/**
 * Odoo's log line: `2026-11-23 16:17:38,640 17120 INFO dbname odoo.modules.loading: message`
 * (format set in odoo/netsvc.py: `%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s`).
 */
const HEADER = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) (\d+) ([A-Z_]+) (\S+) ([^\s:]+): ?(.*)$/;

export interface ParsedLog {
  records: LogRecord[];
  /** Lines printed before the first record (stderr of the Python process, e.g. "Running as user 'root'"). */
  preamble: string[];
}

/**
 * Splits an Odoo log into records. A line that is not a record header continues the record
 * before it (tracebacks, multi-line messages).
 */
export function parseLogRecords(log: string): ParsedLog {
  const records: LogRecord[] = [];
  const preamble: string[] = [];
  let current: { record: LogRecord; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    current.record.message = current.lines.join('\n').trimEnd();
    records.push(current.record);
    current = undefined;
  };
  const lines = log.split(/\r?\n/);
  lines.forEach((text, index) => {
    const match = HEADER.exec(text);
    if (match) {
      flush();
      const [, time = '', pid = '0', level = 'INFO', db = '?', logger = '', message = ''] = match;
      current = {
        record: { time, pid: Number(pid), level: toLevel(level), db, logger, message: '', line: index + 1 },
        lines: [message],
      };
      return;
    }
    if (current) current.lines.push(text);
    else if (text.trim() !== '') preamble.push(text);
  });
  flush();
  return { records, preamble };
}

function toLevel(level: string): OdooLogLevel {
  switch (level) {
    case 'INFO':
    case 'WARNING':
    case 'ERROR':
    case 'CRITICAL':
    case 'DEBUG':
      return level;
    case 'WARN':
      return 'WARNING';
    case 'FATAL':
      return 'CRITICAL';
    default:
      // Odoo's own extra levels (DEBUG_RPC, DEBUG_SQL, ...) are debug output; RUNBOT prints as INFO.
      return level.startsWith('DEBUG') ? 'DEBUG' : 'INFO';
  }
}

/** Seconds between two Odoo timestamps (`2026-11-23 16:17:38,640`). */
export function secondsBetween(first: string, last: string): number | undefined {
  const a = toMillis(first);
  const b = toMillis(last);
  if (a === undefined || b === undefined) return undefined;
  return Math.round(b - a) / 1000;
}

function toMillis(time: string): number | undefined {
  const millis = Date.parse(`${time.replace(' ', 'T').replace(',', '.')}Z`);
  return Number.isNaN(millis) ? undefined : millis;
}
