import { S3Client } from '@aws-sdk/client-s3';
import { ForgeError } from '../../core/errors/forge-error.js';

/** Where backups go: an S3-protocol bucket (AWS, Swift's s3api, or any S3-compatible store). */
export interface S3Settings {
  /** `http://127.0.0.1:8080`; empty for AWS's own endpoint of `region`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix under which every backup lives (`odoo/`), may be empty. */
  prefix: string;
}

/**
 * The settings from flags first, then the usual AWS variables (AWS_ENDPOINT_URL, AWS_REGION,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and FORGE_BACKUP_BUCKET. A missing one is an input error.
 */
export function s3SettingsFrom(
  flags: Partial<Pick<S3Settings, 'endpoint' | 'region' | 'bucket' | 'prefix'>>,
  env: NodeJS.ProcessEnv,
): S3Settings {
  const bucket = flags.bucket ?? env.FORGE_BACKUP_BUCKET;
  if (!bucket) {
    throw new ForgeError(
      'input.backup-bucket',
      'no backup bucket: neither --bucket nor FORGE_BACKUP_BUCKET is set',
      {
        hint: 'pass --bucket NAME (and --endpoint URL for a store other than AWS)',
      },
    );
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ForgeError(
      'input.backup-credentials',
      `no S3 credentials for bucket ${bucket}: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set`,
      { hint: 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with the key of the backup store' },
    );
  }
  return {
    endpoint: flags.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? '',
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    bucket,
    accessKeyId,
    secretAccessKey,
    prefix: normalizePrefix(flags.prefix ?? env.FORGE_BACKUP_PREFIX ?? ''),
  };
}

function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * An S3 client for S3-compatible stores: path-style addressing, and checksums only where the
 * protocol requires them (Swift, Ceph and most other stores reject the SDK's default CRC32 ones).
 * Two attempts at most: an unreachable store must be reported quickly, not retried for a minute.
 */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
}

/** Where the store is, for messages: `s3://bucket/prefix at http://host:port`. */
export function describeStore(settings: S3Settings): string {
  return `s3://${settings.bucket}/${settings.prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
}
