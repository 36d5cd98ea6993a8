import { explainPair } from './explain-pair';
import { explainUnmatched } from './explain-unmatched';
import { buildScoringModel, resolveWeights } from './scoring-model';
import { solveAssignment } from './solve-assignment';
import type { MatchMentor, MatchOptions, MatchPair, MatchPool, MatchResult, Unmatched } from './types';

/** Enough for the optimum to sit inside the candidate lists almost always; the proof covers the rest. */
export const DEFAULT_CANDIDATES_PER_MENTEE = 32;

interface Seat {
  mentee: number;
  mentor: number;
  base: number;
  forced: boolean;
}

/**
 * A whole pairing round: hard rules, soft scores, the exact optimum (most mentees matched, then the largest
 * total of base score − loadSpread × (load + k) over the slot k each pair takes), and a reason for every
 * pair and every mentee left out. Forced pairs (moderator locks) are kept as they are and take their
 * mentor's first slots; ids in `forced` that are not in the pool are ignored.
 */
export function matchPool(pool: MatchPool, options: MatchOptions = {}): MatchResult {
  const weights = resolveWeights(pool.weights);
  const mentorAt = new Map<string, number>();
  pool.mentors.forEach((m, j) => mentorAt.has(m.id) || mentorAt.set(m.id, j));
  const menteeAt = new Map<string, number>();
  pool.mentees.forEach((e, i) => menteeAt.has(e.id) || menteeAt.set(e.id, i));

  const seats: Seat[] = [];
  const forcedCount = new Int32Array(pool.mentors.length);
  const seated = new Uint8Array(pool.mentees.length);
  for (const f of pool.forced ?? []) {
    const j = mentorAt.get(f.mentor);
    const i = menteeAt.get(f.mentee);
    if (j === undefined || i === undefined || seated[i] === 1) continue;
    seated[i] = 1;
    forcedCount[j]!++;
    seats.push({ mentee: i, mentor: j, base: 0, forced: true });
  }
  const mentors: MatchMentor[] = pool.mentors.map((m, j) =>
    forcedCount[j] === 0
      ? m
      : { ...m, capacity: Math.max(0, m.capacity - forcedCount[j]!), load: (m.load ?? 0) + forcedCount[j]! },
  );
  const model = buildScoringModel({ ...pool, mentors, weights });
  for (const s of seats) s.base = model.baseScore(s.mentee, s.mentor);

  const rowMentee: number[] = [];
  pool.mentees.forEach((_, i) => seated[i] === 0 && rowMentee.push(i));
  const solved = solveAssignment({
    rows: rowMentee.length,
    groups: mentors.length,
    capacity: model.capacity,
    penaltyBase: model.load.map((l) => l * weights.loadSpread),
    penaltyStep: weights.loadSpread,
    fillRow: (r, out) => model.fillRow(rowMentee[r]!, out),
    scoreOne: (r, g) => model.allowedScore(rowMentee[r]!, g),
    scoreRange: model.scoreRange,
    candidatesPerRow: options.candidatesPerMentee ?? DEFAULT_CANDIDATES_PER_MENTEE,
    ...(options.candidatesPerMentor === undefined ? {} : { candidatesPerGroup: options.candidatesPerMentor }),
  });
  rowMentee.forEach((i, r) => {
    const j = solved.groupOf[r]!;
    if (j >= 0) seats.push({ mentee: i, mentor: j, base: model.baseScore(i, j), forced: false });
  });

  // Within a mentor the slot order does not change the total; give the cheapest slots to the best fits.
  const byMentor = new Map<number, Seat[]>();
  for (const s of seats) {
    if (s.forced) continue;
    const list = byMentor.get(s.mentor);
    if (list === undefined) byMentor.set(s.mentor, [s]);
    else list.push(s);
  }
  const slotOf = new Map<Seat, number>();
  const forcedSlot = new Int32Array(pool.mentors.length);
  for (const s of seats) if (s.forced) slotOf.set(s, forcedSlot[s.mentor]!++);
  for (const list of byMentor.values()) {
    list.sort((a, b) => b.base - a.base || a.mentee - b.mentee);
    list.forEach((s, k) => slotOf.set(s, forcedCount[s.mentor]! + k));
  }

  const pairs: MatchPair[] = [];
  let totalScore = 0;
  seats.sort((a, b) => a.mentee - b.mentee);
  for (const s of seats) {
    const load = Math.max(0, pool.mentors[s.mentor]!.load ?? 0) + slotOf.get(s)!;
    const penalty = weights.loadSpread * load;
    const score = s.base - penalty;
    const reasons = explainPair(model, s.mentee, s.mentor, { load, penalty });
    if (s.forced) reasons.unshift('paired by a moderator');
    pairs.push({ mentor: pool.mentors[s.mentor]!.id, mentee: pool.mentees[s.mentee]!.id, score, reasons });
    totalScore += score;
  }
  const unmatched: Unmatched[] = [];
  const paired = new Uint8Array(pool.mentees.length);
  for (const s of seats) paired[s.mentee] = 1;
  pool.mentees.forEach((e, i) => paired[i] === 0 && unmatched.push({ id: e.id, reason: explainUnmatched(model, i) }));
  return { pairs, unmatched, totalScore, proof: solved.proof };
}
