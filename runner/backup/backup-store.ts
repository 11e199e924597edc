import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { s3Error } from './s3-error.js';
import { createS3Client, type S3Settings } from './s3-settings.js';

/** An unfinished multipart upload left in the bucket (a killed backup). */
export interface IncompleteUpload {
  key: string;
  uploadId: string;
  initiated?: Date;
}

/**
 * The backup bucket, as the few operations backups need. Every SDK failure becomes a ForgeError
 * naming the store and the operation (see s3Error).
 */
export class BackupStore {
  readonly client: S3Client;

  constructor(readonly settings: S3Settings) {
    this.client = createS3Client(settings);
  }

  key(...parts: string[]): string {
    return `${this.settings.prefix}${parts.join('/')}`;
  }

  private async call<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw s3Error(error, this.settings, doing);
    }
  }

  /** Checks that the bucket answers with these credentials (creating it when asked); changes nothing else. */
  async checkBucket(create = false): Promise<void> {
    const bucket = this.settings.bucket;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      // HEAD answers have no body: on a 403, a one-key listing tells a wrong secret from a refused key.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 403) {
        await this.call(`checking bucket ${bucket}`, () =>
          this.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 })),
        );
      }
      const mapped = s3Error(error, this.settings, `checking bucket ${bucket}`);
      if (!create || mapped.code !== 'backup.s3-bucket') throw mapped;
      await this.call(`creating bucket ${bucket}`, () =>
        this.client.send(new CreateBucketCommand({ Bucket: bucket })),
      );
    }
  }

  /** Streams `body` to `key` in multipart parts of `partSize`; an error aborts the upload (no partial object). */
  async upload(key: string, body: Readable, partSize = 16 * 1024 * 1024): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: body },
      partSize,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await this.call(`uploading ${key}`, () => upload.done());
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.call(`writing ${key}`, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: `${JSON.stringify(value, null, 2)}\n`,
          ContentType: 'application/json',
        }),
      ),
    );
  }

  async getJson(key: string): Promise<unknown> {
    const text = await this.call(`reading ${key}`, async () => {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }),
      );
      return response.Body ? response.Body.transformToString() : '';
    });
    return JSON.parse(text) as unknown;
  }

  /** The object's content as a stream (for restores). */
  async open(key: string): Promise<Readable> {
    return this.call(`reading ${key}`, async () => {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }),
      );
      return response.Body as Readable;
    });
  }

  /** Every key under `prefix` (all pages). */
  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    const keys: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(`listing ${prefix}`, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        ),
      );
      for (const item of page.Contents ?? [])
        if (item.Key) keys.push({ key: item.Key, size: item.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /**
   * Deletes objects one by one: a multi-object delete needs a Content-MD5 header that the SDK
   * leaves out under WHEN_REQUIRED checksums, and Swift refuses it without one.
   */
  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.call(`deleting ${key}`, () =>
        this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })),
      );
    }
  }

  /** Multipart uploads under `prefix` that were started and never completed nor aborted. */
  async incompleteUploads(prefix: string): Promise<IncompleteUpload[]> {
    const found: IncompleteUpload[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.call(`listing unfinished uploads under ${prefix}`, () =>
        this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        ),
      );
      for (const upload of page.Uploads ?? []) {
        if (upload.Key && upload.UploadId)
          found.push({ key: upload.Key, uploadId: upload.UploadId, initiated: upload.Initiated });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return found;
  }

  async abortUpload(upload: IncompleteUpload): Promise<void> {
    await this.call(`aborting the unfinished upload of ${upload.key}`, () =>
      this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.settings.bucket,
          Key: upload.key,
          UploadId: upload.uploadId,
        }),
      ),
    );
  }
}
