import { person, useCommandKit } from './command-kit';

/** The main successful flow of the pairing commands, with the effects checked in the database and outbox. */
const kit = useCommandKit();
const NOW = new Date('2026-03-02T12:00:00Z');

async function anaMentorsBo() {
  await kit.mentor('ana');
  await kit.mentee('bo');
  return kit.pair('ana', 'bo');
}

describe('pair and unpair', () => {
  it('creates a manual pairing, introduces the pair with the agreement prompt, and audits it', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo', 'cadence: weekly');
    await kit.ok(
      'mod',
      'pair @ana @bo',
      /^Paired <@test:c1:ana> \(mentor\) with <@test:c1:bo> \(mentee\); both were introduced\.$/,
    );
    const [pairing] = await kit.pairingsBetween('ana', 'bo');
    expect(pairing).toMatchObject({
      status: 'active',
      source: 'manual',
      cadenceMinutes: 7 * 24 * 60,
      startedAt: NOW,
      endedAt: null,
      atRisk: false,
    });
    const [intro] = await kit.outboxFor('ana');
    expect(intro).toMatchObject({ kind: 'intro', participants: [person('ana'), person('bo')] });
    expect(intro!.text).toMatch(/^👋 <@test:c1:ana>, meet your mentee <@test:c1:bo>!/);
    expect(intro!.text).toContain('Why you two: chosen by a moderator.');
    expect(intro!.text).toContain('suggested: every week');
    expect(intro!.text).toContain('the goals (pricing)');
    expect(intro!.text).toContain('confidentiality');
    const { rows } = await kit.db.query<{ actor_id: string; action: string; details: object }>(
      'SELECT actor_id, action, details FROM audit_log',
    );
    expect(rows).toEqual([
      {
        actor_id: person('mod'),
        action: 'pair',
        details: { mentorId: person('ana'), menteeId: person('bo'), force: false, pairingId: pairing!.id },
      },
    ]);
  });

  it('lets force pair a paused member and a past pair', async () => {
    await anaMentorsBo();
    await kit.ok('mod', 'unpair @ana @bo');
    await kit.ok('bo', 'pause');
    await kit.ok('mod', 'pair @ana @bo force', /^Paired/);
    const pairings = await kit.pairingsBetween('ana', 'bo');
    expect(pairings.map((p) => p.status)).toEqual(['ended', 'active']);
  });

  it('pairs a past pair without force once the repeat window has passed', async () => {
    await kit.ok('mod', 'config repeat-window 30', /^Saved/);
    await anaMentorsBo();
    await kit.ok('mod', 'unpair @ana @bo');
    kit.h.clock.advance(31 * 24 * 60 * 60 * 1000);
    await kit.ok('mod', 'pair @ana @bo', /^Paired/);
  });

  it('unpairs: ends the pairing, tells both with the feedback prompt, and audits it', async () => {
    const pairing = await anaMentorsBo();
    await kit.ok('mod', 'unpair @ana @bo', /^Unpaired <@test:c1:ana> and <@test:c1:bo>; both were told\.$/);
    const [ended] = await kit.pairingsBetween('ana', 'bo');
    expect(ended).toMatchObject({ status: 'ended', endedAt: NOW });
    for (const [name, partner] of [
      ['ana', 'bo'],
      ['bo', 'ana'],
    ] as const) {
      const last = (await kit.outboxFor(name)).at(-1)!;
      expect(last.text).toMatch(
        new RegExp(`^Your pairing with <@test:c1:${partner}> has ended: a moderator closed it\\.`),
      );
      expect(last.actions).toHaveLength(5);
    }
    const { rows } = await kit.db.query<{ action: string; details: { pairingId: number } }>(
      'SELECT action, details FROM audit_log ORDER BY id',
    );
    expect(rows.map((r) => [r.action, r.details.pairingId])).toEqual([
      ['pair', pairing.id],
      ['unpair', pairing.id],
    ]);
  });
});

describe('checkin', () => {
  it('logs a check-in with its note and tells the partner', async () => {
    const pairing = await anaMentorsBo();
    await kit.ok(
      'bo',
      'checkin we reviewed my rates',
      /^Check-in logged for your pairing with <@test:c1:ana>\. Next one in about 2 weeks\.$/,
    );
    const { rows } = await kit.db.query<{ pairing_id: number; logged_by: string; note: string; created_at: Date }>(
      'SELECT pairing_id, logged_by, note, created_at FROM check_ins',
    );
    expect(rows).toEqual([
      { pairing_id: pairing.id, logged_by: person('bo'), note: 'we reviewed my rates', created_at: NOW },
    ]);
    expect((await kit.outboxFor('ana')).at(-1)).toEqual({
      kind: 'notice',
      text: '<@test:c1:bo> logged a check-in for your pairing: “we reviewed my rates”',
    });
  });

  it('logs a check-in without a note', async () => {
    await anaMentorsBo();
    await kit.ok('ana', 'checkin', /^Check-in logged/);
    expect((await kit.outboxFor('bo')).at(-1)!.text).toBe('<@test:c1:ana> logged a check-in for your pairing.');
  });

  it('lets a mentor with two mentees name the one meant', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.mentee('cy');
    await kit.pair('ana', 'bo');
    const second = await kit.pair('ana', 'cy');
    await kit.ok('ana', 'checkin @cy call', /with <@test:c1:cy>/);
    const { rows } = await kit.db.query<{ pairing_id: number }>('SELECT pairing_id FROM check_ins');
    expect(rows).toEqual([{ pairing_id: second.id }]);
  });
});

