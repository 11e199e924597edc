// Wall time of the actions/check bundle on a pull request that touches N real Odoo 18.0 addons
// (copied from the source tree into a temporary repository as addons/<name>), run as the Actions
// runner runs it (test/actions/support/run-action.ts) against the GitHub fake, under Node 20
// and Node 24. Prints one line per runtime: addons, files, findings, annotations and requests
// of the check run, seconds.
// Usage: node --import tsx bench/actions-check-bench.ts [N=40] [ODOO_SRC_18 or /work/shared/odoo/18.0]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startActionGitHub } from '../test/actions/support/action-github.js';
import { addonFiles, makeGitWorkspace, type TreeFiles } from '../test/actions/support/git-workspace.js';
import { pullRequestEvent } from '../test/actions/support/pull-request-event.js';
import { nodeRuntimes, runAction } from '../test/actions/support/run-action.js';

const count = Number(process.argv[2] ?? 40);
const tree = process.argv[3] ?? process.env.ODOO_SRC_18 ?? '/work/shared/odoo/18.0';
const addonsDir = join(tree, 'odoo', 'addons');
const names = readdirSync(addonsDir)
  .filter((name) => !name.startsWith('_'))
  .sort()
  .slice(0, count);
const head: TreeFiles = {};
for (const name of names) Object.assign(head, addonFiles(join(addonsDir, name), `addons/${name}`));
const ws = makeGitWorkspace({}, head);
const github = await startActionGitHub();
try {
  for (const node of nodeRuntimes) {
    const started = performance.now();
    const run = await runAction({
      action: 'check',
      node,
      inputs: { 'addons-path': 'addons', 'github-token': github.token },
      workspace: ws.dir,
      event: pullRequestEvent({
        owner: 'acme',
        repo: 'addons',
        number: 1,
        baseSha: ws.baseSha,
        headSha: ws.headSha,
      }),
      apiUrl: github.served.baseUrl,
      repository: github.repository,
      sha: ws.headSha,
    });
    const seconds = (performance.now() - started) / 1000;
    const report = JSON.parse(run.main.outputFiles.report ?? '{"findings":[]}') as { findings: unknown[] };
    const check = github.repo.checkRuns.at(-1);
    console.log(
      `${node.name}: ${names.length} addons, ${Object.keys(head).length} files, ${report.findings.length} findings; ` +
        `check run ${check?.conclusion} with ${check?.annotations.length} annotations in ${check?.annotationRequests} request(s); ` +
        `main + post ${seconds.toFixed(1)} s`,
    );
  }
} finally {
  await github.close();
  ws.remove();
}
