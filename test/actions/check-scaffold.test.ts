import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtureAddons18 } from '../support/fixture-addons.js';
import { addonFiles, makeGitWorkspace } from './support/git-workspace.js';
import { pullRequestEvent } from './support/pull-request-event.js';
import { nodeRuntimes, runAction } from './support/run-action.js';

for (const node of nodeRuntimes) {
  describe(`actions/check bundle on ${node.name}`, () => {
    it('annotates a checker error on its repository path and line, and fails', async () => {
      const ws = makeGitWorkspace(
        addonFiles(join(fixtureAddons18, 'forge_fx_clean'), 'addons/forge_fx_clean'),
        addonFiles(join(fixtureAddons18, 'forge_fx_badview'), 'addons/forge_fx_badview'),
      );
      try {
        const run = await runAction({
          action: 'check',
          node,
          inputs: { 'addons-path': 'addons', 'github-token': '' },
          workspace: ws.dir,
          event: pullRequestEvent({
            owner: 'acme',
            repo: 'addons',
            number: 7,
            baseSha: ws.baseSha,
            headSha: ws.headSha,
          }),
          apiUrl: 'http://127.0.0.1:9/api/v3',
          repository: 'acme/addons',
          sha: ws.headSha,
        });
        assert.equal(run.main.outputs.conclusion, 'failure', run.main.stdout + run.main.stderr);
        assert.equal(run.main.exitCode, 1);
        const annotation = run.main.annotations.find((a) => a.properties.title === 'view-unknown-field');
        assert.equal(annotation?.properties.file, 'addons/forge_fx_badview/views/fx_thing_views.xml');
        assert.equal(annotation?.properties.line, '12');
        assert.match(run.main.summary, /missing_field/);
      } finally {
        ws.remove();
      }
    });
  });
}
