import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelMarker, cancelStateOf, REOPEN_MARKER } from '../../../app/spec-comment/cancel-marker.js';

const at = (body: string, n: number): { body: string; url: string } => ({ body, url: `https://x/c${n}` });

describe('cancelStateOf', () => {
  it('follows the app comments in order: the latest cancel or reopen decides', () => {
    assert.equal(cancelStateOf([]), undefined);
    assert.deepEqual(cancelStateOf([at('spec v1', 1), at(`${cancelMarker(7)}\nCancelled`, 2)]), {
      pullNumber: 7,
      url: 'https://x/c2',
    });
    assert.equal(cancelStateOf([at(cancelMarker(7), 1), at(`${REOPEN_MARKER}\nReopened`, 2)]), undefined);
    assert.deepEqual(
      cancelStateOf([at(cancelMarker(7), 1), at(REOPEN_MARKER, 2), at(cancelMarker(undefined), 3)]),
      { pullNumber: undefined, url: 'https://x/c3' },
    );
  });

  it('reads the pull request number, also without spaces, and ignores look-alike markers', () => {
    assert.equal(cancelStateOf([at('see <!-- odoo-forge:cancelledx -->', 1)]), undefined);
    assert.deepEqual(cancelStateOf([at('<!--odoo-forge:cancelled pr=12-->', 1)])?.pullNumber, 12);
  });
});
