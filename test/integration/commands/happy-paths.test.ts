import { person, useCommandKit } from './command-kit';

/**
 * The main successful flow of each member command about one's own profile, with its effects checked in the
 * database. Pairing commands are in happy-paths-pairings.test.ts, moderator commands in
 * happy-paths-moderators.test.ts.
 */
const kit = useCommandKit();
const DAY_MS = 24 * 60 * 60 * 1000;
// The harness clock starts here.
const NOW = new Date('2026-03-02T12:00:00Z');

describe('help', () => {
  it('shows member commands to everyone, mentor notes to mentors, moderator commands to moderators', async () => {
    const stranger = (await kit.ok('zed', 'help')).text;
    expect(stranger).toMatch(/^I run this community’s mentoring program/);
    expect(stranger).toContain('`join mentor|mentee|both');
    expect(stranger).not.toContain('*As a mentor*');
    expect(stranger).not.toContain('*Moderators*');

    await kit.mentor('ana');
    expect((await kit.ok('ana', 'help')).text).toContain('*As a mentor*');
    await kit.mentee('bo');
    expect((await kit.ok('bo', 'help')).text).not.toContain('*As a mentor*');

    const moderator = (await kit.ok('mod', '')).text;
    expect(moderator).toContain('*Moderators*');
    expect(moderator).toContain('`pair @mentor @mentee [force]`');
  });
});

describe('join', () => {
  it('stores a mentor profile from every key', async () => {
    const reply = await kit.ok(
      'ana',
      'join mentor skills: pricing, finding clients tz: America/New_York capacity: 3 languages: EN, es cadence: weekly experience: 12 name: Ana M',
      /^Welcome, Ana M! You joined as a mentor\. You can take up to 3 mentees\. Check-ins: every week\./,
    );
    expect(reply.visibility).toBe('private');
    expect(await kit.member('ana')).toEqual({
      communityId: 'test:c1',
      id: person('ana'),
      displayName: 'Ana M',
      role: 'mentor',
      skills: ['pricing', 'finding clients'],
      goals: [],
      timezone: 'America/New_York',
      languages: ['en', 'es'],
      capacity: 3,
      cadenceMinutes: 7 * 24 * 60,
      experienceYears: 12,
      status: 'active',
      pausedUntil: null,
      priority: false,
      joinedAt: NOW,
    });
  });

  it('gives a mentor the community default capacity and a mentee none', async () => {
    await kit.ok('ana', 'join mentor skills: pricing tz: UTC', /You can take up to 2 mentees\./);
    await kit.ok(
      'bo',
      'join mentee goals: pricing tz: Europe/Berlin',
      /^Welcome, bo! You joined as a mentee\. Check-ins/,
    );
    expect((await kit.member('ana'))!.capacity).toBe(2);
    expect(await kit.member('bo')).toMatchObject({
      role: 'mentee',
      capacity: 0,
      goals: ['pricing'],
      timezone: 'Europe/Berlin',
    });
  });

  it('joins as both with skills and goals', async () => {
    await kit.ok(
      'cy',
      'join both skills: design goals: pricing tz: UTC capacity: 1',
      /as a mentor and a mentee.*up to 1 mentee\./,
    );
    expect(await kit.member('cy')).toMatchObject({ role: 'both', skills: ['design'], goals: ['pricing'], capacity: 1 });
  });

  it('adds the community welcome text', async () => {
    await kit.ok('mod', 'config welcome Say hi in #intros!', /^Saved/);
    await kit.ok('ana', 'join mentee goals: x tz: UTC', /Say hi in #intros!$/);
  });

  it('lets someone who left join again, keeping when they first joined', async () => {
    await kit.mentor('ana');
    await kit.ok('ana', 'leave');
    kit.h.clock.advance(10 * DAY_MS);
    await kit.ok('ana', 'join mentee goals: contracts tz: UTC', /^Welcome/);
    expect(await kit.member('ana')).toMatchObject({ role: 'mentee', status: 'active', joinedAt: NOW, capacity: 0 });
  });
});

describe('edit and profile', () => {
  it('changes only the fields given', async () => {
    await kit.mentor('ana', 'languages: en');
    await kit.ok(
      'ana',
      'edit skills: taxes tz: Asia/Tokyo cadence: 10 days',
      /^Profile updated\. `\/mentor profile` shows it\.$/,
    );
    expect(await kit.member('ana')).toMatchObject({
      skills: ['taxes'],
      timezone: 'Asia/Tokyo',
      cadenceMinutes: 10 * 24 * 60,
      languages: ['en'],
      capacity: 2,
    });
  });

  it('warns a mentor who lowers capacity below the mentees they have', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.mentee('cy');
    await kit.pair('ana', 'bo');
    await kit.pair('ana', 'cy');
    await kit.ok(
      'ana',
      'edit capacity: 1',
      /You have 2 mentees, more than your new capacity of 1; nobody new is assigned/,
    );
    expect((await kit.member('ana'))!.capacity).toBe(1);
  });

  it('shows my own profile with pairings and thanks, and others’ without pairings', async () => {
    await kit.mentor('ana', 'languages: en');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.ok('bo', 'thanks @ana for the pricing sheet');
    const own = (await kit.ok('ana', 'profile')).text.split('\n');
    expect(own).toEqual([
      '*ana* (<@test:c1:ana>): mentor, active',
      'Offers: pricing, contracts · mentees 1/2',
      'Time zone: UTC · languages: en',
      'Check-ins: every 2 weeks · thanked 1 time',
      'Paired with: <@test:c1:bo> (mentee)',
    ]);
    const other = (await kit.ok('bo', 'profile @ana')).text;
    expect(other).toContain('thanked 1 time');
    expect(other).not.toContain('Paired with');
    expect((await kit.ok('ana', 'profile @bo')).text).toContain('Wants to learn: pricing');
  });
});

