import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pythonAddonChecker } from '../../../app/repair/python-addon-checker.js';
import { PythonProcessFacts } from '../../../app/repair/python-process-facts.js';
import type { AddonChecker } from '../../../app/repair/repair-deps.js';
import { checkFiles } from '../../../core/checker/check-files.js';
import { defaultPython, ProcessPythonFacts } from '../../../runner/addon-reader/python-facts-process.js';
import type { FakeComment, FakePull, FakeWorkflowRun } from '../../fakes/github/github-state.js';
import { addArtifact } from '../../fakes/github/workflow-run-routes.js';
import { botComments, fileRequest, maintainer, pullAsIssue, say } from './conversation.js';
import type { Harness } from './forge-harness.js';

const require = createRequire(import.meta.url);
type Payload = Record<string, unknown>;
/** What the helpers below read and write: the fake GitHub and the repository (an in-process harness, or a served fake). */
export type OnFake = Pick<Harness, 'fake' | 'repo'>;

/** The real checker as the deployed app composes it (app/main.ts): core's rules, the app's python3 parser. */
export function realChecker(): AddonChecker {
  return pythonAddonChecker(new PythonProcessFacts({ python: defaultPython() }));
}

/** The checker as actions/check runs it in CI (runner's python3 parser), for the lint reports. */
function ciChecker(): AddonChecker {
  const python = new ProcessPythonFacts();
  return async (files, module) => (await checkFiles(files, { module, python })).findings;
}

/** A module request approved by a maintainer: the app's pull request with the generated addon. */
export async function openForgePull(harness: Harness): Promise<FakePull> {
  harness.repo.collaborators.set('maria', 'write');
  const issue = await fileRequest(harness);
  await say(harness, issue, maintainer, '/approve');
  const pull = [...harness.repo.pulls.values()][0];
  if (!pull) throw new Error('/approve opened no pull request');
  return pull;
}

/** The branch's files under `root/`, relative to it. */
export function addonFiles(harness: OnFake, branch: string, root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, content] of harness.fake.state.filesAt(harness.repo, branch))
    if (path.startsWith(`${root}/`)) files.set(path.slice(root.length + 1), content);
  return files;
}

/** A person's commit on `branch` that changes `edits` (path → new contents). */
export function commitAsPerson(harness: OnFake, branch: string, edits: Record<string, string>): string {
  const { state } = harness.fake;
  const repo = harness.repo;
  const head = repo.refs.get(`heads/${branch}`) as string;
  const tree = new Map((repo.trees.get(repo.commits.get(head)?.tree ?? '') ?? []).map((e) => [e.path, e]));
  for (const [path, content] of Object.entries(edits))
    tree.set(path, { path, mode: '100644', type: 'blob', sha: state.putBlob(repo, content) });
  const sha = state.putCommit(repo, {
    message: 'Tweak the views',
    tree: state.putTree(repo, [...tree.values()]),
    parents: [head],
  });
  repo.refs.set(`heads/${branch}`, sha);
  return sha;
}

/** actions/check's JSON report for the branch's addon, from the real checker. */
export async function checkReportOf(harness: OnFake, branch: string, root: string): Promise<Payload> {
  const module = root.split('/').pop() as string;
  const findings = (await ciChecker()(addonFiles(harness, branch, root), module)).map((f) => ({
    ...f,
    file: `${root}/${f.file}`,
  }));
  const count = (severity: string): number => findings.filter((f) => f.severity === severity).length;
  return {
    conclusion: count('error') > 0 ? 'failure' : 'success',
    addons: [{ name: module, dir: root }],
    withoutManifest: [],
    findings,
    counts: { error: count('error'), warning: count('warning'), info: count('info') },
  };
}

/** A test failure as actions/test reports it (runner/report/pr-report.ts). */
export interface TestFailureInput {
  test: string;
  file: string;
  line: number;
  message: string;
}

