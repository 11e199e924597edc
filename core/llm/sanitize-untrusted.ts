/**
 * Characters a reader, or a model, may take for `<` or `>`: the ASCII ones and their look-alikes
 * (fullwidth, small, angle quotation marks, CJK and mathematical angle brackets, modifier
 * arrowheads, Canadian syllabics). Escaping them all means untrusted text cannot write a tag,
 * so it cannot close (or fake) the delimiter that frames it in the prompt.
 */
const LESS_THAN = /[<\uFF1C\uFE64\u2039\u2329\u3008\u27E8\u276E\u02C2\u1438]/g;
const GREATER_THAN = /[>\uFF1E\uFE65\u203A\u232A\u3009\u27E9\u276F\u02C3\u1433]/g;

/**
 * Makes issue or comment text fit to reach the model: removes zero-width and bidi control
 * characters, Unicode tag characters and other control characters except newline and tab,
 * then HTML comments (invisible on GitHub, a classic place for injected instructions; removed
 * after the invisible characters so that `<!\u200B--` cannot hide one); caps the length; and
 * escapes `&`, `<`, `>` (and look-alikes of the brackets) as `&amp;`, `&lt;`, `&gt;`, so the text
 * can never close the `<untrusted_…>` delimiter around it. The result is still untrusted data and
 * is always framed as such in the prompt.
 */
export function sanitizeUntrusted(text: string, maxLength = 8000): string {
  let result = text
    .replace(/\r\n?/g, '\n')
    // zero-width, joiners, bidi embeddings/overrides/isolates, word joiner…, BOM, soft hyphen
    .replace(/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g, '')
    // Unicode "tag" characters (U+E0000–U+E007F) used to smuggle invisible ASCII
    .replace(/[\u{E0000}-\u{E007F}]/gu, '')
    // C0/C1 controls except \n and \t
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));
  let previous: string;
  do {
    previous = result;
    result = result.replace(/<!--[\s\S]*?(-->|$)/g, '');
  } while (result !== previous);
  const capped = result.length > maxLength ? `${result.slice(0, maxLength)}\n[… truncated]` : result.trim();
  return escapeBrackets(capped);
}

/** `&`, `<`, `>` and the bracket look-alikes as character references. */
export function escapeBrackets(text: string): string {
  return text.replace(/&/g, '&amp;').replace(LESS_THAN, '&lt;').replace(GREATER_THAN, '&gt;');
}

/**
 * A Markdown code fence that `content` cannot close: one backtick longer than the longest run of
 * backticks inside it (CommonMark's rule), at least three.
 */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
