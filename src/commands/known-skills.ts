import type { CommunityId } from '../domain/ids';
import type { Store } from '../ports/store';

/** Discord shows at most 25 suggestions. */
const MAX_SUGGESTIONS = 25;

/**
 * Skills and goals people of this community already named, most common first, that start like `typed`: what
 * a form or an autocomplete offers, so people converge on the same words (matching compares them).
 */
export function knownSkills(
  store: Store,
  communityId: CommunityId,
  typed: string,
  limit = MAX_SUGGESTIONS,
): Promise<string[]> {
  return store.knownSkills(communityId, typed.trim().slice(0, 60), Math.min(Math.max(limit, 1), MAX_SUGGESTIONS));
}
