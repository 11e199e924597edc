import type { Command } from 'commander';
import { applyRetention } from '../../runner/backup/apply-retention.js';
import type { BackupEntry } from '../../runner/backup/backup-manifest.js';
import { BackupStore } from '../../runner/backup/backup-store.js';
import { createBackup } from '../../runner/backup/create-backup.js';
import { drillBackup } from '../../runner/backup/drill-backup.js';
import { exportOdooZip } from '../../runner/backup/export-odoo-zip.js';
import { findBackup, listBackups } from '../../runner/backup/list-backups.js';
import { restoreBackup } from '../../runner/backup/restore-backup.js';
import { s3SettingsFrom } from '../../runner/backup/s3-settings.js';
import type { LocalPostgres } from '../../runner/local-odoo/local-postgres.js';
import type { Logger } from '../../runner/logger.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface StoreFlags {
  bucket?: string;
  endpoint?: string;
  region?: string;
  prefix?: string;
  createBucket?: boolean;
}

interface DbFlags {
  dbHost: string;
  dbPort: string;
  dbUser: string;
  dataDir?: string;
}

function addStoreOptions(command: Command): Command {
  return command
    .option('--bucket <name>', 'S3 bucket of the backups (default: $FORGE_BACKUP_BUCKET)')
    .option('--endpoint <url>', 'S3 endpoint for a store other than AWS (default: $AWS_ENDPOINT_URL)')
    .option('--region <region>', 'S3 region (default: $AWS_REGION, else us-east-1)')
    .option('--prefix <prefix>', 'key prefix of the backups in the bucket (default: $FORGE_BACKUP_PREFIX)');
}

function addDbOptions(command: Command, io: CliIo): Command {
  return command
    .option(
      '--db-host <host>',
      'PostgreSQL host (default: $PGHOST, else 127.0.0.1)',
      io.env.PGHOST ?? '127.0.0.1',
    )
    .option('--db-port <port>', 'PostgreSQL port (default: $PGPORT, else 5432)', io.env.PGPORT ?? '5432')
    .option(
      '--db-user <user>',
      'PostgreSQL role (default: $PGUSER, else odoo); password from $PGPASSWORD',
      io.env.PGUSER ?? 'odoo',
    )
    .option('--data-dir <dir>', "Odoo's data dir (the filestore is <dir>/filestore/<database>)");
}

function storeOf(flags: StoreFlags, io: CliIo): BackupStore {
  // The pinned AWS SDK runs on Node 20; its notice that later releases need Node 22 is for us, not users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new BackupStore(s3SettingsFrom(flags, io.env));
}

function pgOf(flags: DbFlags, io: CliIo): LocalPostgres {
  return {
    host: flags.dbHost,
    port: Number(flags.dbPort),
    user: flags.dbUser,
    password: io.env.PGPASSWORD ?? 'odoo',
  };
}

function loggerOf(io: CliIo): Logger {
  return { info: (m) => io.err(`${m}\n`), warn: (m) => io.err(`warning: ${m}\n`), debug: () => {} };
}

function describe(entry: BackupEntry): string {
  const m = entry.manifest;
  const drill = entry.drill
    ? entry.drill.passed
      ? 'drill passed'
      : `drill FAILED (${entry.drill.problems.length} problems)`
    : 'not drilled';
  const size = ((m.dump.bytes + m.filestore.bytes) / 1024 / 1024).toFixed(1);
  return `${m.id}\t${m.createdAt}\t${m.reason}\t${Object.keys(m.facts.modules).length} modules\t${Object.keys(m.filestore.files).length} files\t${size} MiB\t${drill}`;
}

/** Commander's option values, stored by each subcommand's own flags. */
type Flags = StoreFlags & DbFlags & Record<string, unknown>;

async function create(database: string, flags: Flags, io: CliIo): Promise<number> {
  const store = storeOf(flags, io);
  const pg = pgOf(flags, io);
  const logger = loggerOf(io);
  if (flags.createBucket) await store.checkBucket(true);
  const manifest = await createBackup({
    store,
    source: { pg, database, ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) },
    reason: typeof flags.reason === 'string' ? flags.reason : 'manual',
    logger,
  });
  let passed = true;
  if (flags.drill !== false) passed = (await drillBackup({ store, manifest, pg, logger })).passed;
  if (flags.retention !== false) await applyRetention({ store, database, logger });
  io.out(`${manifest.id}\n`);
  return passed ? ExitCode.ok : ExitCode.failed;
}

