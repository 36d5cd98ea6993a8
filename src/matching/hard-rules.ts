import type { MatchHistoryEntry, MatchMentee, MatchMentor, MatchPool } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A past pairing blocks a new one while it is active or undated (no endedAt), or when it ended less than
 * `windowDays` before `now`. An end date after `now` means the pairing is still running, so it blocks too.
 */
export function isRecentPairing(entry: MatchHistoryEntry, now: Date, windowDays: number): boolean {
  if (entry.endedAt === undefined) return true;
  return now.getTime() - entry.endedAt.getTime() < windowDays * DAY_MS;
}

function indexById(people: readonly { id: string }[]): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  people.forEach((p, index) => {
    const list = byId.get(p.id);
    if (list === undefined) byId.set(p.id, [index]);
    else list.push(index);
  });
  return byId;
}

/**
 * The hard rules that depend on identities rather than profiles, as a sorted list of forbidden mentor
 * indices per mentee: the same person (a 'both' member sits in both lists), a block in either direction,
 * and a recent pairing in either role (the same two people were a pair, whoever mentored whom).
 * Lists are sparse: most mentees have none, so the hot scoring loop pays nothing for them.
 */
export function buildExclusions(
  pool: Pick<MatchPool, 'history' | 'blocked' | 'repeatWindowDays' | 'now'>,
  mentors: readonly MatchMentor[],
  mentees: readonly MatchMentee[],
): (Int32Array | undefined)[] {
  const mentorIdx = indexById(mentors);
  const menteeIdx = indexById(mentees);
  const lists = new Map<number, Set<number>>();
  const forbid = (menteeId: string, mentorId: string): void => {
    const es = menteeIdx.get(menteeId);
    const ms = mentorIdx.get(mentorId);
    if (es === undefined || ms === undefined) return;
    for (const e of es) {
      let set = lists.get(e);
      if (set === undefined) lists.set(e, (set = new Set()));
      for (const m of ms) set.add(m);
    }
  };
  for (const id of menteeIdx.keys()) forbid(id, id);
  for (const [a, b] of pool.blocked) {
    forbid(a, b);
    forbid(b, a);
  }
  for (const entry of pool.history) {
    if (!isRecentPairing(entry, pool.now, pool.repeatWindowDays)) continue;
    forbid(entry.mentee, entry.mentor);
    forbid(entry.mentor, entry.mentee);
  }
  const out: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(mentees.length).fill(undefined);
  for (const [e, set] of lists) out[e] = Int32Array.from(set).sort();
  return out;
}

/** Binary search in a sorted exclusion list. */
export function isExcluded(list: Int32Array | undefined, mentorIndex: number): boolean {
  if (list === undefined) return false;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid] as number;
    if (v === mentorIndex) return true;
    if (v < mentorIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