/** actions/test's PrReport for Odoo 18.0 with these test failures (none: success). */
export function testsReport(module: string, failures: TestFailureInput[], log = ''): Payload {
  const conclusion = failures.length > 0 ? 'failure' : 'success';
  return {
    version: 1,
    conclusion,
    touched: [module],
    dependents: [],
    series: [
      {
        series: '18.0',
        modules: [module],
        wallSeconds: 41.2,
        tests: {
          conclusion,
          reasons: failures.length > 0 ? [`${failures.length} test(s) failed`] : [],
          testsRun: 6,
          failed: failures.length,
          errors: 0,
          seconds: 12.5,
          modules: [
            {
              name: module,
              installed: true,
              testsRun: 6,
              failed: failures.length,
              failures: failures.map((f) => ({
                kind: 'fail',
                module,
                test: f.test,
                file: f.file,
                line: f.line,
                message: f.message,
                details: `Traceback (most recent call last):\n  File "${f.file}", line ${f.line}, in ${f.test.split('.').pop()}\n${f.message}`,
              })),
            },
          ],
          otherFailures: [],
          logExcerpt: log,
        },
        browser: { conclusion: 'success', actions: [], steps: 0, failures: [], screenshots: [], seconds: 0 },
      },
    ],
  };
}

/**
 * A completed run of the Forge workflow on the pull request's head with `reports` uploaded as
 * `odoo-forge-report-*` artifacts, announced by a real `workflow_run.completed` payload.
 */
export async function completeRun(
  harness: Harness,
  pull: FakePull,
  conclusion: 'success' | 'failure',
  reports: Record<string, Payload>,
): Promise<FakeWorkflowRun> {
  const repo = harness.repo;
  const headSha = repo.refs.get(`heads/${pull.head}`) as string;
  const run: FakeWorkflowRun = {
    id: harness.fake.state.nextId(),
    name: 'Odoo Forge',
    headSha,
    status: 'completed',
    conclusion,
    reruns: 0,
  };
  repo.workflowRuns.push(run);
  for (const [name, report] of Object.entries(reports))
    await addArtifact(repo, {
      id: harness.fake.state.nextId(),
      runId: run.id,
      name,
      files: { 'report.json': JSON.stringify(report) },
    });
  await harness.deliver('workflow_run', workflowRunPayload(harness, pull, run));
  await harness.settle();
  return run;
}

/** A real `workflow_run.completed` example payload for `run` of the pull request. */
export function workflowRunPayload(harness: OnFake, pull: FakePull, run: FakeWorkflowRun): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
    name: string;
    examples: Payload[];
  }>;
  const example = structuredClone(
    groups.find((g) => g.name === 'workflow_run')?.examples.find((e) => e.action === 'completed'),
  );
  if (!example) throw new Error('no example payload for workflow_run.completed');
  const { repo } = harness;
  const repository = {
    ...(example.repository as Payload),
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { ...((example.repository as Payload).owner as Payload), login: repo.owner },
  };
  return {
    ...example,
    workflow_run: {
      ...(example.workflow_run as Payload),
      id: run.id,
      name: 'Odoo Forge',
      path: '.github/workflows/odoo-forge.yml',
      head_sha: run.headSha,
      head_branch: pull.head,
      status: 'completed',
      conclusion: run.conclusion,
      html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
      pull_requests: [
        {
          id: pull.number,
          number: pull.number,
          url: `https://api.github.com/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
          head: { ref: pull.head, sha: run.headSha, repo: { id: repo.id, name: repo.name, url: '' } },
          base: {
            ref: pull.base,
            sha: repo.refs.get(`heads/${pull.base}`),
            repo: { id: repo.id, name: repo.name, url: '' },
          },
        },
      ],
    },
    repository,
    installation: { id: repo.installationId, node_id: 'INST' },
  };
}

/** The app's comments on the pull request, oldest first. */
export function pullComments(harness: Harness, pull: FakePull): FakeComment[] {
  return botComments(harness, pullAsIssue(pull));
}

/** `user` comments `body` on the pull request (GitHub's issue_comment on a pull request). */
export async function sayOnPull(harness: Harness, pull: FakePull, body: string): Promise<void> {
  await say(harness, pullAsIssue(pull), maintainer, body, { pullBody: pull.body, deliveryId: randomUUID() });
}

/** The commits of `branch` from its head down to (not including) `until`. */
export function commitsSince(harness: OnFake, branch: string, until: string): string[] {
  const out: string[] = [];
  let sha = harness.repo.refs.get(`heads/${branch}`);
  while (sha && sha !== until) {
    out.push(sha);
    sha = harness.repo.commits.get(sha)?.parents[0];
  }
  return out;
}