async function list(database: string, flags: Flags, io: CliIo): Promise<number> {
  const entries = await listBackups(storeOf(flags, io), database);
  if (flags.json) io.out(`${JSON.stringify(entries, null, 2)}\n`);
  else if (entries.length === 0) io.out(`no backups of ${database}\n`);
  else io.out(`${entries.map(describe).join('\n')}\n`);
  return ExitCode.ok;
}

async function restore(database: string, flags: Flags, io: CliIo): Promise<number> {
  const store = storeOf(flags, io);
  const entry = await findBackup(store, database, String(flags.backup));
  const target = typeof flags.to === 'string' ? flags.to : database;
  await restoreBackup({
    store,
    manifest: entry.manifest,
    target: { pg: pgOf(flags, io), database: target, ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) },
    overwrite: flags.overwrite === true,
    logger: loggerOf(io),
  });
  io.out(`restored ${entry.manifest.id} into ${target}\n`);
  return ExitCode.ok;
}

async function drill(database: string, flags: Flags, io: CliIo): Promise<number> {
  const store = storeOf(flags, io);
  const entry = await findBackup(store, database, String(flags.backup));
  const result = await drillBackup({
    store,
    manifest: entry.manifest,
    pg: pgOf(flags, io),
    logger: loggerOf(io),
  });
  io.out(
    result.passed
      ? `drill of ${entry.manifest.id} passed\n`
      : `drill of ${entry.manifest.id} FAILED:\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  return result.passed ? ExitCode.ok : ExitCode.failed;
}

async function exportZip(database: string, flags: Flags, io: CliIo): Promise<number> {
  const store = storeOf(flags, io);
  const entry = await findBackup(store, database, String(flags.backup));
  const file = String(flags.output);
  const bytes = await exportOdooZip({ store, manifest: entry.manifest, file, logger: loggerOf(io) });
  io.out(`${file}\t${bytes} B\n`);
  return ExitCode.ok;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  register(program: Command, io: CliIo, setExit): void {
    const backup = program
      .command('backup')
      .description('Backups of an Odoo database and filestore in S3, proven by restore drills');
    const run =
      (fn: (database: string, flags: Flags, io: CliIo) => Promise<number>) =>
      async (database: string, flags: Flags): Promise<void> =>
        setExit((await fn(database, flags, io)) as 0 | 1);
    addDbOptions(addStoreOptions(backup.command('create <database>')), io)
      .description(
        'Back up a database and its filestore, drill the backup, apply retention (7 daily, 4 weekly, 3 monthly)',
      )
      .option('--reason <why>', 'recorded in the manifest (daily, pre-deploy, manual)', 'manual')
      .option('--no-drill', 'skip the restore drill (the backup then never counts as good)')
      .option('--no-retention', 'keep every backup')
      .option('--create-bucket', 'create the bucket when it does not exist')
      .action(run(create));
    addStoreOptions(backup.command('list <database>'))
      .description('The backups of a database, oldest first, with their drill results')
      .option('--json', 'as JSON (manifests and drill results)')
      .action(run(list));
    addDbOptions(addStoreOptions(backup.command('restore <database>')), io)
      .description('Restore a backup into a database (refuses an existing one without --overwrite)')
      .option('--backup <id>', 'the backup id, or latest (newest with a passed drill)', 'latest')
      .option('--to <database>', 'target database (default: the backed-up one)')
      .option('--overwrite', 'replace the target database and filestore when they exist')
      .action(run(restore));
    addDbOptions(addStoreOptions(backup.command('drill <database>')), io)
      .description('Restore a backup into a scratch database and compare it with what was backed up')
      .option('--backup <id>', 'the backup id, or latest', 'latest')
      .action(run(drill));
    addStoreOptions(backup.command('export <database>'))
      .description("Write a backup as Odoo's own backup zip (dump.sql, filestore/, manifest.json)")
      .option('--backup <id>', 'the backup id, or latest', 'latest')
      .requiredOption('--output <file>', 'the zip file to write')
      .action(run(exportZip));
  },
};
