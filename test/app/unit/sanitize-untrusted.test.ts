import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sanitizeUntrusted } from '../../../app/llm/sanitize-untrusted.js';

describe('sanitizeUntrusted', () => {
  it('removes HTML comments, also nested and unterminated ones', () => {
    assert.equal(sanitizeUntrusted('a<!-- hidden -->b<!-- x <!-- y --> z -->c<!-- open'), 'ab z -->c');
  });

  it('removes zero-width, bidi and tag characters and control characters, keeps newlines and tabs', () => {
    assert.equal(sanitizeUntrusted('a\u200Bb\u202Ec\u2066d\uFEFFe\u{E0041}f\u0007g\n\th'), 'abcdefg\n\th');
  });

  it('never lets an HTML comment opener or an invisible character through', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('<', '!', '-', '>', 'a', ' ', '\n', '\u200B', '\u202E', '\uFEFF', '\u0007'),
          maxLength: 60,
        }),
        (text) => {
          const clean = sanitizeUntrusted(text, 100_000);
          return !clean.includes('<!--') && !/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/.test(clean);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('caps the length', () => {
    assert.ok(sanitizeUntrusted('x'.repeat(20_000), 100).length < 120);
  });
});
