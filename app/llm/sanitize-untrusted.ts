/**
 * Makes issue or comment text fit to reach the model: removes zero-width and bidi control
 * characters, Unicode tag characters and other control characters except newline and tab,
 * then HTML comments (invisible on GitHub, a classic place for injected instructions; removed
 * after the invisible characters so that `<!\u200B--` cannot hide one); caps the length.
 * The result is still untrusted data and is always framed as such in the prompt.
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
  return result.length > maxLength ? `${result.slice(0, maxLength)}\n[… truncated]` : result.trim();
}
