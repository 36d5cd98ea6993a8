import { cadenceFit, combineFit, experienceFit, priorityFit, timezoneFit } from './fit-components';
import { buildExclusions, isExcluded } from './hard-rules';
import { normalizeTag, normalizeTags } from './normalize-tag';
import { skillRarity } from './skill-rarity';
import { overlapHoursFromOffsets, utcOffsetMinutes } from './timezone-overlap';
import { DEFAULT_MATCH_WEIGHTS, type MatchMentee, type MatchMentor, type MatchPool, type MatchWeights } from './types';

/**
 * Everything needed to score a (mentee, mentor) pair, precomputed into flat typed arrays: a full round is
 * ten thousand mentees × three thousand mentors, and scoring every pair must stay a tight numeric loop
 * (bit masks for languages and skills, a small table for time zones, no strings, no allocation).
 */
export interface ScoringModel {
  readonly weights: MatchWeights;
  readonly mentors: readonly MatchMentor[];
  readonly mentees: readonly MatchMentee[];
  /** Whole, non-negative free slots per mentor. */
  readonly capacity: Int32Array;
  /** Mentees each mentor already holds (non-negative). */
  readonly load: Float64Array;
  /** Every base score lies in this range (each component is in [0, 1]). */
  readonly scoreRange: readonly [number, number];
  /** The soft score of a pair, ignoring hard rules and load. */
  baseScore(mentee: number, mentor: number): number;
  /** The soft score when every hard rule allows the pair (including room), NaN otherwise. */
  allowedScore(mentee: number, mentor: number): number;
  /** allowedScore for every mentor at once, written into `out` (length = mentors). */
  fillRow(mentee: number, out: Float64Array): void;
  sharesLanguage(mentee: number, mentor: number): boolean;
  /** Same person, blocked, or paired too recently. */
  identityExcluded(mentee: number, mentor: number): boolean;
  /** The mentee's goals (as they wrote them) that the mentor offers, their count, and the rarity-weighted fit. */
  goalDetail(mentee: number, mentor: number): { shared: string[]; total: number; fit: number };
  timezoneHours(mentee: number, mentor: number): number | undefined;
  sharedLanguages(mentee: number, mentor: number): string[];
}

export function resolveWeights(partial: Partial<MatchWeights> | undefined): MatchWeights {
  const w: MatchWeights = { ...DEFAULT_MATCH_WEIGHTS };
  for (const key of Object.keys(w) as (keyof MatchWeights)[]) {
    const value = partial?.[key];
    if (value !== undefined && Number.isFinite(value)) w[key] = value;
  }
  // A negative spread would make later slots cheaper and break "slots fill in order".
  w.loadSpread = Math.max(0, w.loadSpread);
  return w;
}

/** Interns tags as small integers so that sets become bit masks of `words` 32-bit words per person. */
function maskBuilder(vocabulary: Map<string, number>, people: number) {
  const words = Math.max(1, Math.ceil(vocabulary.size / 32));
  const masks = new Int32Array(people * words);
  const counts = new Int32Array(people);
  const set = (person: number, tags: readonly string[]): void => {
    for (const tag of tags) {
      const id = vocabulary.get(tag);
      if (id === undefined) continue;
      masks[person * words + (id >> 5)]! |= 1 << (id & 31);
    }
    counts[person] = tags.length;
  };
  return { words, masks, counts, set };
}

function distinctValues(xs: Float64Array): { values: number[]; index: Map<number, number> } {
  const index = new Map<number, number>();
  for (const x of xs) if (!index.has(x)) index.set(x, index.size);
  return { values: [...index.keys()], index };
}

function log2OrNaN(days: number | undefined): number {
  return days !== undefined && days > 0 ? Math.log2(days) : NaN;
}

