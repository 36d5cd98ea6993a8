import { commandHarness, type Harness } from '../../helpers/command-harness';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';

// PGlite runs one transaction at a time, so races are only real on the Postgres server.
describe('concurrent requests on a real Postgres server', () => {
  let database: TestDatabase;
  let bot: Harness;

  beforeAll(async () => {
    database = await createServerDatabase();
    bot = commandHarness(database.db);
    await bot.as('ana', 'join mentor skills: pricing tz: UTC capacity: 2');
    await bot.as('mo', 'join mentor skills: pricing tz: UTC capacity: 5');
    await bot.as('ian', 'join mentor skills: pricing tz: UTC capacity: 5');
    for (let i = 0; i < 12; i++) await bot.as(`m${i}`, 'join mentee goals: pricing tz: UTC');
  });
  afterAll(() => database.dispose());

  const activeCount = async (where: string, params: unknown[]): Promise<number> => {
    const { rows } = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pairings WHERE status = 'active' AND ${where}`,
      params,
    );
    return rows[0]!.n;
  };

  it('never assigns a mentor more mentees than their capacity', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => bot.as('mod', `pair @ana @m${i}`)));
    expect(replies.filter((r) => r.startsWith('Paired'))).toHaveLength(2);
    expect(replies.filter((r) => r.includes('already has 2 of 2 mentees'))).toHaveLength(10);
    expect(await activeCount('mentor_id = $1', ['test:c1:ana'])).toBe(2);
  });

  it('never gives a mentee more mentors than the community allows', async () => {
    const replies = await Promise.all([bot.as('mod', 'pair @mo @m11'), bot.as('mod', 'pair @ian @m11')]);
    expect(replies.filter((r) => r.startsWith('Paired'))).toHaveLength(1);
    expect(await activeCount('mentee_id = $1', ['test:c1:m11'])).toBe(1);
  });

  it('processes an event delivered several times at once exactly once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => bot.as('m3', 'thanks @mo thank you for the pricing tips', 'evt-dup-1')),
    );
    const { rows } = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM thanks WHERE to_id = 'test:c1:mo'`,
    );
    expect(rows[0]!.n).toBe(1);
    expect(new Set(replies)).toEqual(new Set(['Thanks sent to <@test:c1:mo>; it counts on their profile.']));
  });
});
