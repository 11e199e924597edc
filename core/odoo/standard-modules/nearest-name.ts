import { editDistance } from '../../text/edit-distance.js';

/**
 * The candidate closest to `given` when it is close enough to be a typo (at most 2 edits, 3 for
 * names past 12 characters), else undefined. Ties go to the earlier candidate.
 */
export function nearestName(given: string, candidates: Iterable<string>): string | undefined {
  const limit = given.length > 12 ? 3 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - given.length) >= bestDistance) continue;
    const distance = editDistance(given, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