describe('pause and resume', () => {
  it('pauses until local midnight of the date in the member’s time zone', async () => {
    await kit.mentor('ana', '');
    await kit.ok('ana', 'edit tz: America/New_York');
    await kit.ok(
      'ana',
      'pause until 2026-12-31',
      /^Paused until Thursday 31 December 2026: no new pairings and no check-in nudges meanwhile\./,
    );
    expect(await kit.member('ana')).toMatchObject({
      status: 'paused',
      pausedUntil: new Date('2026-12-31T05:00:00Z'),
    });
  });

  it('pauses until local midnight east of UTC too', async () => {
    await kit.ok('ana', 'join mentee goals: x tz: Asia/Tokyo');
    await kit.ok('ana', 'pause until 2026-12-31', /until Thursday 31 December 2026/);
    expect((await kit.member('ana'))!.pausedUntil).toEqual(new Date('2026-12-30T15:00:00Z'));
  });

  // profile.ts prints pausedUntil.toISOString().slice(0, 10): the UTC date, a day early east of UTC.
  it('shows the pause end date in the member’s own time zone on the profile', async () => {
    await kit.ok('ana', 'join mentee goals: x tz: Asia/Tokyo');
    await kit.ok('ana', 'pause until 2026-12-31');
    expect((await kit.ok('ana', 'profile')).text).toContain('paused until 2026-12-31');
  });

  it('pauses for a number of days, or until resume', async () => {
    await kit.mentee('bo');
    await kit.ok('bo', 'pause for 14 days', /^Paused until Monday 16 March 2026/);
    expect(await kit.member('bo')).toMatchObject({
      status: 'paused',
      pausedUntil: new Date(NOW.getTime() + 14 * DAY_MS),
    });
    await kit.ok('bo', 'pause', /^Paused until you say `\/mentor resume`/);
    expect(await kit.member('bo')).toMatchObject({ status: 'paused', pausedUntil: null });
    expect((await kit.ok('bo', 'profile')).text).toMatch(/mentee, paused\n/);
  });

  it('resumes, and says so when there is nothing to resume', async () => {
    await kit.mentee('bo');
    await kit.ok('bo', 'pause for 3 days');
    await kit.ok('bo', 'resume', /^Welcome back!/);
    expect(await kit.member('bo')).toMatchObject({ status: 'active', pausedUntil: null });
    await kit.ok('bo', 'resume', /^You are not paused; nothing to resume\.$/);
  });

  it('keeps pairings while paused', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.ok('bo', 'pause for 7 days');
    expect((await kit.pairingsBetween('ana', 'bo'))[0]!.status).toBe('active');
  });
});

describe('leave', () => {
  it('ends every pairing politely, tells the partner with the feedback prompt, and keeps the profile', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    const pairing = await kit.pair('ana', 'bo');
    await kit.ok(
      'bo',
      'leave',
      /^You have left the mentoring program\. Your 1 pairing has ended and the other side was told\. Come back any time/,
    );
    expect(await kit.member('bo')).toMatchObject({ status: 'left', pausedUntil: null });
    const { rows } = await kit.db.query<{ status: string; ended_by: string; end_reason: string; ended_at: Date }>(
      'SELECT status, ended_by, end_reason, ended_at FROM pairings WHERE id = $1',
      [pairing.id],
    );
    expect(rows[0]).toEqual({ status: 'ended', ended_by: person('bo'), end_reason: 'left the program', ended_at: NOW });
    const toAna = (await kit.outboxFor('ana')).at(-1)!;
    expect(toAna.text).toMatch(
      /^Your pairing with <@test:c1:bo> has ended: your partner has stepped out of the program\. Thank you for the time you gave it\./,
    );
    expect(toAna.actions).toHaveLength(5);
    expect(await kit.outboxFor('bo')).toEqual([]);
  });

  it('says nothing about pairings when there were none', async () => {
    await kit.mentee('bo');
    const reply = await kit.ok('bo', 'leave', /^You have left the mentoring program\. Come back any time/);
    expect(reply.text).not.toContain('pairing');
  });
});

