import type { CommunitySettings } from '../domain/community-settings';
import type { CommunityId } from '../domain/ids';
import type { Store } from '../ports/store';

/**
 * A community's settings outside a command, for adapters that deliver messages (a fallback channel). A message
 * for a community implies it exists; `ensureCommunity` with '' keeps its stored name.
 */
export function communitySettingsOf(store: Store, communityId: CommunityId): Promise<CommunitySettings> {
  return store.transaction(async (tx) => (await tx.ensureCommunity(communityId, '')).settings);
}
