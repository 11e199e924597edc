import { ZipFile } from 'yazl';
import type { FakeArtifact, FakeRepo } from './github-state.js';
import { notFound, requireRepo, type RouteHandler } from './route-handler.js';

function renderArtifact(repo: FakeRepo, artifact: FakeArtifact): Record<string, unknown> {
  const api = `https://api.github.com/repos/${repo.owner}/${repo.name}/actions/artifacts/${artifact.id}`;
  const size = Object.values(artifact.files).reduce((total, text) => total + Buffer.byteLength(text), 0);
  return {
    id: artifact.id,
    node_id: `A_${artifact.id}`,
    name: artifact.name,
    size_in_bytes: size,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: false,
    created_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    updated_at: new Date().toISOString(),
    workflow_run: { id: artifact.runId },
  };
}

/** The files of an artifact as a zip, as GitHub serves an artifact. */
export function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Artifacts of workflow runs and blobs. GitHub answers an artifact download with a 302 to a
 * short-lived storage URL that fetch follows; the fake answers with what the client then
 * receives: the zip. The zips are built when the artifact is added (`addArtifact`), since a
 * route handler answers synchronously.
 */
export const workflowRunRoutes: Record<string, RouteHandler> = {
  'actions/list-workflow-run-artifacts': (request) => {
    const repo = requireRepo(request);
    const runId = Number(request.params.run_id);
    const name = request.query.get('name');
    const artifacts = repo.artifacts.filter((a) => a.runId === runId && (!name || a.name === name));
    return {
      status: 200,
      body: { total_count: artifacts.length, artifacts: artifacts.map((a) => renderArtifact(repo, a)) },
    };
  },
  'actions/download-artifact': (request) => {
    const repo = requireRepo(request);
    const artifact = repo.artifacts.find((a) => a.id === Number(request.params.artifact_id));
    if (!artifact) return notFound();
    return { status: 200, bytes: { data: artifact.zip, contentType: 'application/zip' } };
  },
  'git/get-blob': (request) => {
    const repo = requireRepo(request);
    const sha = request.params.file_sha ?? '';
    const content = repo.blobs.get(sha);
    if (content === undefined) return notFound();
    return {
      status: 200,
      body: {
        sha,
        node_id: `B_${sha}`,
        size: Buffer.byteLength(content),
        url: `https://api.github.com/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
        content: Buffer.from(content, 'utf8').toString('base64'),
        encoding: 'base64',
      },
    };
  },
};

/** Adds an artifact holding `files` to workflow run `runId` of `repo`. */
export async function addArtifact(
  repo: FakeRepo,
  artifact: { id: number; runId: number; name: string; files: Record<string, string> },
): Promise<FakeArtifact> {
  const created: FakeArtifact = { ...artifact, zip: await zipOf(artifact.files) };
  repo.artifacts.push(created);
  return created;
}
