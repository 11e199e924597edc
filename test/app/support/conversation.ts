import type { FakeComment, FakeIssue, FakePull, FakeUser } from '../../fakes/github/github-state.js';
import type { Harness } from './forge-harness.js';
import { issueFormMarkdown, librarySpecYaml } from './issue-form-markdown.js';

export const alice: FakeUser = { login: 'alice', id: 501, type: 'User' };
export const maintainer: FakeUser = { login: 'maria', id: 502, type: 'User' };
export const reader: FakeUser = { login: 'rob', id: 503, type: 'User' };

/** Files a module-request issue whose form carries `yaml`, and waits for the app's answer. */
export async function fileRequest(harness: Harness, yaml = librarySpecYaml): Promise<FakeIssue> {
  const issue = harness.fake.state.addIssue(harness.repo, {
    title: 'Library loans',
    body: issueFormMarkdown({ description: 'Lend books.', yaml }),
    user: alice,
  });
  await harness.deliver('issues', harness.payloads.issueOpened(harness.repo, issue));
  await harness.settle();
  return issue;
}

/** `user` comments `body` on `issue`; the webhook is delivered and the work awaited. */
export async function say(
  harness: Harness,
  issue: FakeIssue,
  user: FakeUser,
  body: string,
  options: { deliveryId?: string; pullBody?: string } = {},
): Promise<{ comment: FakeComment; status: number }> {
  const comment = harness.fake.state.addComment(harness.repo, issue.number, body, user);
  const payload = harness.payloads.commentCreated(harness.repo, issue, comment, options.pullBody);
  const status = await harness.deliver(
    'issue_comment',
    payload,
    options.deliveryId ? { id: options.deliveryId } : {},
  );
  await harness.settle();
  return { comment, status };
}

/** The app's comments on an issue, oldest first. */
export function botComments(harness: Harness, issue: FakeIssue): FakeComment[] {
  return harness.fake.state.commentsOn(harness.repo, issue.number).filter((c) => c.user.type === 'Bot');
}

/** An open pull request as the issue a comment on it is made on (GitHub's issue_comment view). */
export function pullAsIssue(pull: FakePull): FakeIssue {
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body,
    user: pull.user,
    state: 'open',
    labels: [],
    isPullRequest: true,
  };
}
