import { commandHarness, type Harness } from '../../helpers/command-harness';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';

// Two moderators press Publish at the same moment; only a real server runs their transactions side by side.
describe('publishing a round twice at once on a real Postgres server', () => {
  let database: TestDatabase;
  let bot: Harness;

  beforeAll(async () => {
    database = await createServerDatabase();
    bot = commandHarness(database.db, ['mod', 'mia']);
    for (let i = 0; i < 6; i++)
      await bot.as(`mentor${i}`, `join mentor skills: pricing, topic${i} tz: UTC capacity: 2`);
    for (let i = 0; i < 10; i++) await bot.as(`mentee${i}`, `join mentee goals: pricing, topic${i % 6} tz: UTC`);
    await bot.as('mod', 'round preview');
  });
  afterAll(() => database.dispose());

  it('creates one set of pairings and tells the second moderator it is done', async () => {
    const replies = await Promise.all([bot.as('mod', 'round publish'), bot.as('mia', 'round publish')]);
    expect(replies.filter((r) => r.startsWith('Round 1 published: 10 pairs introduced'))).toHaveLength(1);
    expect(
      replies.filter((r) => r === 'Round 1 is already published; start the next one with `/mentor round preview`.'),
    ).toHaveLength(1);
    const { rows } = await database.db.query<{ pairs: number; mentees: number; intros: number }>(
      `SELECT (SELECT count(*) FROM pairings)::int AS pairs,
              (SELECT count(DISTINCT mentee_id) FROM pairings)::int AS mentees,
              (SELECT count(*) FROM outbox WHERE message->>'kind' = 'intro')::int AS intros`,
    );
    expect(rows[0]).toEqual({ pairs: 10, mentees: 10, intros: 10 });
  });
});
