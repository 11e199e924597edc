import assert from 'node:assert/strict';
import { generate } from '../../../core/generator/generate.js';
import { parseSpec } from '../../../core/spec/parse-spec.js';
import { OpenApiRoutes } from '../../fakes/github/openapi-routes.js';
import { startHarness } from './forge-harness.js';
import { librarySpecYaml } from './issue-form-markdown.js';
import {
  addonFiles,
  commitAsPerson,
  commitsSince,
  completeRun,
  openForgePull,
  pullComments,
  realChecker,
  testsReport,
} from './repair-scenario.js';
import { WebhookPayloads } from './webhook-payloads.js';

export const LOAN_COUNT_MODULE = 'library_loans';

/** A maintainer's test of the loan count (the generated tests only see a new book's 0). */
export const LOAN_COUNT_TEST = `from odoo.tests import TransactionCase


class TestLoanCount(TransactionCase):
    def test_loan_count(self):
        book = self.env["library.book"].create({"title": "Dune"})
        partner = self.env["res.partner"].create({"name": "Reader"})
        self.env["library.loan"].create(
            {"book_id": book.id, "partner_id": partner.id, "date_out": "2024-01-10"}
        )
        self.assertEqual(book.loan_count, 1)
`;

/** The test that the broken addon fails, as Odoo names it. */
export const LOAN_COUNT_TEST_ID = `odoo.addons.${LOAN_COUNT_MODULE}.tests.test_loan_count.TestLoanCount.test_loan_count`;

export interface LoanCountRepair {
  /** The addon on the branch when the run failed (files relative to the addon folder). */
  broken: Map<string, string>;
  /** The addon on the branch after the app's repair commit. */
  pushed: Map<string, string>;
}

/**
 * The app's model repair of a failing test, in process against the GitHub fake: a Forge pull
 * request of examples/library.yaml, a person's commit that adds a loan-count test and breaks the
 * count (`record.loan_count = 0`), a failed run whose actions/test report names that test, the
 * recorded model answer `repair-loan-count`, the app's checker. Answers both versions of the addon.
 */
export async function repairLoanCountThroughTheApp(): Promise<LoanCountRepair> {
  const harness = await startHarness({
    routes: OpenApiRoutes.load(),
    payloads: new WebhookPayloads(),
    addonChecker: realChecker(),
    llmFixtures: ['repair-loan-count'],
  });
  try {
    const parsed = parseSpec(librarySpecYaml);
    assert.ok(parsed.ok, 'examples/library.yaml is valid');
    const generated = generate(parsed.spec);
    const pull = await openForgePull(harness);
    const book = generated.get('models/library_book.py') as string;
    const broken = book.replace('record.loan_count = len(record.loan_ids)', 'record.loan_count = 0');
    assert.notEqual(broken, book);
    const root = LOAN_COUNT_MODULE;
    const before = commitAsPerson(harness, pull.head, {
      [`${root}/models/library_book.py`]: broken,
      [`${root}/tests/__init__.py`]: `${generated.get('tests/__init__.py') ?? ''}from . import test_loan_count\n`,
      [`${root}/tests/test_loan_count.py`]: LOAN_COUNT_TEST,
    });
    const brokenFiles = addonFiles(harness, pull.head, root);
    const failure = {
      test: LOAN_COUNT_TEST_ID,
      file: `${root}/tests/test_loan_count.py`,
      line: 11,
      message: 'AssertionError: 0 != 1',
    };
    await completeRun(harness, pull, 'failure', { 'odoo-forge-report-18.0': testsReport(root, [failure]) });

    assert.equal(harness.llm?.requests.length, 1, 'the model was asked once');
    assert.equal(commitsSince(harness, pull.head, before).length, 1, 'one repair commit');
    const comments = pullComments(harness, pull);
    assert.equal(comments.length, 1, 'one comment');
    assert.match(comments[0]?.body ?? '', /Repair attempt 1 of 3.*from the model/);
    const pushed = addonFiles(harness, pull.head, root);
    await harness.close();
    harness.fake.assertClean();
    return { broken: brokenFiles, pushed };
  } catch (thrown) {
    await harness.close();
    throw thrown;
  }
}
