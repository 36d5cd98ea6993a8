import { DATABASE_KIND, useCommandKit } from './command-kit';

/**
 * Commands arriving together. On PGlite (one connection) they run one after the other anyway; on the Postgres
 * server they really overlap, and the row locks and the event-id key are what keep these rules.
 */
const kit = useCommandKit();

describe(`commands at the same time (${DATABASE_KIND})`, () => {
  it('never puts a mentor over capacity', async () => {
    await kit.mentor('ana', 'capacity: 1');
    await kit.mentee('bo');
    await kit.mentee('cy');
    await kit.mentee('dee');
    const replies = await Promise.all(['bo', 'cy', 'dee'].map((mentee) => kit.h.as('mod', `pair @ana @${mentee}`)));
    expect(replies.filter((text) => text.startsWith('Paired'))).toHaveLength(1);
    expect(replies.filter((text) => text === '<@test:c1:ana> already has 1 of 1 mentees.')).toHaveLength(2);
    const { rows } = await kit.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pairings WHERE status = 'active'",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('runs an event delivered twice at once only once, and answers both deliveries alike', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    const replies = await Promise.all([1, 2].map(() => kit.h.as('bo', 'checkin met twice?', 'e-double')));
    expect(replies[0]).toMatch(/^Check-in logged/);
    expect(replies[1]).toBe(replies[0]);
    expect((await kit.counts()).check_ins).toBe(1);
  });

  it('numbers goals added together without a gap or a clash', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    const replies = await Promise.all([
      kit.h.as('ana', 'goal add first'),
      kit.h.as('bo', 'goal add second'),
      kit.h.as('ana', 'goal add third'),
    ]);
    expect(replies.every((text) => /^Goal \d added/.test(text))).toBe(true);
    const { rows } = await kit.db.query<{ number: number }>('SELECT number FROM goals ORDER BY number');
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
  });
});
