import { commandHarness, person, type Harness } from '../../helpers/command-harness';
import { createPgliteDatabase, rowCounts, type TestDatabase } from '../../helpers/test-databases';

/** A small community where the best round is known: ana fits ben (pricing), carl fits dee (taxes). */
async function seed(bot: Harness): Promise<void> {
  await bot.as(
    'ana',
    'join mentor skills: pricing, finding clients tz: America/New_York languages: en, es capacity: 2',
  );
  await bot.as('carl', 'join mentor skills: contracts, taxes tz: Europe/London languages: en capacity: 1');
  await bot.as('ben', 'join mentee goals: pricing tz: Europe/Berlin languages: en');
  await bot.as('dee', 'join mentee goals: taxes, contracts tz: Europe/Paris languages: en');
  await bot.as('eve', 'join mentee goals: pricing tz: Asia/Tokyo languages: ja');
}

describe('pairing rounds', () => {
  let database: TestDatabase;
  let bot: Harness;

  beforeEach(async () => {
    database = await createPgliteDatabase();
    bot = commandHarness(database.db);
    await seed(bot);
  });
  afterEach(() => database.dispose());

  const activePairs = async () =>
    (
      await database.db.query<{ mentor_id: string; mentee_id: string; source: string; round_id: number | null }>(
        `SELECT mentor_id, mentee_id, source, round_id FROM pairings WHERE status = 'active' ORDER BY mentee_id`,
      )
    ).rows;
  const outboxTexts = async (name: string) =>
    (
      await database.db.query<{ text: string }>(
        `SELECT message->>'text' AS text FROM outbox WHERE recipient_id = $1 ORDER BY id`,
        [person(name)],
      )
    ).rows.map((r) => r.text);

  it('refuses every round command to a non-moderator and writes nothing', async () => {
    const before = await rowCounts(database.db);
    for (const text of [
      'round preview',
      'round publish',
      'round swap @ben @dee',
      'round status',
      'round schedule 0 10 * * 1',
    ]) {
      expect(await bot.as('ben', text)).toMatch(
        /^Only moderators can use `\/mentor round \w+`; ask one of your community's moderators\.$/,
      );
    }
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('previews the whole-pool optimum with reasons for every pair and every unmatched person', async () => {
    const reply = await bot.as('mod', 'round preview');
    expect(reply).toContain('*Draft round 1*: 2 pairs, 1 unmatched');
    expect(reply).toMatch(/<@test:c1:ana> → <@test:c1:ben> · [\d.]+ · shares its 1 goal: pricing/);
    expect(reply).toMatch(/<@test:c1:carl> → <@test:c1:dee> · [\d.]+ · shares 2 of 2 goals: taxes, contracts/);
    expect(reply).toContain('• <@test:c1:eve>: no mentor shares a language');
    expect(await activePairs()).toEqual([]);
  });

  it('lets a moderator swap, exclude and include, recomputing the rest', async () => {
    await bot.as('mod', 'round preview');
    const swapped = await bot.as('mod', 'round swap @ben @dee');
    expect(swapped).toContain('Swapped the mentors of <@test:c1:ben> and <@test:c1:dee> (both pairs locked).');
    expect(swapped).toMatch(/<@test:c1:carl> → <@test:c1:ben> · [-\d.]+ · 🔒 locked/);
    expect(swapped).toMatch(/<@test:c1:ana> → <@test:c1:dee> · [-\d.]+ · 🔒 locked/);
    const excluded = await bot.as('mod', 'round exclude @carl');
    // Carl's locked pair goes with him; Ben falls back to his best remaining mentor, Ana, who has room for two.
    expect(excluded).toMatch(/<@test:c1:ana> → <@test:c1:ben>/);
    expect(excluded).toContain('*Excluded by a moderator:* <@test:c1:carl>');
    const included = await bot.as('mod', 'round include @carl');
    expect(included).toContain('<@test:c1:carl> is back in this round.');
    expect(included).not.toContain('Excluded by a moderator');
    // Dee's lock with Ana survived Carl's exclusion; Carl has nobody left who fits better.
    expect(included).toMatch(/<@test:c1:ana> → <@test:c1:dee> · [-\d.]+ · 🔒 locked/);
  });

  it('refuses a swap that breaks a hard rule, and leaves the draft as it was', async () => {
    await bot.as('eve', 'block @ana');
    await bot.as('mod', 'round preview');
    const before = await rowCounts(database.db);
    const draftBefore = (await database.db.query('SELECT draft FROM rounds')).rows;
    expect(await bot.as('mod', 'round lock @ana @eve')).toBe(
      '<@test:c1:ana> and <@test:c1:eve> cannot be paired: a past pairing or a private preference rules it out.',
    );
    expect(await bot.as('mod', 'round lock @carl @eve')).toBe('<@test:c1:carl> and <@test:c1:eve> share no language.');
    expect(await rowCounts(database.db)).toEqual(before);
    expect((await database.db.query('SELECT draft FROM rounds')).rows).toEqual(draftBefore);
  });

  it('publishes: pairings made, both sides introduced, the unmatched told why and given priority', async () => {
    await bot.as('mod', 'round preview');
    expect(await bot.as('mod', 'round publish')).toBe(
      'Round 1 published: 2 pairs introduced, 1 person told why they were not matched.',
    );
    expect(await activePairs()).toEqual([
      { mentor_id: person('ana'), mentee_id: person('ben'), source: 'round', round_id: 1 },
      { mentor_id: person('carl'), mentee_id: person('dee'), source: 'round', round_id: 1 },
    ]);
    const intros = await database.db.query<{ participants: string[] }>(
      `SELECT message->'participants' AS participants FROM outbox WHERE message->>'kind' = 'intro' ORDER BY id`,
    );
    expect(intros.rows.map((r) => r.participants)).toEqual([
      [person('ana'), person('ben')],
      [person('carl'), person('dee')],
    ]);
    expect(await outboxTexts('eve')).toEqual([
      'No mentor for you this round, sorry: no mentor shares a language. You go first in the next round; `/mentor suggest` shows mentors you can ask directly now.',
    ]);
    const priority = await database.db.query<{ id: string }>('SELECT id FROM members WHERE priority ORDER BY id');
    expect(priority.rows.map((r) => r.id)).toEqual([person('eve')]);
    expect(await bot.as('mod', 'round publish')).toBe(
      'Round 1 is already published; start the next one with `/mentor round preview`.',
    );
    // The next round never repeats a pair that is active.
    expect(await bot.as('mod', 'round preview')).toContain('*Draft round 2*: 0 pairs');
  });

  it('skips a pair that stopped being possible between preview and publish, and says so', async () => {
    await bot.as('mod', 'round preview');
    await bot.as('fay', 'join mentee goals: taxes tz: Europe/London languages: en');
    await bot.as('mod', 'pair @carl @fay');
    const reply = await bot.as('mod', 'round publish');
    expect(reply).toContain('Round 1 published: 1 pair introduced, 2 people told why they were not matched.');
    expect(reply).toContain('<@test:c1:carl> → <@test:c1:dee>: <@test:c1:carl> already has 1 of 1 mentees.');
    expect(await outboxTexts('dee')).toEqual([
      expect.stringContaining('the mentor chosen for you became unavailable just before the round was published'),
    ]);
  });

  it('cancels a draft without telling anyone', async () => {
    await bot.as('mod', 'round preview');
    const outboxBefore = (await rowCounts(database.db)).outbox;
    expect(await bot.as('mod', 'round cancel')).toBe('Draft round 1 cancelled; nobody was told anything.');
    expect((await rowCounts(database.db)).outbox).toBe(outboxBefore);
    expect(await bot.as('mod', 'round publish')).toBe(
      'There is no draft round to publish; start one with `/mentor round preview`.',
    );
    expect(await bot.as('mod', 'round status')).toMatch(/^Round 1 was cancelled: 2 pairs/);
  });

  it('stores a valid schedule in the community time zone and explains a bad one', async () => {
    await bot.as('mod', 'config timezone Europe/Berlin');
    expect(await bot.as('mod', 'round schedule 0 10 * * 1#1')).toBe(
      'Round schedule saved: `0 10 * * 1#1` in Europe/Berlin; next drafts Monday 6 April 2026 at 10:00, then Monday 4 May 2026 at 10:00.',
    );
    expect(await bot.as('mod', 'round schedule 61 10 * * 1')).toMatch(
      /^"61 10 \* \* 1" is not a cron schedule \(constraint error/,
    );
    expect(await bot.as('mod', 'round schedule every monday')).toBe(
      '"every monday" must have five fields (minute hour day-of-month month day-of-week), e.g. 0 10 * * 1#1.',
    );
    expect(await bot.as('mod', 'round status')).toContain(
      'Schedule: `0 10 * * 1#1` in Europe/Berlin; next Monday 6 April 2026 at 10:00.',
    );
    expect(await bot.as('mod', 'round schedule off')).toContain('Automatic rounds are off');
  });
});

describe('suggest and request', () => {
  let database: TestDatabase;
  let bot: Harness;

  beforeAll(async () => {
    database = await createPgliteDatabase();
    bot = commandHarness(database.db);
    await seed(bot);
  });
  afterAll(() => database.dispose());

  it('suggests the best mentors with reasons and a button to ask each', async () => {
    const reply = await bot.reply('dee', 'suggest');
    expect(reply.text).toMatch(
      /^Your best mentors right now:\n1\. <@test:c1:carl> · [\d.]+ · shares 2 of 2 goals: taxes, contracts/,
    );
    expect(reply.text).toMatch(/\n2\. <@test:c1:ana> · /);
    expect(reply.actions).toEqual([
      { label: 'Ask carl', command: `request <@${person('carl')}>` },
      { label: 'Ask ana', command: `request <@${person('ana')}>` },
    ]);
    expect(await bot.as('eve', 'suggest')).toContain('No mentor with room fits you right now');
    expect(await bot.as('ana', 'suggest')).toBe('Suggestions are for mentees; you joined as a mentor.');
  });

  it('asks a mentor, who accepts once; capacity holds for the next request', async () => {
    expect(await bot.as('dee', 'request @carl')).toBe('Asked <@test:c1:carl>; I will tell you when they answer.');
    expect(await bot.as('dee', 'request @carl')).toBe('You already asked <@test:c1:carl>; they have not answered yet.');
    const asked = await database.db.query<{ message: { actions: { command: string }[] } }>(
      `SELECT message FROM outbox WHERE recipient_id = $1 ORDER BY id DESC LIMIT 1`,
      [person('carl')],
    );
    const accept = asked.rows[0]!.message.actions[0]!.command;
    expect(accept).toMatch(/^request accept \d+$/);
    expect(await bot.as('ben', accept)).toMatch(/^Request \d+ is not addressed to you\.$/);
    expect(await bot.as('carl', accept)).toBe(
      'Accepted: you now mentor <@test:c1:dee>; the intro is in your messages.',
    );
    expect(await bot.as('carl', accept)).toBe('You already answered this request (accepted).');
    expect(await bot.as('ben', 'request @carl')).toBe(
      '<@test:c1:carl> has no room right now; `/mentor suggest` shows mentors who do.',
    );
  });

  it('tells the mentee kindly when a mentor declines', async () => {
    await bot.as('ben', 'request @ana');
    const { rows } = await database.db.query<{ id: number }>(`SELECT id FROM mentor_requests WHERE mentor_id = $1`, [
      person('ana'),
    ]);
    expect(await bot.as('ana', `request decline ${rows[0]!.id}`)).toBe('Declined; <@test:c1:ben> was told kindly.');
    const told = await database.db.query<{ text: string }>(
      `SELECT message->>'text' AS text FROM outbox WHERE recipient_id = $1 ORDER BY id DESC LIMIT 1`,
      [person('ben')],
    );
    expect(told.rows[0]!.text).toContain('cannot take you on right now');
  });

  it('exports pairings and activity as CSV without notes', async () => {
    await bot.as('dee', 'checkin @carl secret plans about my rates');
    const reply = await bot.reply('mod', 'export');
    expect(reply.text).toBe('Export of 1 pairing with check-in and goal counts (no private notes).');
    const lines = reply.attachment!.content.trim().split('\n');
    expect(lines[0]).toBe(
      'pairing_id,mentor,mentee,status,source,started_at,ended_at,at_risk,check_ins,last_check_in_at,goals,goals_done',
    );
    expect(lines[1]).toMatch(
      /^1,test:c1:carl,test:c1:dee,active,request,2026-03-02T12:00:00.000Z,,no,1,2026-03-02T12:00:00.000Z,0,0$/,
    );
    expect(reply.attachment!.content).not.toContain('secret');
    expect(await bot.as('dee', 'export')).toBe(
      "Only moderators can use `/mentor export`; ask one of your community's moderators.",
    );
  });
});
