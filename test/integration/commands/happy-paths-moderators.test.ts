import { person, useCommandKit } from './command-kit';

/** Moderator commands that succeed: config (saved and audited) and stats (the numbers). */
const kit = useCommandKit();
const DAY_MS = 24 * 60 * 60 * 1000;

async function settings(): Promise<Record<string, unknown>> {
  const { rows } = await kit.db.query<{ settings: Record<string, unknown> }>('SELECT settings FROM communities');
  return rows[0]!.settings;
}

describe('config', () => {
  it('lists every setting with its current value', async () => {
    const lines = (await kit.ok('mod', 'config')).text.split('\n');
    expect(lines[0]).toBe('Community settings; change one with `/mentor config KEY VALUE`:');
    const keys = lines.slice(1).map((line) => /^• \*([a-z-]+)\*: \S/.exec(line)?.[1]);
    expect(keys).not.toContain(undefined);
    expect(keys).toEqual(
      expect.arrayContaining([
        'cadence',
        'quiet-hours',
        'default-capacity',
        'repeat-window',
        'mentee-pairings',
        'moderators',
        'timezone',
        'welcome',
      ]),
    );
    expect(lines).toContain(
      '• *quiet-hours*: 20:00-08:00 (local hours in which nobody is nudged, as HH:MM-HH:MM, or off)',
    );
  });

  it('shows one setting', async () => {
    await kit.ok(
      'mod',
      'config repeat-window',
      /^\*repeat-window\*: 365 days \(days before a past pair may be matched again/,
    );
  });

  it('changes settings, saves them, and writes the audit log', async () => {
    await kit.ok('mod', 'config quiet-hours 21:00-07:00', /^Saved: \*quiet-hours\* is now 21:00-07:00\.$/);
    await kit.ok('mod', 'config default-capacity 3', /^Saved: \*default-capacity\* is now 3\.$/);
    await kit.ok('mod', 'config cadence weekly', /^Saved: \*cadence\* is now every week\.$/);
    await kit.ok('mod', 'config timezone europe/berlin', /^Saved: \*timezone\* is now Europe\/Berlin\.$/);
    await kit.ok('mod', 'config repeat-window 90 days', /is now 90 days\./);
    await kit.ok('mod', 'config mentee-pairings 2', /is now 2\./);
    expect(await settings()).toMatchObject({
      quietHours: { start: '21:00', end: '07:00' },
      defaultCapacity: 3,
      cadenceMinutes: 7 * 24 * 60,
      timezone: 'Europe/Berlin',
      repeatWindowDays: 90,
      menteePairings: 2,
    });
    const { rows } = await kit.db.query<{ actor_id: string; action: string; details: object }>(
      'SELECT actor_id, action, details FROM audit_log ORDER BY id',
    );
    expect(rows[0]).toEqual({
      actor_id: person('mod'),
      action: 'config',
      details: { key: 'quiet-hours', value: '21:00-07:00' },
    });
    expect(rows.map((r) => r.action)).toEqual(Array(6).fill('config'));
  });

  it('turns quiet hours off', async () => {
    await kit.ok('mod', 'config quiet-hours off', /is now off\.$/);
    expect((await settings()).quietHours).toBeNull();
  });

  it('applies the default capacity to mentors who join afterwards', async () => {
    await kit.ok('mod', 'config default-capacity 4');
    await kit.ok('ana', 'join mentor skills: pricing tz: UTC', /up to 4 mentees/);
    expect((await kit.member('ana'))!.capacity).toBe(4);
  });

  it('lets a mentee have two mentors when mentee-pairings is 2', async () => {
    await kit.ok('mod', 'config mentee-pairings 2');
    await kit.mentor('ana');
    await kit.mentor('cy');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.pair('cy', 'bo');
  });

  it('makes a configured moderator able to run moderator commands', async () => {
    await kit.mentor('bob');
    await kit.ok('mod', 'config moderators add @bob', /^Saved: \*moderators\* is now <@test:c1:bob>\.$/);
    expect((await settings()).moderators).toEqual([person('bob')]);
    await kit.ok('bob', 'stats', /^\*Members\*: 1 \(1 mentor, 0 mentees, 0 paused\)/);
    await kit.ok('bob', 'config welcome Hello!', /^Saved/);
    expect((await kit.ok('bob', 'help')).text).toContain('*Moderators*');
    const { rows } = await kit.db.query<{ details: object }>(
      "SELECT details FROM audit_log WHERE details->>'key' = 'moderators'",
    );
    expect(rows).toEqual([{ details: { key: 'moderators', value: `add <@${person('bob')}>` } }]);
  });
});

describe('stats', () => {
  it('reports an empty community', async () => {
    expect((await kit.ok('mod', 'stats')).text.split('\n')).toEqual([
      '*Members*: 0 (0 mentors, 0 mentees, 0 paused)',
      '*Pairs*: 0 active, 0 at risk, 0 ended',
      '*Check-ins*: 0 in the last 30 days; n/a of active pairs checked in within their cadence',
      '*Satisfaction*: no ratings yet · 0 thanks',
    ]);
  });

  it('counts members, pairs, check-ins, ratings and thanks', async () => {
    await kit.mentor('ana');
    await kit.ok('eve', 'join both skills: design goals: taxes tz: UTC', /^Welcome/);
    await kit.mentee('bo');
    await kit.mentee('cy');
    await kit.mentee('dee');
    await kit.mentee('fay');
    await kit.ok('fay', 'leave');
    await kit.pair('ana', 'bo');
    await kit.pair('ana', 'cy');
    const ended = await kit.pair('eve', 'dee');
    await kit.ok('dee', 'end');
    await kit.ok('dee', `feedback ${ended.id} 4 good`);
    await kit.ok('eve', `feedback ${ended.id} 2`);
    await kit.ok('dee', 'pause');
    await kit.ok('bo', 'checkin we met');
    await kit.ok('bo', 'thanks @ana great help');
    expect((await kit.ok('mod', 'stats')).text.split('\n')).toEqual([
      '*Members*: 5 (2 mentors, 4 mentees, 1 paused)',
      '*Pairs*: 2 active, 0 at risk, 1 ended',
      '*Check-ins*: 1 in the last 30 days; 50% of active pairs checked in within their cadence',
      '*Satisfaction*: 3.0 / 5 from 2 ratings · 1 thanks',
    ]);

    // A month later the check-in is old: nobody is on track and it left the 30-day window.
    kit.h.clock.advance(31 * DAY_MS);
    expect((await kit.ok('mod', 'stats')).text).toContain(
      '*Check-ins*: 0 in the last 30 days; 0% of active pairs checked in within their cadence',
    );
  });

  it('counts only this community', async () => {
    await kit.mentor('ana');
    await kit.db.query("INSERT INTO communities (id) VALUES ('test:c2')");
    await kit.db.query(
      `INSERT INTO members (community_id, id, display_name, role, skills, timezone, capacity, cadence_minutes)
       VALUES ('test:c2', 'test:c2:x', 'x', 'mentor', '{a}', 'UTC', 1, 60)`,
    );
    await kit.ok('mod', 'stats', /^\*Members\*: 1 \(1 mentor, /);
  });
});