describe('goals', () => {
  it('adds numbered goals, lists them, marks one done, and tells the partner each time', async () => {
    await anaMentorsBo();
    await kit.ok('bo', 'goals', /^No goals yet with <@test:c1:ana>\./);
    await kit.ok(
      'bo',
      'goal add raise my day rate by 10%',
      /^Goal 1 added: raise my day rate by 10%\. Mark it with `\/mentor goal done 1`/,
    );
    await kit.ok('ana', 'goal add @bo land two retainer clients', /^Goal 2 added/);
    expect((await kit.outboxFor('ana')).at(-1)!.text).toBe(
      '<@test:c1:bo> added goal 1 for your pairing: raise my day rate by 10%',
    );
    await kit.ok('ana', 'goal done 1', /^🎉 Goal 1 done\.$/);
    expect((await kit.outboxFor('bo')).at(-1)!.text).toBe('🎉 <@test:c1:ana> marked goal 1 as done.');
    expect((await kit.ok('bo', 'goals')).text).toBe(
      'Goals with <@test:c1:ana>:\n✅ 1. raise my day rate by 10%\n⬜ 2. land two retainer clients',
    );
    const { rows } = await kit.db.query<{ number: number; created_by: string; done_at: Date | null }>(
      'SELECT number, created_by, done_at FROM goals ORDER BY number',
    );
    expect(rows).toEqual([
      { number: 1, created_by: person('bo'), done_at: NOW },
      { number: 2, created_by: person('ana'), done_at: null },
    ]);
  });

  it('numbers goals per pairing', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.mentee('cy');
    await kit.pair('ana', 'bo');
    await kit.pair('ana', 'cy');
    await kit.ok('bo', 'goal add one', /^Goal 1 added/);
    await kit.ok('cy', 'goal add other', /^Goal 1 added/);
  });
});

describe('thanks', () => {
  it('stores the thanks, tells the person, and counts it on their profile', async () => {
    await anaMentorsBo();
    await kit.ok(
      'bo',
      'thanks @ana for the contract template',
      /^Thanks sent to <@test:c1:ana>; it counts on their profile\.$/,
    );
    await kit.ok('cy', 'thanks @ana nice talk yesterday');
    const { rows } = await kit.db.query<{ from_id: string; to_id: string; message: string }>(
      'SELECT from_id, to_id, message FROM thanks ORDER BY id',
    );
    expect(rows[0]).toEqual({ from_id: person('bo'), to_id: person('ana'), message: 'for the contract template' });
    expect((await kit.outboxFor('ana')).at(-2)!.text).toBe('💛 <@test:c1:bo> thanked you: “for the contract template”');
    expect((await kit.ok('bo', 'profile @ana')).text).toContain('thanked 2 times');
  });
});

describe('end and feedback', () => {
  it('ends my pairing, tells the partner, and offers both five one-click ratings', async () => {
    const pairing = await anaMentorsBo();
    const reply = await kit.ok(
      'bo',
      'end our schedules do not fit',
      /^Your pairing with <@test:c1:ana> has ended and they were told\. How did it go\?/,
    );
    const ratings = [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), command: `feedback ${pairing.id} ${n}` }));
    expect(reply.actions).toEqual(ratings);
    const { rows } = await kit.db.query<{ status: string; ended_by: string; end_reason: string }>(
      'SELECT status, ended_by, end_reason FROM pairings WHERE id = $1',
      [pairing.id],
    );
    expect(rows[0]).toEqual({ status: 'ended', ended_by: person('bo'), end_reason: 'our schedules do not fit' });
    const toAna = (await kit.outboxFor('ana')).at(-1)!;
    expect(toAna.text).toMatch(/^Your pairing with <@test:c1:bo> has ended: your partner closed it\./);
    expect(toAna.text).toContain(`/mentor feedback ${pairing.id} 1-5 your comment`);
    expect(toAna.actions).toEqual(ratings);
  });

  it('records feedback from a rating button and from a typed comment, once per person', async () => {
    const pairing = await anaMentorsBo();
    await kit.ok('bo', 'end');
    const button = (await kit.outboxFor('ana')).at(-1)!.actions![3]!;
    await kit.ok('ana', button.command, /^Thank you for the feedback/);
    await kit.ok('bo', `feedback ${pairing.id} 2 we never found a time`, /^Thank you for the feedback/);
    const { rows } = await kit.db.query<{ from_id: string; rating: number | null; text: string }>(
      'SELECT from_id, rating, text FROM feedback ORDER BY id',
    );
    expect(rows).toEqual([
      { from_id: person('ana'), rating: 4, text: '' },
      { from_id: person('bo'), rating: 2, text: 'we never found a time' },
    ]);
  });

  it('takes a comment without a rating', async () => {
    const pairing = await anaMentorsBo();
    await kit.ok('bo', 'end');
    await kit.ok('bo', `feedback ${pairing.id} it was fine`);
    const { rows } = await kit.db.query('SELECT rating, text FROM feedback');
    expect(rows).toEqual([{ rating: null, text: 'it was fine' }]);
  });
});
