import fc from 'fast-check';
import { commandFromModal, commandModalFor } from '../../adapters/slack/command-modals';
import { readProfileSubmission } from '../../adapters/slack/profile-modal';
import { parseCommand } from '../../src/commands/parse-command';
import { parseProfileField } from '../../src/commands/profile-fields';
import { parseMatchInput } from '../../src/matching/offline/parse-match-input';
import { runMatchInput } from '../../src/matching/offline/run-match-input';

/**
 * The other doors into the program, fed random and hostile values: Slack form submissions (pure readers of
 * the submitted values) and the offline matcher's JSON and CSV files. Each answers with something valid or a
 * clear message naming the field or line; none throws.
 */

const hostile = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE members;--",
    '\u202Eevil',
    'a\u200Bb',
    '🔥',
    '\u0000',
    '\n',
    '',
    '   ',
    'NaN',
    '__proto__',
    'constructor',
    '-1',
    '21',
    '2',
    'UTC',
    'Europe/Berlin',
    'weekly',
    'x'.repeat(100),
    'en, es',
    'pricing, contracts',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const sentence = (text: string): void => {
  expect(text).not.toMatch(/\n|undefined|\[object |Error:/);
  expect(text.length).toBeGreaterThan(5);
};

describe('the Slack profile form', () => {
  const fields = ['skills', 'goals', 'timezone', 'languages', 'capacity', 'cadence'];
  const textValue = fc.option(hostile, { nil: undefined }).map((v) => ({ value: { value: v ?? null } }));
  const values = fc.record({
    ...Object.fromEntries(fields.map((f) => [f, textValue])),
    role: fc
      .option(fc.oneof(fc.constantFrom('mentor', 'mentee', 'both', 'admin', '__proto__', ''), fc.string()), {
        nil: null,
      })
      .map((v) => ({ value: { selected_option: v === null ? null : { value: v } } })),
  });

  it('gives a valid command or an error next to each wrong field', () => {
    fc.assert(
      fc.property(fc.constantFrom('join' as const, 'edit' as const), values, (mode, submitted) => {
        const read = readProfileSubmission(mode, submitted);
        if ('errors' in read) {
          expect(Object.keys(read.errors).length).toBeGreaterThan(0);
          for (const [block, message] of Object.entries(read.errors)) {
            expect([...fields, 'role']).toContain(block);
            sentence(message);
          }
          return;
        }
        const { command } = read;
        expect(command.name).toBe(mode);
        if (command.name === 'join') expect(['mentor', 'mentee', 'both']).toContain(command.role);
        if (command.name !== 'join' && command.name !== 'edit') return;
        // Every value in the command is what the typed command's validation accepts.
        for (const [key, value] of Object.entries(command.profile)) {
          expect(value).toBeDefined();
          if (key === 'timezone') expect(parseProfileField('timezone', value as string)).toEqual({ ok: true, value });
          if (key === 'capacity') expect(Number.isInteger(value) && value >= 0 && value <= 20).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the Slack command forms', () => {
  const forms = ['checkin', 'end', 'feedback 12', 'round swap <@slack:T1:U1>'];

  it('turn any answers into command text the parser answers with a command or one sentence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...forms),
        hostile,
        fc.option(fc.constantFrom('1', '5', '9', '__proto__'), { nil: null }),
        fc.option(fc.constantFrom('U2', 'W3', 'U1>', ''), { nil: null }),
        (text, answer, rating, user) => {
          const modal = commandModalFor(text) as { private_metadata: string } | null;
          expect(modal).not.toBeNull();
          const values = {
            text: { value: { value: answer } },
            rating: { value: { selected_option: rating === null ? null : { value: rating } } },
            other: { value: { selected_user: user } },
          };
          const command = commandFromModal(modal!.private_metadata, values);
          expect(typeof command).toBe('string');
          const parsed = parseCommand(command);
          if (!parsed.ok) sentence(parsed.message);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('offline match files', () => {
  const now = new Date('2026-03-02T12:00:00Z');

  /** A message for a person at a terminal: one line naming where the problem is. */
  function expectClearError(message: string, format: 'json' | 'csv'): void {
    sentence(message);
    if (format === 'csv') expect(message).toMatch(/^line \d+|^the file is empty|header|column/);
    else
      expect(message).toMatch(
        /^not valid JSON|^the file must hold|^(mentors|mentees|history|blocked|scores|weights|repeatWindowDays)\b|\bis (required|used twice)|unknown|^[a-zA-Z]+(\[\d+\])?/,
      );
  }

  function check(text: string, format: 'json' | 'csv'): void {
    const parsed = parseMatchInput(text, format);
    if (!parsed.ok) return expectClearError(parsed.message, format);
    const result = runMatchInput(parsed.value, now);
    expect(Array.isArray(result.pairs)).toBe(true);
    expect(Number.isFinite(result.totalScore)).toBe(true);
  }

  const id = fc.oneof(fc.constantFrom('m1', 'm2', 'e1', 'e2', '', ' ', '__proto__', 'constructor'), fc.string());
  const anyValue = fc.oneof(
    hostile,
    fc.integer({ min: -5, max: 200 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostile, { maxLength: 3 }),
    fc.constantFrom('UTC', 'Mars/Base', 'Europe/Berlin'),
  );
  const person = fc.dictionary(
    fc.constantFrom(
      'id',
      'capacity',
      'skills',
      'goals',
      'languages',
      'timezone',
      'experienceYears',
      'cadenceDays',
      'priority',
      'load',
      'extra',
      '__proto__',
    ),
    anyValue,
  );
  const profiles = fc.record(
    {
      mentors: fc.array(
        fc.oneof(
          person,
          fc.record({ id, capacity: fc.integer({ min: 0, max: 3 }), skills: fc.array(hostile, { maxLength: 3 }) }),
        ),
        { maxLength: 4 },
      ),
      mentees: fc.array(fc.oneof(person, fc.record({ id, goals: fc.array(hostile, { maxLength: 3 }) })), {
        maxLength: 4,
      }),
      history: fc.array(fc.array(fc.oneof(id, fc.constantFrom('2024-11-30', 'yesterday')), { maxLength: 4 }), {
        maxLength: 3,
      }),
      blocked: fc.array(fc.array(id, { maxLength: 3 }), { maxLength: 3 }),
      repeatWindowDays: anyValue,
      weights: fc.dictionary(fc.constantFrom('goalFit', 'loadSpread', 'timezone', 'bogus'), anyValue),
    },
    { requiredKeys: [] },
  );
  const scoreTable = fc.record(
    {
      mentors: fc.array(fc.record({ id, capacity: anyValue }, { requiredKeys: ['id'] }), { maxLength: 4 }),
      mentees: fc.array(fc.record({ id }), { maxLength: 4 }),
      scores: fc.array(fc.tuple(id, id, fc.oneof(fc.double(), anyValue)), { maxLength: 6 }),
    },
    { requiredKeys: ['scores'] },
  );

  it('answers random and hostile JSON with pairs or one clear error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          profiles.map((o) => JSON.stringify(o)),
          scoreTable.map((o) => JSON.stringify(o)),
          fc.json(),
          fc.string({ maxLength: 200 }),
          fc.constantFrom('', '[]', 'null', '{"mentors":{}}', '{"__proto__":{"mentors":[]}}', '{'),
        ),
        (text) => check(text, 'json'),
      ),
      { numRuns: 3000 },
    );
  });

  const cell = fc.oneof(
    hostile,
    fc.constantFrom(
      'mentor',
      'mentee',
      'both',
      '2',
      'yes',
      'no',
      'UTC',
      'pricing;contracts',
      '"quoted, cell"',
      '"unterminated',
    ),
  );
  const header = fc.oneof(
    fc.constant('id,role,capacity,skills,goals,languages,timezone,experience_years,cadence_days,priority'),
    fc.constant('mentor,mentee,score,capacity'),
    fc.constant('mentor,mentee,score'),
    fc
      .array(fc.oneof(cell, fc.constantFrom('id', 'role', 'mentor', 'mentee', 'score', 'capacity', 'id')), {
        minLength: 1,
        maxLength: 6,
      })
      .map((h) => h.join(',')),
  );

  it('answers random and hostile CSV with pairs or one clear error naming the line', () => {
    fc.assert(
      fc.property(
        header,
        fc.array(fc.array(cell, { maxLength: 11 }), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\n\n'),
        (head, rows, newline) => check([head, ...rows.map((r) => r.join(','))].join(newline), 'csv'),
      ),
      { numRuns: 3000 },
    );
  });

  it('answers arbitrary bytes as CSV or JSON without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        check(text, 'csv');
        check(text, 'json');
      }),
      { numRuns: 2000 },
    );
  });
});
