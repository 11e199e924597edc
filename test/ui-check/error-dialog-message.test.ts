import assert from 'node:assert/strict';
import { test } from 'node:test';
import { causeOf, DETAILS_BUTTON } from '../../runner/ui-check/error-dialog-message.js';
import { supportedSeries } from '../support/odoo-trees.js';

// The cause kept from the traceback behind Odoo's error dialog (the real dialogs of each series
// are read in browser-checks.test.ts); here the rules on traceback shapes seen there.

test('the last "Caused by" line of a client error is its cause', () => {
  const traceback = [
    'OwlError: An error occured in the owl lifecycle (see this Error\'s "cause" property)',
    '    at handleError (web.assets_web.min.js:912:101)',
    "Caused by: Error: Missing 'kanban-box' template.",
    '    at KanbanArchParser.parse (web.assets_web.min.js:1:1)',
  ].join('\n');
  assert.equal(causeOf(traceback), "Error: Missing 'kanban-box' template.");
});

test("a server traceback's cause is the exception line that ends it, not the RPC wrapper", () => {
  const traceback = [
    'RPC_ERROR: Odoo Server Error',
    'Traceback (most recent call last):',
    '  File "/odoo/http.py", line 1, in _call_function',
    '    return self.dispatch(endpoint, args)',
    '  File "/addons/library_loans/models/library_book.py", line 83, in action_make_available',
    '    raise ValueError("boom")',
    'ValueError: boom',
    '',
    'The above server error caused the following client error:',
    'RPC_ERROR: Odoo Server Error',
  ].join('\n');
  assert.equal(causeOf(traceback), 'ValueError: boom');
});

test('every supported series has the label of its details button', () => {
  for (const series of supportedSeries) assert.match(DETAILS_BUTTON[series], /details/);
});
