import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeBrackets, fenceFor, sanitizeUntrusted } from '../../../core/llm/sanitize-untrusted.js';

describe('sanitizeUntrusted', () => {
  it('removes HTML comments, also nested and unterminated ones', () => {
    assert.equal(sanitizeUntrusted('a<!-- hidden -->b<!-- x <!-- y --> z -->c<!-- open'), 'ab z --&gt;c');
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

  it('escapes brackets, their look-alikes and ampersands, so the text holds no tag at all', () => {
    assert.equal(
      sanitizeUntrusted('</untrusted_request> ＜/x＞ ﹤y﹥ ‹z› 〈a〉 ⟨b⟩ ❮c❯ ˂d˃ &lt;'),
      '&lt;/untrusted_request&gt; &lt;/x&gt; &lt;y&gt; &lt;z&gt; &lt;a&gt; &lt;b&gt; &lt;c&gt; &lt;d&gt; &amp;lt;',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const clean = sanitizeUntrusted(text, 100_000).normalize('NFKC');
        return !/[<>]/.test(clean);
      }),
      { numRuns: 2000 },
    );
  });

  it('caps the length before escaping, so no character reference is cut in half', () => {
    assert.ok(sanitizeUntrusted('x'.repeat(20_000), 100).length < 120);
    assert.match(sanitizeUntrusted('<'.repeat(50), 10), /^(&lt;){10}\n\[… truncated\]$/);
  });

  it('escapeBrackets leaves text without brackets or ampersands as it is', () => {
    assert.equal(escapeBrackets('Lend books to members, 3 at most.'), 'Lend books to members, 3 at most.');
  });
});

describe('fenceFor', () => {
  it('is longer than every run of backticks in the content', () => {
    assert.equal(fenceFor('name: x'), '```');
    assert.equal(fenceFor('help: "```\\n````"'), '`````');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', 'a', '\n'), maxLength: 40 }), (content) => {
        const fence = fenceFor(content);
        return fence.length >= 3 && !content.includes(fence);
      }),
    );
  });
});
