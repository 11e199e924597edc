import { FakeGitHub } from '../../fakes/github/fake-github.js';
import type { FakeRepo } from '../../fakes/github/github-state.js';
import { OpenApiRoutes } from '../../fakes/github/openapi-routes.js';
import { serveFakeGitHub, type ServedFakeGitHub } from '../../fakes/github/serve-fake-github.js';

/** The fake GitHub an action's bundle talks to (GITHUB_API_URL), with one repository. */
export interface ActionGitHub {
  fake: FakeGitHub;
  served: ServedFakeGitHub;
  repo: FakeRepo;
  /** `owner/name`, for GITHUB_REPOSITORY. */
  repository: string;
  /** An installation token of the repository's installation: may write checks. */
  token: string;
  /** A token that may read but not write (as a fork's GITHUB_TOKEN): check writes answer 403. */
  readOnlyToken: string;
  /** A token of another installation: the repository answers 404. */
  foreignToken: string;
  close(): Promise<void>;
}

let routes: OpenApiRoutes | undefined;

/** Starts a fake GitHub serving one repository `owner/name` over HTTP. */
export async function startActionGitHub(owner = 'acme', name = 'addons'): Promise<ActionGitHub> {
  routes ??= OpenApiRoutes.load();
  const fake = new FakeGitHub(routes);
  const repo = fake.state.addRepo(owner, name, { installationId: 31 });
  const readOnlyToken = 'ghs_installation_31_read_only';
  fake.state.readOnlyTokens.add(readOnlyToken);
  const served = await serveFakeGitHub(fake);
  return {
    fake,
    served,
    repo,
    repository: `${owner}/${name}`,
    token: 'ghs_installation_31',
    readOnlyToken,
    foreignToken: 'ghs_installation_77',
    close: () => served.close(),
  };
}
