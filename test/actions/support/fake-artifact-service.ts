import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one upload of @actions/artifact left in the fake. */
export interface FakeUploadedArtifact {
  name: string;
  runBackendId: string;
  jobBackendId: string;
  /** The zip the client uploaded (its blocks, committed in the order of the block list). */
  zip: Buffer;
  /** What FinalizeArtifact said: size and `sha256:<hex>`. */
  finalized?: { size: string; hash?: string };
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN: an (unsigned) JWT whose `scp` names the run and job backends. */
  token: string;
  artifacts: FakeUploadedArtifact[];
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function base64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * The two sides a job's artifact upload talks to (what `actions/upload-artifact` v4+ and
 * @actions/artifact 2+ use): the Actions results service's Twirp API (`CreateArtifact`, which
 * answers a signed blob URL, and `FinalizeArtifact`), and that blob URL, which takes Azure Blob
 * Storage's `Put Block` and `Put Block List` as the Azure SDK sends them. Twirp JSON with the
 * proto field names (`workflow_run_backend_id`), as the client sends and GitHub answers. Anything else is a 404
 * that fails the upload (and so the test). Loopback only.
 */
export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const runBackendId = 'c0ffee00-0000-4000-8000-000000000001';
  const jobBackendId = 'c0ffee00-0000-4000-8000-000000000002';
  const token = [
    base64url(JSON.stringify({ alg: 'none', typ: 'JWT' })),
    base64url(JSON.stringify({ scp: `Actions.GenericRead Actions.Results:${runBackendId}:${jobBackendId}` })),
    'unsigned',
  ].join('.');
  const artifacts: FakeUploadedArtifact[] = [];
  const blocks = new Map<string, Buffer>();
  let url = '';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const data = await body(request);
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      const query = new URL(request.url ?? '/', 'http://fake').searchParams;
      const json = (status: number, value: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (request.method === 'POST' && path === `${SERVICE}CreateArtifact`) {
        const req = JSON.parse(data.toString('utf8')) as Record<string, string>;
        if (req.workflow_run_backend_id !== runBackendId || req.workflow_job_run_backend_id !== jobBackendId)
          return json(400, {
            code: 'invalid_argument',
            msg: `backend ids do not match the token: ${data.toString('utf8')}`,
          });
        artifacts.push({ name: req.name ?? '', runBackendId, jobBackendId, zip: Buffer.alloc(0) });
        return json(200, {
          ok: true,
          signed_upload_url: `${url}/blob/artifacts/${artifacts.length}.zip?sig=fake`,
        });
      }
      if (request.method === 'POST' && path === `${SERVICE}FinalizeArtifact`) {
        const req = JSON.parse(data.toString('utf8')) as { name: string; size: string; hash?: string };
        const artifact = artifacts.find((a) => a.name === req.name);
        if (!artifact) return json(404, { code: 'not_found', msg: `no artifact ${req.name}` });
        artifact.finalized = { size: req.size, ...(req.hash ? { hash: req.hash } : {}) };
        return json(200, { ok: true, artifact_id: String(artifacts.indexOf(artifact) + 1) });
      }
      const blob = /^\/blob\/artifacts\/(\d+)\.zip$/.exec(path);
      if (request.method === 'PUT' && blob) {
        const artifact = artifacts[Number(blob[1]) - 1];
        const headers = {
          'x-ms-request-id': `fake-${Date.now()}`,
          'x-ms-version': '2024-08-04',
          etag: `"0x${createHash('sha256').update(data).digest('hex').slice(0, 16)}"`,
          'last-modified': new Date().toUTCString(),
        };
        if (artifact && query.get('comp') === 'block') {
          blocks.set(`${blob[1]}:${query.get('blockid') ?? ''}`, data);
          return response.writeHead(201, headers).end();
        }
        if (artifact && query.get('comp') === 'blocklist') {
          const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map(
            (m) => m[1] as string,
          );
          artifact.zip = Buffer.concat(ids.map((id) => blocks.get(`${blob[1]}:${id}`) ?? Buffer.alloc(0)));
          return response.writeHead(201, headers).end();
        }
        if (artifact && !query.get('comp')) {
          artifact.zip = data; // a single-shot Put Blob
          return response.writeHead(201, headers).end();
        }
      }
      json(404, { code: 'not_found', msg: `the fake artifact service has no ${request.method} ${path}` });
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    artifacts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
