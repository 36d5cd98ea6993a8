import { runInContext, type CoreDeps } from '../../../src/commands/run-in-context';
import { fail, ok } from '../../../src/domain/result';
import type { PendingMessage } from '../../../src/ports/store';
import { COMMUNITY, commandHarness, person, type Harness } from '../../helpers/command-harness';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

/** Work that queues one message to go now and, if asked, one that must wait a day; then succeeds or fails. */
const queueing =
  (options: { alsoLater?: boolean; failAfter?: boolean } = {}) =>
  async (ctx: Parameters<Parameters<typeof runInContext>[2]>[0]) => {
    await ctx.tx.queueMessage(COMMUNITY, person('ana'), { text: 'now' }, ctx.now);
    if (options.alsoLater) {
      const tomorrow = new Date(ctx.now.getTime() + 24 * 3600_000);
      await ctx.tx.queueMessage(COMMUNITY, person('ben'), { text: 'tomorrow' }, ctx.now, tomorrow);
    }
    return options.failAfter ? fail('refused', 'No.') : ok(undefined);
  };

describe('messages claimed by the work that queues them (a sending process hands them to its outbound)', () => {
  let database: TestDatabase;
  let h: Harness;
  let handedOff: PendingMessage[][];
  let kicks: number;
  let deps: CoreDeps;
  const request = {
    communityId: COMMUNITY,
    communityName: 'Test',
    actor: { id: person('mod'), displayName: 'mod', isAdmin: true },
  };

  beforeEach(async () => {
    database = await createPgliteDatabase();
    h = commandHarness(database.db);
    handedOff = [];
    kicks = 0;
    deps = { ...h.deps, afterCommit: () => void kicks++, handOff: (claimed) => void handedOff.push(claimed) };
  });
  afterEach(() => database.dispose());

  const outbox = () =>
    database.db.query<{ recipient_id: string; claimed: boolean }>(
      `SELECT recipient_id, claimed_until IS NOT NULL AS claimed FROM outbox ORDER BY id`,
    );

  it('hands a message that may go now to the sender after the commit, claimed, without waking the queue', async () => {
    await runInContext(deps, request, queueing());
    expect(handedOff).toEqual([[expect.objectContaining({ recipientId: person('ana'), message: { text: 'now' } })]]);
    expect(kicks).toBe(0);
    expect((await outbox()).rows).toEqual([{ recipient_id: person('ana'), claimed: true }]);
  });

  it('leaves a message that must wait to the queue, unclaimed, and wakes it', async () => {
    await runInContext(deps, request, queueing({ alsoLater: true }));
    expect(handedOff.map((batch) => batch.map((m) => m.recipientId))).toEqual([[person('ana')]]);
    expect(kicks).toBe(1);
    expect((await outbox()).rows).toEqual([
      { recipient_id: person('ana'), claimed: true },
      { recipient_id: person('ben'), claimed: false },
    ]);
  });

  it('hands nothing over and keeps nothing when the work rolls back', async () => {
    expect(await runInContext(deps, request, queueing({ failAfter: true }))).toMatchObject({ ok: false });
    expect(handedOff).toEqual([]);
    expect(kicks).toBe(0);
    expect((await outbox()).rows).toEqual([]);
  });

  it('claims nothing without a sender to hand to: the queue is woken as before', async () => {
    const { handOff: _none, ...withoutSender } = deps;
    await runInContext(withoutSender, request, queueing());
    expect(kicks).toBe(1);
    expect((await outbox()).rows).toEqual([{ recipient_id: person('ana'), claimed: false }]);
  });
});
