/**
 * Skills, goals and languages are typed by people ("Pricing ", "finding  clients", "ES"): compare them
 * case-insensitively with whitespace collapsed, so spelling variants of the same tag meet.
 */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Normalised, de-duplicated, empty entries dropped; first-seen order kept for stable explanations. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const n = normalizeTag(tag);
    if (n !== '' && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}