export function buildScoringModel(pool: MatchPool): ScoringModel {
  const { mentors, mentees, now } = pool;
  const weights = resolveWeights(pool.weights);
  const nM = mentors.length;
  const nE = mentees.length;
  const capacity = Int32Array.from(mentors, (m) => Math.max(0, Math.floor(m.capacity)));
  const load = Float64Array.from(mentors, (m) => Math.max(0, m.load ?? 0));

  const menteeLangs = mentees.map((e) => normalizeTags(e.languages));
  const mentorLangs = mentors.map((m) => normalizeTags(m.languages));
  const langVocab = new Map<string, number>();
  for (const list of [...menteeLangs, ...mentorLangs])
    for (const l of list) if (!langVocab.has(l)) langVocab.set(l, langVocab.size);
  const eLang = maskBuilder(langVocab, nE);
  const mLang = maskBuilder(langVocab, nM);
  menteeLangs.forEach((l, i) => eLang.set(i, l));
  mentorLangs.forEach((l, j) => mLang.set(j, l));
  const LW = eLang.words;

  // Only skills some mentee asks for can contribute, so the skill vocabulary is the mentees' goals.
  const menteeGoals = mentees.map((e) => normalizeTags(e.goals));
  const mentorSkills = mentors.map((m) => normalizeTags(m.skills));
  const rarity = skillRarity(mentorSkills);
  const goalVocab = new Map<string, number>();
  for (const list of menteeGoals) for (const g of list) if (!goalVocab.has(g)) goalVocab.set(g, goalVocab.size);
  const mSkill = maskBuilder(goalVocab, nM);
  mentorSkills.forEach((s, j) => mSkill.set(j, s));
  const SW = mSkill.words;
  const goalStart = new Int32Array(nE + 1);
  menteeGoals.forEach((g, i) => (goalStart[i + 1] = goalStart[i]! + g.length));
  const goalId = new Int32Array(goalStart[nE]!);
  const goalWeight = new Float64Array(goalStart[nE]!);
  const goalNorm = new Float64Array(nE);
  menteeGoals.forEach((goals, i) => {
    goals.forEach((g, k) => {
      const at = goalStart[i]! + k;
      goalId[at] = goalVocab.get(g)!;
      goalWeight[at] = rarity.weight(g);
      goalNorm[i]! += goalWeight[at]!;
    });
  });

  // Time zones: distinct UTC offsets at `now`, plus one last index meaning "unknown" (neutral).
  const offsetOfZone = new Map<string, number | undefined>();
  const offsetIndex = new Map<number, number>();
  const zoneIndex = (zone: string | undefined): number => {
    if (zone === undefined) return -1;
    if (!offsetOfZone.has(zone)) offsetOfZone.set(zone, utcOffsetMinutes(zone, now));
    const offset = offsetOfZone.get(zone);
    if (offset === undefined) return -1;
    if (!offsetIndex.has(offset)) offsetIndex.set(offset, offsetIndex.size);
    return offsetIndex.get(offset)!;
  };
  const eTzRaw = mentees.map((e) => zoneIndex(e.timezone));
  const mTzRaw = mentors.map((m) => zoneIndex(m.timezone));
  const offsets = [...offsetIndex.keys()];
  const nTz = offsets.length + 1;
  const unknownTz = nTz - 1;
  const eTz = Int32Array.from(eTzRaw, (t) => (t < 0 ? unknownTz : t));
  const mTz = Int32Array.from(mTzRaw, (t) => (t < 0 ? unknownTz : t));
  const tzHours: (number | undefined)[] = new Array<number | undefined>(nTz * nTz).fill(undefined);
  offsets.forEach((a, x) => offsets.forEach((b, y) => (tzHours[x * nTz + y] = overlapHoursFromOffsets(a, b))));
  const tzFit = Float64Array.from(tzHours, timezoneFit);

  const eExp = Float64Array.from(mentees, (e) => e.experienceYears ?? NaN);
  const mExp = Float64Array.from(mentors, (m) => m.experienceYears ?? NaN);
  const eCad = Float64Array.from(mentees, (e) => log2OrNaN(e.cadenceDays));
  const mCad = Float64Array.from(mentors, (m) => log2OrNaN(m.cadenceDays));
  const ePri = mentees.map((e) => e.priority === true);
  const mPri = mentors.map((m) => m.priority === true);
  const mPriBit = Int32Array.from(mPri, (p) => (p ? 1 : 0));
  // Mentors share few distinct experience and cadence values, so each mentee scores those once per row.
  const expValues = distinctValues(mExp);
  const cadValues = distinctValues(mCad);
  const mExpIdx = Int32Array.from(mExp, (x) => expValues.index.get(x)!);
  const mCadIdx = Int32Array.from(mCad, (x) => cadValues.index.get(x)!);
  // Mentors with the same zone, experience, cadence and priority add the same "rest" to any mentee's score:
  // one class each, so a row computes the rest once per class instead of once per mentor.
  const classOf = new Map<string, number>();
  const mClass = new Int32Array(nM);
  const classTz: number[] = [];
  const classExp: number[] = [];
  const classCad: number[] = [];
  const classPri: number[] = [];
  for (let j = 0; j < nM; j++) {
    const key = `${mTz[j]}|${mExpIdx[j]}|${mCadIdx[j]}|${mPriBit[j]}`;
    let c = classOf.get(key);
    if (c === undefined) {
      classOf.set(key, (c = classOf.size));
      classTz.push(mTz[j]!);
      classExp.push(mExpIdx[j]!);
      classCad.push(mCadIdx[j]!);
      classPri.push(mPriBit[j]!);
    }
    mClass[j] = c;
  }
  const goalWord = Int32Array.from(goalId, (id) => id >> 5);
  const goalBit = Int32Array.from(goalId, (id) => 1 << (id & 31));
  const exclusions = buildExclusions(pool, mentors, mentees);

  const sharesLanguage = (i: number, j: number): boolean => {
    if (eLang.counts[i] === 0 || mLang.counts[j] === 0) return true;
    for (let w = 0; w < LW; w++) if ((eLang.masks[i * LW + w]! & mLang.masks[j * LW + w]!) !== 0) return true;
    return false;
  };

  const goalFit = (i: number, j: number): number => {
    let fit = 0;
    const base = j * SW;
    for (let g = goalStart[i]!, end = goalStart[i + 1]!; g < end; g++) {
      if ((mSkill.masks[base + goalWord[g]!]! & goalBit[g]!) !== 0) fit += goalWeight[g]!;
    }
    const norm = goalNorm[i]!;
    return norm > 0 ? fit / norm : 0;
  };

  const baseScore = (i: number, j: number): number =>
    combineFit(
      weights,
      goalFit(i, j),
      tzFit[eTz[i]! * nTz + mTz[j]!]!,
      experienceFit(mExp[j]!, eExp[i]!),
      cadenceFit(mCad[j]!, eCad[i]!),
      priorityFit(ePri[i]!, mPri[j]!),
    );

  const identityExcluded = (i: number, j: number): boolean => isExcluded(exclusions[i], j);

  const allowedScore = (i: number, j: number): number =>
    capacity[j]! > 0 && sharesLanguage(i, j) && !identityExcluded(i, j) ? baseScore(i, j) : NaN;

  // The hot loop of a round (mentees × mentors): the same arithmetic as baseScore, with every term that
  // depends on a single mentor attribute read from a per-mentee table, and no calls or allocation per pair.
  const tzPart = new Float64Array(nTz);
  const expPart = new Float64Array(expValues.values.length);
  const cadPart = new Float64Array(cadValues.values.length);
  const priPart = new Float64Array(2);
  const restPart = new Float64Array(classOf.size);
  const fillRow = (i: number, out: Float64Array): void => {
    const w = weights;
    for (let t = 0; t < nTz; t++) tzPart[t] = w.timezoneOverlap * tzFit[eTz[i]! * nTz + t]!;
    expValues.values.forEach((x, k) => (expPart[k] = w.experienceGap * experienceFit(x, eExp[i]!)));
    cadValues.values.forEach((x, k) => (cadPart[k] = w.cadence * cadenceFit(x, eCad[i]!)));
    priPart[0] = w.priority * priorityFit(ePri[i]!, false);
    priPart[1] = w.priority * priorityFit(ePri[i]!, true);
    // Same additions in the same order as combineFit, so the result is bit-identical to baseScore.
    for (let c = 0; c < restPart.length; c++) {
      restPart[c] = tzPart[classTz[c]!]! + expPart[classExp[c]!]! + cadPart[classCad[c]!]! + priPart[classPri[c]!]!;
    }
    const goalWeightOf = w.goalFit;
    const gStart = goalStart[i]!;
    const gEnd = goalStart[i + 1]!;
    const norm = goalNorm[i]!;
    const skillMasks = mSkill.masks;
    const langAll = eLang.counts[i] === 0;
    const langMasks = mLang.masks;
    const langCounts = mLang.counts;
    const myLang = eLang.masks[i * LW]!;
    for (let j = 0; j < nM; j++) {
      if (capacity[j]! <= 0) {
        out[j] = NaN;
        continue;
      }
      if (!langAll && langCounts[j] !== 0) {
        if (LW === 1 ? (myLang & langMasks[j]!) === 0 : !sharesLanguage(i, j)) {
          out[j] = NaN;
          continue;
        }
      }
      let fit = 0;
      const base = j * SW;
      for (let g = gStart; g < gEnd; g++)
        if ((skillMasks[base + goalWord[g]!]! & goalBit[g]!) !== 0) fit += goalWeight[g]!;
      const goal = norm > 0 ? fit / norm : 0;
      out[j] = goalWeightOf * goal + restPart[mClass[j]!]!;
    }
    const ex = exclusions[i];
    if (ex !== undefined) for (const j of ex) out[j] = NaN;
  };

  const skillSets: (Set<string> | undefined)[] = new Array<Set<string> | undefined>(nM).fill(undefined);
  const goalDetail = (i: number, j: number) => {
    const skills = (skillSets[j] ??= new Set(mentorSkills[j]));
    const shared: string[] = [];
    const seen = new Set<string>();
    for (const raw of mentees[i]!.goals) {
      const g = normalizeTag(raw);
      if (g === '' || seen.has(g)) continue;
      seen.add(g);
      if (skills.has(g)) shared.push(raw.trim().replace(/\s+/g, ' '));
    }
    return { shared, total: menteeGoals[i]!.length, fit: goalFit(i, j) };
  };

  const parts = [weights.goalFit, weights.timezoneOverlap, weights.experienceGap, weights.cadence, weights.priority];
  const scoreRange = [
    parts.reduce((sum, w) => sum + Math.min(0, w), 0),
    parts.reduce((sum, w) => sum + Math.max(0, w), 0),
  ] as const;
  return {
    weights,
    mentors,
    mentees,
    capacity,
    load,
    scoreRange,
    baseScore,
    allowedScore,
    fillRow,
    sharesLanguage,
    identityExcluded,
    goalDetail,
    timezoneHours: (i, j) => tzHours[eTz[i]! * nTz + mTz[j]!],
    sharedLanguages: (i, j) => {
      const theirs = new Set(mentorLangs[j]);
      return menteeLangs[i]!.filter((l) => theirs.has(l));
    },
  };
}