describe('forget-me', () => {
  it('asks for confirmation first and changes nothing but the event record', async () => {
    await kit.mentee('bo');
    const before = await kit.counts();
    const reply = await kit.ok(
      'bo',
      'forget-me',
      /It cannot be undone\. To go ahead, type `\/mentor forget-me confirm`\.$/,
    );
    expect(reply.actions).toEqual([{ label: 'Yes, delete everything', command: 'forget-me confirm', style: 'danger' }]);
    expect(await kit.counts()).toEqual({ ...before, processed_events: before.processed_events! + 1 });
  });

  it('deletes the profile and private writing, ends pairings, and anonymises the partner’s history', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    const pairing = await kit.pair('ana', 'bo');
    await kit.ok('bo', 'checkin first call done');
    await kit.ok('ana', 'checkin my own note');
    await kit.ok('bo', 'thanks @ana lovely');
    await kit.ok('bo', 'block @zed');
    await kit.ok(
      'bo',
      'forget-me confirm',
      /^Done: I deleted everything I stored about you\. 1 past pairing stays in your partners' history under an anonymous id\./,
    );
    expect(await kit.member('bo')).toBeNull();
    const { rows } = await kit.db.query<{ mentee_id: string; status: string }>(
      'SELECT mentee_id, status FROM pairings WHERE id = $1',
      [pairing.id],
    );
    expect(rows[0]!.status).toBe('ended');
    expect(rows[0]!.mentee_id).toMatch(/^forgotten:/);
    const notes = await kit.db.query<{ note: string }>('SELECT note FROM check_ins');
    expect(notes.rows.map((r) => r.note)).toEqual(['my own note']);
    expect((await kit.counts()).blocks).toBe(0);
    const thanks = await kit.db.query<{ from_id: string; message: string }>('SELECT from_id, message FROM thanks');
    expect(thanks.rows).toEqual([{ from_id: expect.stringMatching(/^forgotten:/), message: '' }]);
    expect((await kit.outboxFor('ana')).at(-1)!.text).toMatch(/has ended: your partner has left the program/);
    expect(await kit.outboxFor('bo')).toEqual([]);
    const everything = JSON.stringify(await kit.db.query('SELECT * FROM processed_events'));
    expect(everything).not.toContain(person('bo'));
  });

  // forget-query.ts rewrites audit details, outbox messages and stored replies with replace(text, id, anonymous)
  // where text LIKE '%id%': anyone whose id merely starts with the forgotten one ("ana" / "anabel") is rewritten too.
  it('leaves the records of someone whose id starts with the forgotten id untouched', async () => {
    await kit.mentor('ana');
    await kit.mentee('anabel');
    await kit.mentor('bo');
    await kit.pair('bo', 'anabel');
    await kit.ok('ana', 'forget-me confirm');
    const { rows } = await kit.db.query<{ details: { menteeId: string } }>('SELECT details FROM audit_log');
    const intro = (await kit.outboxFor('bo'))[0]!.text;
    expect({
      audited: rows.map((r) => r.details.menteeId),
      introNamesAnabel: intro.includes(`<@${person('anabel')}>`),
    }).toEqual({ audited: [person('anabel')], introNamesAnabel: true });
  });
});

describe('block', () => {
  it('stores the block privately, once, and hints at end when paired', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.ok('bo', 'block @zed', /^Done: you will never be paired with <@test:c1:zed>\. They are not told\.$/);
    await kit.ok('bo', 'block @zed');
    await kit.pair('ana', 'bo');
    await kit.ok(
      'bo',
      'block @ana',
      /They are not told\. You are paired with them now; `\/mentor end <@test:c1:ana>` ends it\.$/,
    );
    const { rows } = await kit.db.query<{ blocker_id: string; blocked_id: string }>(
      'SELECT blocker_id, blocked_id FROM blocks ORDER BY blocked_id',
    );
    expect(rows).toEqual([
      { blocker_id: person('bo'), blocked_id: person('ana') },
      { blocker_id: person('bo'), blocked_id: person('zed') },
    ]);
    expect(await kit.outboxFor('zed')).toEqual([]);
    expect((await kit.outboxFor('ana')).some((m) => m.text.includes('block'))).toBe(false);
  });
});
