import type { ScoringModel } from './scoring-model';

export const DISPLACED_REASON = 'every compatible mentor was given to someone who fit better; you go first next round';

/**
 * Why a mentee got nobody, naming the first rule that empties their list of mentors: nobody at all, then
 * language, then room, then blocks and history. If some mentor was allowed, the optimum gave them away.
 */
export function explainUnmatched(model: ScoringModel, mentee: number): string {
  const me = model.mentees[mentee]!.id;
  let anyone = false;
  let language = false;
  let room = false;
  for (let j = 0; j < model.mentors.length; j++) {
    if (model.mentors[j]!.id === me) continue;
    anyone = true;
    if (!model.sharesLanguage(mentee, j)) continue;
    language = true;
    if (model.capacity[j]! <= 0) continue;
    room = true;
    if (!model.identityExcluded(mentee, j)) return DISPLACED_REASON;
  }
  if (!anyone) return 'no mentors signed up';
  if (!language) return 'no mentor shares a language';
  if (!room) return 'every compatible mentor is full';
  return 'blocked or already paired with every mentor with room';
}
