import type { Command } from '../../../src/commands/command';
import { COMMAND_WORDS, parseCommand } from '../../../src/commands/parse-command';

const A = '<@slack:T1:UA>';
const B = '<@slack:T1:UB>';
const a = 'slack:T1:UA';
const b = 'slack:T1:UB';

function parsed(text: string): Command {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  return result.value;
}

/** The failure sentence for `text`; fails the test when it parses. */
function problem(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.value)}`);
  expect(result.message).not.toContain('\n');
  expect(result.message).not.toMatch(/undefined|Error:|NaN/);
  expect(result.message).toMatch(/[.?!]$/);
  return result.message;
}

describe('parseCommand: valid forms', () => {
  it('treats an empty command as help, and ignores case and surrounding space of the command word', () => {
    expect(parsed('')).toEqual({ name: 'help' });
    expect(parsed('   ')).toEqual({ name: 'help' });
    expect(parsed('help')).toEqual({ name: 'help' });
    expect(parsed('  HeLp  ')).toEqual({ name: 'help' });
  });

  it('reads join with role and every profile key', () => {
    expect(parsed('join mentor skills: pricing, finding clients tz: America/New_York capacity: 2')).toEqual({
      name: 'join',
      role: 'mentor',
      profile: { skills: ['pricing', 'finding clients'], timezone: 'America/New_York', capacity: 2 },
    });
    expect(
      parsed(
        'join both skills: design goals: pricing; taxes tz: europe/berlin languages: EN, es capacity: 1 cadence: every 2 weeks experience: 7 name: Ana  María',
      ),
    ).toEqual({
      name: 'join',
      role: 'both',
      profile: {
        skills: ['design'],
        goals: ['pricing', 'taxes'],
        timezone: 'Europe/Berlin',
        languages: ['en', 'es'],
        capacity: 1,
        cadenceMinutes: 14 * 24 * 60,
        experienceYears: 7,
        displayName: 'Ana María',
      },
    });
  });

  it('reads join roles in any case, and a bare join (the form opens) as no role', () => {
    expect(parsed('JOIN Mentee goals: x tz: UTC')).toMatchObject({ name: 'join', role: 'mentee' });
    expect(parsed('join')).toEqual({ name: 'join', role: null, profile: {} });
    expect(parsed('join mentor')).toEqual({ name: 'join', role: 'mentor', profile: {} });
  });

  it.each([
    ['weekly', 7 * 24 * 60],
    ['every 2 weeks', 14 * 24 * 60],
    ['10 days', 10 * 24 * 60],
    ['3d', 3 * 24 * 60],
    ['monthly', 30 * 24 * 60],
    ['every week', 7 * 24 * 60],
  ])('reads cadence "%s" as %i minutes', (word, minutes) => {
    expect(parsed(`edit cadence: ${word}`)).toEqual({ name: 'edit', profile: { cadenceMinutes: minutes } });
  });

  it('reads the key aliases', () => {
    expect(parsed('edit offers: a wants: b timezone: UTC langs: en checkins: daily years: 3')).toEqual({
      name: 'edit',
      profile: {
        skills: ['a'],
        goals: ['b'],
        timezone: 'UTC',
        languages: ['en'],
        cadenceMinutes: 24 * 60,
        experienceYears: 3,
      },
    });
  });

  it('reads profile with and without a person', () => {
    expect(parsed('profile')).toEqual({ name: 'profile', subject: null });
    expect(parsed(`profile ${A}`)).toEqual({ name: 'profile', subject: a });
  });

  it('reads pause forms', () => {
    expect(parsed('pause')).toEqual({ name: 'pause', until: null });
    expect(parsed('pause until 2026-12-31')).toEqual({ name: 'pause', until: { date: '2026-12-31' } });
    expect(parsed('pause for 14 days')).toEqual({ name: 'pause', until: { days: 14 } });
    expect(parsed('pause for 1 day')).toEqual({ name: 'pause', until: { days: 1 } });
    expect(parsed('Pause FOR 365 DAYS')).toEqual({ name: 'pause', until: { days: 365 } });
  });

  it('reads the commands that take nothing', () => {
    for (const name of ['resume', 'leave', 'stats'] as const) expect(parsed(name)).toEqual({ name });
  });

  it('reads forget-me, its confirmation and the forgetme spelling', () => {
    expect(parsed('forget-me')).toEqual({ name: 'forget-me', confirmed: false });
    expect(parsed('forget-me confirm')).toEqual({ name: 'forget-me', confirmed: true });
    expect(parsed('forgetme CONFIRM')).toEqual({ name: 'forget-me', confirmed: true });
  });

  it('reads block and thanks', () => {
    expect(parsed(`block ${A}`)).toEqual({ name: 'block', subject: a });
    expect(parsed(`thanks ${A}   for the  pricing tips `)).toEqual({
      name: 'thanks',
      subject: a,
      message: 'for the  pricing tips',
    });
  });

  it('reads checkin, goal and end with or without a leading partner mention', () => {
    expect(parsed('checkin')).toEqual({ name: 'checkin', partner: null, note: '' });
    expect(parsed('checkin met for coffee')).toEqual({ name: 'checkin', partner: null, note: 'met for coffee' });
    expect(parsed(`checkin ${A} met for coffee`)).toEqual({ name: 'checkin', partner: a, note: 'met for coffee' });
    expect(parsed(`checkin ${A}`)).toEqual({ name: 'checkin', partner: a, note: '' });
    expect(parsed('goal add raise my rate by 10%')).toEqual({
      name: 'goal-add',
      partner: null,
      text: 'raise my rate by 10%',
    });
    expect(parsed(`goal add ${B} land 2 clients`)).toEqual({ name: 'goal-add', partner: b, text: 'land 2 clients' });
    expect(parsed('goal done 2')).toEqual({ name: 'goal-done', partner: null, number: 2 });
    expect(parsed(`goal done ${B} 2`)).toEqual({ name: 'goal-done', partner: b, number: 2 });
    expect(parsed('goals')).toEqual({ name: 'goals', partner: null });
    expect(parsed(`goals ${B}`)).toEqual({ name: 'goals', partner: b });
    expect(parsed('goal')).toEqual({ name: 'goals', partner: null });
    expect(parsed(`goal list ${B}`)).toEqual({ name: 'goals', partner: b });
    expect(parsed('end')).toEqual({ name: 'end', partner: null, reason: '' });
    expect(parsed('end not a fit')).toEqual({ name: 'end', partner: null, reason: 'not a fit' });
    expect(parsed(`end ${A} moving city`)).toEqual({ name: 'end', partner: a, reason: 'moving city' });
  });

  it('reads feedback with rating and comment, rating only, comment only', () => {
    expect(parsed('feedback 12 4 great')).toEqual({ name: 'feedback', pairingId: 12, rating: 4, text: 'great' });
    expect(parsed('feedback 12 5')).toEqual({ name: 'feedback', pairingId: 12, rating: 5, text: '' });
    expect(parsed('feedback 12 we never met')).toEqual({
      name: 'feedback',
      pairingId: 12,
      rating: null,
      text: 'we never met',
    });
  });

  it('reads pair (with force) and unpair', () => {
    expect(parsed(`pair ${A} ${B}`)).toEqual({ name: 'pair', mentor: a, mentee: b, force: false });
    expect(parsed(`pair ${A} ${B} force`)).toEqual({ name: 'pair', mentor: a, mentee: b, force: true });
    expect(parsed(`pair ${A}   ${B}  FORCE`)).toEqual({ name: 'pair', mentor: a, mentee: b, force: true });
    expect(parsed(`unpair ${A} ${B}`)).toEqual({ name: 'unpair', mentor: a, mentee: b });
  });

  it('reads config: list, show one key, set a key (key lower-cased, value kept as typed)', () => {
    expect(parsed('config')).toEqual({ name: 'config', key: null, value: null });
    expect(parsed('config quiet-hours')).toEqual({ name: 'config', key: 'quiet-hours', value: null });
    expect(parsed('config quiet-hours 21:00-07:00')).toEqual({
      name: 'config',
      key: 'quiet-hours',
      value: '21:00-07:00',
    });
    expect(parsed('config Welcome  Hello Freelancers!  ')).toEqual({
      name: 'config',
      key: 'welcome',
      value: 'Hello Freelancers!',
    });
    expect(parsed(`config moderators add ${A}`)).toEqual({ name: 'config', key: 'moderators', value: `add ${A}` });
  });

  it('drops control characters before reading', () => {
    expect(parsed('sta\u0000ts')).toEqual({ name: 'stats' });
    expect(parsed('checkin met\u0007 today')).toEqual({ name: 'checkin', partner: null, note: 'met today' });
  });

  it('keeps line breaks inside free text', () => {
    expect(parsed('checkin line one\nline two')).toEqual({
      name: 'checkin',
      partner: null,
      note: 'line one\nline two',
    });
  });

  it('has a parser for every command word it suggests', () => {
    for (const word of COMMAND_WORDS) {
      const result = parseCommand(word);
      if (!result.ok) expect(result.code).not.toBe('unknown_command');
    }
  });
});

describe('parseCommand: malformed forms get one clear sentence', () => {
  it('names a bad role and the choices', () => {
    const message = problem('join boss skills: x tz: UTC');
    expect(message).toContain('"boss" is not a role');
    expect(message).toMatch(/mentor, mentee or both/);
  });

  it('says a bad time zone is not one, and suggests the full name for a city', () => {
    expect(problem('join mentor skills: x tz: Berlin')).toBe(
      '"Berlin" is not a time zone name; did you mean Europe/Berlin?',
    );
    expect(problem('edit tz: new york')).toContain('did you mean America/New_York?');
    const unknown = problem('edit tz: Mars/Base');
    expect(unknown).toContain('"Mars/Base" is not a time zone name');
    expect(unknown).toMatch(/IANA name such as America\/New_York/);
  });

  it('names capacity and its range for a capacity that is not a number', () => {
    const message = problem('join mentor skills: x tz: UTC capacity: two');
    expect(message).toMatch(/^Capacity must be a whole number from 0 to 20; "two" is not\.$/);
    expect(problem('edit capacity: 21')).toMatch(/Capacity.*0 to 20.*"21"/);
    expect(problem('edit capacity: 1.5')).toMatch(/Capacity.*"1\.5"/);
    expect(problem('edit capacity: -1')).toMatch(/Capacity.*"-1"/);
    expect(problem('edit experience: 100')).toMatch(/Experience \(years\).*0 to 80/);
  });

  it('refuses a key given twice, even through an alias', () => {
    expect(problem('join mentor skills: a skills: b tz: UTC')).toBe('You gave skills twice; give each detail once.');
    expect(problem('edit tz: UTC timezone: UTC')).toMatch(/You gave timezone twice/);
  });

  it('refuses text before the first key instead of dropping it', () => {
    const message = problem('join mentor pricing and contracts tz: UTC');
    expect(message).toContain('I did not understand "pricing and contracts"');
    expect(message).toContain('key: value');
    expect(problem('edit something')).toContain('"something"');
  });

  it('refuses a key with no value', () => {
    expect(problem('join mentor skills: tz: UTC')).toBe('skills: needs a value after the colon.');
    expect(problem('edit name:')).toMatch(/name: needs a value/);
  });

  it('refuses list items that are too many or too long', () => {
    const many = Array.from({ length: 21 }, (_, i) => `s${i}`).join(', ');
    expect(problem(`edit skills: ${many}`)).toBe('Give at most 20 skills; you gave 21.');
    expect(problem(`edit languages: ${Array.from({ length: 11 }, (_, i) => `l${i}`).join(',')}`)).toMatch(
      /at most 10 languages/,
    );
    expect(problem(`edit goals: ${'x'.repeat(61)}`)).toMatch(/goals must be at most 60 characters/);
    expect(problem('edit skills: , ;')).toMatch(/at least one skills item/);
  });

  it('refuses a cadence it cannot read', () => {
    expect(problem('edit cadence: sometimes')).toMatch(/Cadence "sometimes" is not understood; say weekly/);
    expect(problem('edit cadence: 91 days')).toMatch(
      /^A cadence must be from 1 minute to 90 days; "91 days" is longer\.$/,
    );
    expect(problem('edit cadence: 0 days')).toMatch(/Cadence "0 days"/);
  });

  it('refuses an edit that says nothing', () => {
    expect(problem('edit')).toMatch(/^Say what to change\. Usage: `\/mentor edit /);
  });

  it('refuses pause lengths it cannot read', () => {
    for (const text of ['pause tomorrow', 'pause for 0 days', 'pause for 366 days', 'pause until 31/12/2026']) {
      expect(problem(text)).toMatch(/is not a pause length \(1 to 365 days\)\. Usage: `\/mentor pause until/);
    }
  });

  it('refuses too-long free text with the limit', () => {
    expect(problem(`checkin ${'n'.repeat(2001)}`)).toBe('A check-in note must be at most 2000 characters.');
    expect(problem(`thanks ${A} ${'t'.repeat(501)}`)).toBe('A thank-you must be at most 500 characters.');
    expect(problem(`end ${'r'.repeat(501)}`)).toBe('A reason must be at most 500 characters.');
    expect(problem(`goal add ${'g'.repeat(301)}`)).toMatch(/^A goal must be at most 300 characters/);
    expect(problem(`feedback 3 4 ${'f'.repeat(2001)}`)).toBe('Feedback must be at most 2000 characters.');
    expect(problem(`checkin ${'n'.repeat(4001)}`)).toMatch(/too long; keep it under 4000 characters/);
  });

  it('accepts free text right at the limits', () => {
    expect(parsed(`checkin ${'n'.repeat(2000)}`)).toMatchObject({ name: 'checkin' });
    expect(parsed(`goal add ${'g'.repeat(300)}`)).toMatchObject({ name: 'goal-add' });
    expect(parsed(`thanks ${A} ${'t'.repeat(500)}`)).toMatchObject({ name: 'thanks' });
  });

  it('asks for a mention where a person is needed', () => {
    expect(problem('block bob')).toBe('"bob" is not a person; mention them with @. Usage: `/mentor block @someone`.');
    expect(problem('block')).toMatch(/^Say who, with an @mention\./);
    expect(problem('profile bob')).toMatch(/"bob" is not a person/);
    expect(problem('thanks bob nice')).toMatch(/"bob" is not a person/);
    expect(problem(`pair ${A}`)).toMatch(/^Say who, with an @mention\. Usage: `\/mentor pair @mentor @mentee`/);
    expect(problem(`pair ${A} bob`)).toMatch(/"bob" is not a person/);
    expect(problem('unpair')).toMatch(/Say who/);
  });

  it('refuses extra words', () => {
    expect(problem(`pair ${A} ${B} please`)).toMatch(/"please" is not understood; only "force" may follow/);
    expect(problem(`unpair ${A} ${B} force`)).toMatch(/"force" is extra; give just the two people/);
    expect(problem('help me')).toBe('`help` takes nothing after it. Usage: `/mentor help`.');
    expect(problem('stats now')).toMatch(/`stats` takes nothing after it/);
    expect(problem('resume now')).toMatch(/`resume` takes nothing/);
    expect(problem('leave now')).toMatch(/`leave` takes nothing/);
    expect(problem('forget-me now')).toMatch(/"now" is not understood.*forget-me confirm/);
    expect(problem('goals please')).toMatch(/"please" is not understood/);
  });

  it('refuses goal forms it cannot read', () => {
    expect(problem('goal add')).toMatch(/^Say what the goal is\./);
    expect(problem(`goal add ${B}`)).toMatch(/^Say what the goal is\./);
    expect(problem('goal done')).toMatch(/goal number shown by `\/mentor goals`/);
    expect(problem('goal done two')).toMatch(/goal number/);
    expect(problem('goal finish 2')).toMatch(/"finish" is not a goal action; use add, done or list/);
  });

  it('refuses thanks without a message', () => {
    expect(problem(`thanks ${A}`)).toMatch(/^Say what you are thankful for\./);
  });

  it('refuses feedback without a pairing number, or with neither rating nor comment', () => {
    expect(problem('feedback')).toMatch(/pairing number/);
    expect(problem('feedback great')).toMatch(/pairing number/);
    expect(problem('feedback 12')).toMatch(/rating from 1 to 5 or a comment/);
  });

  it('suggests the closest command for a typo', () => {
    expect(problem('jion')).toBe(
      'I don\'t know "jion". Did you mean `/mentor join`? Type `/mentor help` to see what I can do.',
    );
    expect(problem('chekin')).toContain('Did you mean `/mentor checkin`?');
    expect(problem('stat')).toContain('Did you mean `/mentor stats`?');
    expect(problem('unpiar')).toContain('Did you mean `/mentor unpair`?');
  });

  it('makes no suggestion for a word far from every command', () => {
    const message = problem('bananarama');
    expect(message).toBe('I don\'t know "bananarama". Type `/mentor help` to see what I can do.');
    expect(problem('supercalifragilistic')).not.toContain('Did you mean');
  });

  // Any word of three letters or fewer is within distance 3 of `end`, so nonsense gets a confident guess.
  it('makes no suggestion for short nonsense such as "xyz" or "foo"', () => {
    expect(['xyz', 'foo'].map((word) => problem(word).includes('Did you mean'))).toEqual([false, false]);
  });

  // firstWord() keeps punctuation glued to the mention, so the natural "thanks @ana, great help!" is refused with
  // '"<@…>," is not a person; mention them with @.' although the person did mention someone.
  it('reads a mention followed by punctuation', () => {
    const texts = [`thanks ${A}, great help!`, `block ${A}.`, `pair ${A}, ${B}`];
    expect(texts.map((text) => parseCommand(text).ok)).toEqual([true, true, true]);
  });

  // `([1-5])(?!\d)` fails on 6, 0 or 45, and the number falls through into the comment.
  it('refuses a rating outside 1-5 instead of taking it as the comment', () => {
    const texts = ['feedback 12 6', 'feedback 12 0 awful', 'feedback 12 45'];
    expect(texts.map((text) => parseCommand(text).ok)).toEqual([false, false, false]);
  });

  // NAMED['constructor'] in parseDurationMinutes is Object, which passes the range check.
  it('refuses "cadence: constructor" and "cadence: __proto__"', () => {
    const texts = ['edit cadence: constructor', 'edit cadence: __proto__'];
    expect(texts.map((text) => parseCommand(text).ok)).toEqual([false, false]);
  });
});
