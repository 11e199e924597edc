import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { LocalPostgres } from '../local-odoo/local-postgres.js';

/** The environment of a PostgreSQL client program (psql, pg_dump, pg_restore) for `pg`. */
export function pgClientEnv(pg: LocalPostgres): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: pg.host,
    PGPORT: String(pg.port),
    PGUSER: pg.user,
    PGPASSWORD: pg.password,
  };
}

/**
 * One long-lived psql connection to a database, so that several queries (and a pg_dump given the
 * exported snapshot) see the same snapshot of the data. Rows come back as tab-separated fields.
 */
export class PgSession {
  private buffer = '';
  private errors = '';
  private waiting:
    { marker: string; done: (rows: string[][]) => void; fail: (error: Error) => void } | undefined;
  private counter = 0;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly database: string,
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.errors += chunk;
    });
    child.on('error', (error) => {
      this.errors += error.message;
    });
    child.on('close', (code) => {
      this.waiting?.fail(
        new ForgeError(
          'backup.psql',
          `psql on database ${database} ended (exit ${code}): ${this.errors.trim()}`,
          {
            hint: 'check that the database exists and that the role may read it',
          },
        ),
      );
      this.waiting = undefined;
    });
  }

  static open(pg: LocalPostgres, database: string): PgSession {
    const child = spawn(
      'psql',
      ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', database],
      {
        env: pgClientEnv(pg),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    return new PgSession(child, database);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    const waiting = this.waiting;
    if (!waiting) return;
    const at = this.buffer.indexOf(`${waiting.marker}\n`);
    if (at === -1) return;
    const text = this.buffer.slice(0, at);
    this.buffer = this.buffer.slice(at + waiting.marker.length + 1);
    this.waiting = undefined;
    waiting.done(
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\t')),
    );
  }

  /** Runs one statement (no trailing semicolon needed) and returns its rows. */
  async query(sql: string): Promise<string[][]> {
    if (this.waiting) throw new Error('PgSession.query: one query at a time');
    const marker = `__forge_end_${++this.counter}__`;
    return new Promise((done, fail) => {
      this.waiting = { marker, done, fail };
      this.child.stdin.write(`${sql.replace(/;\s*$/, '')};\n\\echo ${marker}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((done) => {
      this.child.once('close', () => done());
      this.child.stdin.end('\\q\n');
    });
  }
}
