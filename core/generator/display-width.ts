import table from './display-width-ranges.json' with { type: 'json' };

/**
 * The number of columns docutils gives a text (docutils.utils.column_width): 2 for each wide
 * or full-width character (East Asian Width W/F, such as CJK), 0 for a combining character, 1
 * for any other. A reStructuredText title whose over/underline is shorter than this makes
 * docutils warn "Title overline too short". The ranges are generated from Python's unicodedata
 * by scripts/collect_display_widths.py.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (inRanges(COMBINING, code)) continue;
    width += inRanges(WIDE, code) ? 2 : 1;
  }
  return width;
}

const WIDE: readonly number[] = table.wide;
const COMBINING: readonly number[] = table.combining;

/** Whether `code` is in one of the [start, end] pairs of a flat, sorted list (binary search). */
function inRanges(ranges: readonly number[], code: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = ranges[middle * 2] ?? 0;
    const end = ranges[middle * 2 + 1] ?? 0;
    if (code < start) high = middle - 1;
    else if (code > end) low = middle + 1;
    else return true;
  }
  return false;
}
