import { distance } from 'fastest-levenshtein';

/**
 * The known word a person probably meant, or null. A word contained in a known one ('quiet' in 'quiet-hours')
 * wins; otherwise an edit distance small for the word's length (a typo such as 'jion'), so short or unrelated
 * words get no wild guess.
 */
export function closestWord(word: string, known: readonly string[]): string | null {
  const typed = word.toLowerCase();
  if (typed.length >= 3) {
    const containing = known.find((candidate) => candidate.includes(typed));
    if (containing) return containing;
  }
  const allowed = typed.length >= 6 ? 3 : typed.length >= 4 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const d = distance(typed, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
