import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import type { MatchHistoryEntry, MatchMentee, MatchMentor } from '../types';
import { fieldPath, isKnownZone, parseDate, unknownZoneMessage } from './input-checks';
import type { ParsedMatchInput } from './parsed-match-input';

/** zod error texts that read well after a field path; "is required" when the field is missing. */
const says = (text: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : text);
const text = z
  .string({ error: says('must be text') })
  .trim()
  .min(1, { error: 'must not be empty' });
const tags = z.array(z.string({ error: says('must be text') }), { error: says('must be a list of text') }).default([]);
const whole = (lo: number, hi: number) => {
  const message = `must be a whole number from ${lo} to ${hi}`;
  return z
    .number({ error: says(message) })
    .int({ error: message })
    .min(lo, { error: message })
    .max(hi, { error: message });
};
const years = z
  .number({ error: says('must be a number of years from 0 to 80') })
  .min(0, { error: 'must be from 0 to 80' })
  .max(80, { error: 'must be from 0 to 80' });

const mentor = z.strictObject({
  id: text,
  capacity: whole(0, 100),
  load: whole(0, 1000).optional(),
  skills: tags,
  languages: tags,
  timezone: text.optional(),
  experienceYears: years.optional(),
  cadenceDays: whole(1, 365).optional(),
  priority: z.boolean({ error: says('must be true or false') }).optional(),
});
const mentee = z.strictObject({
  id: text,
  goals: tags,
  languages: tags,
  timezone: text.optional(),
  experienceYears: years.optional(),
  cadenceDays: whole(1, 365).optional(),
  priority: z.boolean({ error: says('must be true or false') }).optional(),
});
const pairOf = z.tuple([text, text], { error: says('must be a pair ["mentor id", "mentee id"]') });
const historyEntry = z.union(
  [pairOf, z.tuple([text, text, text]), z.strictObject({ mentor: text, mentee: text, endedAt: text.optional() })],
  { error: 'must be ["mentor", "mentee"], ["mentor", "mentee", "ended YYYY-MM-DD"] or {mentor, mentee, endedAt}' },
);
const weight = z.number({ error: says('must be a number') }).min(0, { error: 'must not be negative' });
const profiles = z.strictObject({
  mentors: z.array(mentor, { error: says('must be a list') }),
  mentees: z.array(mentee, { error: says('must be a list') }),
  history: z.array(historyEntry, { error: says('must be a list') }).default([]),
  blocked: z.array(pairOf, { error: says('must be a list') }).default([]),
  repeatWindowDays: whole(0, 3650).default(0),
  weights: z
    .strictObject({
      goalFit: weight.optional(),
      timezoneOverlap: weight.optional(),
      experienceGap: weight.optional(),
      cadence: weight.optional(),
      priority: weight.optional(),
      loadSpread: weight.optional(),
    })
    .optional(),
});
const table = z.strictObject({
  mentors: z.array(z.strictObject({ id: text, capacity: whole(0, 100).default(1) }), { error: says('must be a list') }),
  mentees: z.array(z.strictObject({ id: text }), { error: says('must be a list') }).optional(),
  scores: z.array(z.tuple([text, text, z.number({ error: says('must be a number') }).finite()]), {
    error: says('must be a list of ["mentor", "mentee", score]'),
  }),
});

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${fieldPath([...issue.path, key])} is not a known field`).join('; ')
        : `${fieldPath(issue.path)} ${issue.message}`,
    )
    .join('; ');
}

function duplicates(list: readonly { id: string }[], name: string): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const id = list[i]!.id;
    if (seen.has(id)) return `${name}[${i}].id "${id}" is used twice`;
    seen.add(id);
  }
  return undefined;
}

/** JSON signups, either profiles ({mentors, mentees, history?, blocked?, ...}) or a score table ({..., scores}). */
export function parseJsonInput(raw: string): Result<ParsedMatchInput> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return fail('invalid_input', `not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('invalid_input', 'the file must hold one JSON object with "mentors" and "mentees" (or "scores")');
  }
  return 'scores' in data ? parseTable(data) : parseProfiles(data);
}

function parseProfiles(data: object): Result<ParsedMatchInput> {
  const parsed = profiles.safeParse(data);
  if (!parsed.success) return fail('invalid_input', describe(parsed.error));
  const input = parsed.data;
  const dup = duplicates(input.mentors, 'mentors') ?? duplicates(input.mentees, 'mentees');
  if (dup !== undefined) return fail('invalid_input', dup);
  for (const [name, list] of [
    ['mentors', input.mentors],
    ['mentees', input.mentees],
  ] as const) {
    for (let i = 0; i < list.length; i++) {
      const zone = list[i]!.timezone;
      if (zone !== undefined && !isKnownZone(zone))
        return fail('invalid_input', unknownZoneMessage(`${name}[${i}].timezone`, zone));
    }
  }
  const history: MatchHistoryEntry[] = [];
  for (let i = 0; i < input.history.length; i++) {
    const entry = input.history[i]!;
    const [mentorId, menteeId, ended] = Array.isArray(entry) ? entry : [entry.mentor, entry.mentee, entry.endedAt];
    if (ended === undefined) {
      history.push({ mentor: mentorId, mentee: menteeId });
      continue;
    }
    const endedAt = parseDate(ended);
    if (endedAt === undefined)
      return fail('invalid_input', `history[${i}] end date "${ended}" is not a date (use YYYY-MM-DD)`);
    history.push({ mentor: mentorId, mentee: menteeId, endedAt });
  }
  const mentors = input.mentors.map((m) => strip<MatchMentor>(m));
  const mentees = input.mentees.map((e) => strip<MatchMentee>(e));
  const pool = { mentors, mentees, history, blocked: input.blocked, repeatWindowDays: input.repeatWindowDays };
  return ok({
    kind: 'profiles',
    pool: input.weights === undefined ? pool : { ...pool, weights: strip(input.weights) },
  });
}

function parseTable(data: object): Result<ParsedMatchInput> {
  const parsed = table.safeParse(data);
  if (!parsed.success) return fail('invalid_input', describe(parsed.error));
  const input = parsed.data;
  const dup = duplicates(input.mentors, 'mentors') ?? duplicates(input.mentees ?? [], 'mentees');
  if (dup !== undefined) return fail('invalid_input', dup);
  const mentorIds = new Set(input.mentors.map((m) => m.id));
  const menteeIds = input.mentees?.map((e) => e.id) ?? [];
  const known = new Set(menteeIds);
  const pairs = new Set<string>();
  for (let i = 0; i < input.scores.length; i++) {
    const [mentorId, menteeId] = input.scores[i]!;
    if (!mentorIds.has(mentorId))
      return fail('invalid_input', `scores[${i}] names mentor "${mentorId}", who is not in mentors`);
    if (!known.has(menteeId)) {
      if (input.mentees !== undefined)
        return fail('invalid_input', `scores[${i}] names mentee "${menteeId}", who is not in mentees`);
      known.add(menteeId);
      menteeIds.push(menteeId);
    }
    const key = JSON.stringify([mentorId, menteeId]);
    if (pairs.has(key)) return fail('invalid_input', `scores[${i}] lists ${mentorId} with ${menteeId} a second time`);
    pairs.add(key);
  }
  return ok({ kind: 'table', table: { mentors: input.mentors, menteeIds, scores: input.scores } });
}

/** Drops keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
function strip<T>(value: object): T {
  return Object.fromEntries(Object.entries(value).filter((e) => e[1] !== undefined)) as T;
}
