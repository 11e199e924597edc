import { ForgeError } from '../../core/errors/forge-error.js';
import { describeStore, type S3Settings } from './s3-settings.js';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const shape = current as SdkErrorShape & { cause?: unknown; errors?: unknown[] };
    if (shape.code && NETWORK_CODES.has(shape.code)) return shape.code;
    if (Array.isArray(shape.errors) && shape.errors.length > 0) current = shape.errors[0];
    else current = shape.cause;
  }
  return undefined;
}

/**
 * Turns what the S3 SDK threw into a ForgeError that says what went wrong with which store:
 * `backup.s3-unreachable`, `backup.s3-credentials` (wrong secret or key), `backup.s3-bucket`
 * (no such bucket), or `backup.s3` for the rest. `doing` names the operation (`listing backups`).
 */
export function s3Error(error: unknown, settings: S3Settings, doing: string): ForgeError {
  if (error instanceof ForgeError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const store = describeStore(settings);
  const network = networkCode(error);
  if (network) {
    return new ForgeError(
      'backup.s3-unreachable',
      `S3 store ${store} is unreachable (${network}) while ${doing}`,
      {
        hint: 'check --endpoint / AWS_ENDPOINT_URL and that the store is running; nothing was changed',
        cause: error,
      },
    );
  }
  const name = shape.name ?? shape.code ?? '';
  if (['SignatureDoesNotMatch', 'InvalidAccessKeyId', 'AccessDenied', 'InvalidSecurity'].includes(name)) {
    return new ForgeError(
      'backup.s3-credentials',
      `S3 store ${store} refused the credentials of access key ${settings.accessKeyId} while ${doing}: ${
        name === 'SignatureDoesNotMatch' ? 'the secret access key is wrong (SignatureDoesNotMatch)' : name
      }`,
      { hint: 'check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the secret may be wrong)', cause: error },
    );
  }
  if (name === 'NoSuchBucket' || (name === 'NotFound' && doing.includes('bucket'))) {
    return new ForgeError('backup.s3-bucket', `S3 bucket ${settings.bucket} does not exist at ${store}`, {
      hint: 'create the bucket, or pass --create-bucket',
      cause: error,
    });
  }
  if (name === 'NoSuchKey') {
    return new ForgeError('backup.s3-missing', `object missing from ${store} while ${doing}`, {
      hint: 'the backup was deleted (by retention?) or never completed: see `odoo-forge backup list`',
      cause: error,
    });
  }
  const status = shape.$metadata?.httpStatusCode;
  if (status === 403) {
    return new ForgeError(
      'backup.s3-credentials',
      `S3 store ${store} refused access key ${settings.accessKeyId} (HTTP 403 Forbidden) while ${doing}`,
      {
        hint: "check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the key's rights on the bucket",
        cause: error,
      },
    );
  }
  return new ForgeError(
    'backup.s3',
    `S3 store ${store} failed while ${doing}: ${name || 'error'}${status ? ` (HTTP ${status})` : ''}: ${shape.message ?? ''}`,
    { hint: "see the store's logs; the backup in progress was not recorded", cause: error },
  );
}
