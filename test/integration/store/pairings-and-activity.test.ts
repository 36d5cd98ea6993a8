import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aPairing, failureOf, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

const C = 'c:pairs';
const OTHER = 'c:pairs-other';

describe.each(DATABASE_TARGETS)('store contract, pairings and their activity, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(C, 'Pairs');
      await tx.ensureCommunity(OTHER, 'Other pairs');
    });
  });

  describe('pairings', () => {
    it('creates a pairing and finds it by id, only in its own community', async () => {
      const started = new Date('2026-02-01T09:30:00.250Z');
      const pairing = await it$.tx((tx) =>
        tx.createPairing({
          communityId: C,
          mentorId: 'p:create-mentor',
          menteeId: 'p:create-mentee',
          source: 'round',
          cadenceMinutes: 20_160,
          startedAt: started,
        }),
      );
      expect(pairing).toEqual({
        id: expect.any(Number),
        communityId: C,
        mentorId: 'p:create-mentor',
        menteeId: 'p:create-mentee',
        status: 'active',
        source: 'round',
        cadenceMinutes: 20_160,
        startedAt: started,
        endedAt: null,
        atRisk: false,
        missedCheckins: 0,
      });
      expect(await it$.tx((tx) => tx.findPairing(C, pairing.id))).toEqual(pairing);
      expect(await it$.tx((tx) => tx.findPairing(OTHER, pairing.id))).toBeNull();
      expect(await it$.tx((tx) => tx.findPairing(C, pairing.id + 100_000))).toBeNull();
    });

    it('lists a person’s active pairings on both sides, oldest first, in their community only', async () => {
      const { asMentorLater, asMentee, asMentorEarlier } = await it$.tx(async (tx) => ({
        asMentorLater: await aPairing(tx, C, 'p:active', 'p:active-mentee-1', { startedAt: minutesAfter(20) }),
        asMentee: await aPairing(tx, C, 'p:active-mentor', 'p:active', { startedAt: minutesAfter(10) }),
        asMentorEarlier: await aPairing(tx, C, 'p:active', 'p:active-mentee-2', { startedAt: minutesAfter(-5) }),
        elsewhere: await aPairing(tx, OTHER, 'p:active', 'p:active-mentee-1'),
        unrelated: await aPairing(tx, C, 'p:active-mentor', 'p:active-mentee-1'),
      }));
      const active = await it$.tx((tx) => tx.activePairingsOf(C, 'p:active'));
      expect(active).toEqual([asMentorEarlier, asMentee, asMentorLater]);
      expect(await it$.tx((tx) => tx.activePairingsOf(C, 'p:nobody'))).toEqual([]);
    });

    it('ends a pairing: it leaves the active lists, keeps its history and records when and by whom', async () => {
      const pairing = await it$.tx((tx) => aPairing(tx, C, 'p:end-mentor', 'p:end-mentee'));
      const endedAt = minutesAfter(60 * 24 * 30);
      await it$.tx((tx) => tx.endPairing(pairing.id, 'p:end-mentee', 'moved on', endedAt));

      const ended = { ...pairing, status: 'ended', endedAt };
      expect(await it$.tx((tx) => tx.findPairing(C, pairing.id))).toEqual(ended);
      expect(await it$.tx((tx) => tx.activePairingsOf(C, 'p:end-mentor'))).toEqual([]);
      expect(await it$.tx((tx) => tx.activePairingsOf(C, 'p:end-mentee'))).toEqual([]);
      expect(await it$.tx((tx) => tx.pairingsBetween(C, 'p:end-mentor', 'p:end-mentee'))).toEqual([ended]);
      const [row] = await selectRows(it$.db, 'SELECT ended_by, end_reason FROM pairings WHERE id = $1', [pairing.id]);
      expect(row).toEqual({ ended_by: 'p:end-mentee', end_reason: 'moved on' });
    });

    it('ignores ending an already ended pairing', async () => {
      const pairing = await it$.tx((tx) => aPairing(tx, C, 'p:twice-mentor', 'p:twice-mentee'));
      const firstEnd = minutesAfter(100);
      await it$.tx((tx) => tx.endPairing(pairing.id, 'p:twice-mentor', 'first', firstEnd));
      await it$.tx((tx) => tx.endPairing(pairing.id, 'p:twice-mentee', 'second', minutesAfter(200)));

      expect((await it$.tx((tx) => tx.findPairing(C, pairing.id)))?.endedAt).toEqual(firstEnd);
      const [row] = await selectRows(it$.db, 'SELECT ended_by, end_reason FROM pairings WHERE id = $1', [pairing.id]);
      expect(row).toEqual({ ended_by: 'p:twice-mentor', end_reason: 'first' });
    });

    it('lists every pairing between a mentor and a mentee, in that direction, active or ended', async () => {
      const { first, second, reversed } = await it$.tx(async (tx) => {
        const first = await aPairing(tx, C, 'p:between-mentor', 'p:between-mentee', { startedAt: minutesAfter(1) });
        await tx.endPairing(first.id, 'p:between-mentor', 'paused', minutesAfter(2));
        const second = await aPairing(tx, C, 'p:between-mentor', 'p:between-mentee', { startedAt: minutesAfter(3) });
        const reversed = await aPairing(tx, C, 'p:between-mentee', 'p:between-mentor');
        await aPairing(tx, OTHER, 'p:between-mentor', 'p:between-mentee');
        return { first: await tx.findPairing(C, first.id), second, reversed };
      });
      expect(await it$.tx((tx) => tx.pairingsBetween(C, 'p:between-mentor', 'p:between-mentee'))).toEqual([
        first,
        second,
      ]);
      expect(await it$.tx((tx) => tx.pairingsBetween(C, 'p:between-mentee', 'p:between-mentor'))).toEqual([reversed]);
      expect(await it$.tx((tx) => tx.pairingsBetween(C, 'p:between-mentor', 'p:nobody'))).toEqual([]);
    });

    it('refuses a second active pairing of the same mentor and mentee, and allows one after ending', async () => {
      const first = await it$.tx((tx) => aPairing(tx, C, 'p:uniq-mentor', 'p:uniq-mentee'));
      const duplicate = await failureOf(it$.tx((tx) => aPairing(tx, C, 'p:uniq-mentor', 'p:uniq-mentee')));
      expect(duplicate.code).toBe('23505');
      expect(duplicate.message).toMatch(/pairings_one_active_per_pair/);

      // The same two people the other way round, or in another community, are different pairs.
      await it$.tx((tx) => aPairing(tx, C, 'p:uniq-mentee', 'p:uniq-mentor'));
      await it$.tx((tx) => aPairing(tx, OTHER, 'p:uniq-mentor', 'p:uniq-mentee'));

      await it$.tx((tx) => tx.endPairing(first.id, 'p:uniq-mentor', 'done', minutesAfter(5)));
      const again = await it$.tx((tx) => aPairing(tx, C, 'p:uniq-mentor', 'p:uniq-mentee'));
      expect(again.id).not.toBe(first.id);
      expect(await it$.tx((tx) => tx.pairingsBetween(C, 'p:uniq-mentor', 'p:uniq-mentee'))).toHaveLength(2);
    });

    it('refuses to pair someone with themselves', async () => {
      const failure = await failureOf(it$.tx((tx) => aPairing(tx, C, 'p:self', 'p:self')));
      expect(failure.code).toBe('23514');
      expect(await it$.tx((tx) => tx.activePairingsOf(C, 'p:self'))).toEqual([]);
    });
  });

  describe('check-ins', () => {
    it('has no last check-in until one is logged, then the latest by time', async () => {
      const { pairing, other } = await it$.tx(async (tx) => ({
        pairing: await aPairing(tx, C, 'p:checkin-mentor', 'p:checkin-mentee'),
        other: await aPairing(tx, C, 'p:checkin-mentor', 'p:checkin-other'),
      }));
      expect(await it$.tx((tx) => tx.lastCheckInAt(pairing.id))).toBeNull();

      await it$.tx(async (tx) => {
        await tx.addCheckIn(pairing.id, 'p:checkin-mentor', 'first call', minutesAfter(10));
        await tx.addCheckIn(pairing.id, 'p:checkin-mentee', 'latest call', minutesAfter(300));
        // Logged late, about an earlier meeting: the latest is still the latest.
        await tx.addCheckIn(pairing.id, 'p:checkin-mentor', '', minutesAfter(200));
      });
      expect(await it$.tx((tx) => tx.lastCheckInAt(pairing.id))).toEqual(minutesAfter(300));
      expect(await it$.tx((tx) => tx.lastCheckInAt(other.id))).toBeNull();

      const notes = await selectRows(
        it$.db,
        'SELECT logged_by, note FROM check_ins WHERE pairing_id = $1 ORDER BY id',
        [pairing.id],
      );
      expect(notes).toEqual([
        { logged_by: 'p:checkin-mentor', note: 'first call' },
        { logged_by: 'p:checkin-mentee', note: 'latest call' },
        { logged_by: 'p:checkin-mentor', note: '' },
      ]);
    });
  });

  describe('goals', () => {
    it('numbers goals 1, 2, 3 within each pairing independently', async () => {
      const { a, b } = await it$.tx(async (tx) => ({
        a: await aPairing(tx, C, 'p:goal-mentor', 'p:goal-mentee-a'),
        b: await aPairing(tx, C, 'p:goal-mentor', 'p:goal-mentee-b'),
      }));
      const goals = await it$.tx(async (tx) => [
        await tx.addGoal(a.id, 'raise my rate', 'p:goal-mentee-a', T0),
        await tx.addGoal(b.id, 'find a first client', 'p:goal-mentee-b', T0),
        await tx.addGoal(a.id, 'write a contract template', 'p:goal-mentor', minutesAfter(1)),
      ]);
      const third = await it$.tx((tx) => tx.addGoal(a.id, 'say no to scope creep', 'p:goal-mentee-a', minutesAfter(2)));

      expect(goals).toEqual([
        { number: 1, text: 'raise my rate', doneAt: null },
        { number: 1, text: 'find a first client', doneAt: null },
        { number: 2, text: 'write a contract template', doneAt: null },
      ]);
      expect(third).toEqual({ number: 3, text: 'say no to scope creep', doneAt: null });
      expect(await it$.tx((tx) => tx.listGoals(a.id))).toEqual([goals[0], goals[2], third]);
      expect(await it$.tx((tx) => tx.listGoals(b.id))).toEqual([goals[1]]);
    });

    it('completes a goal once, and tells a repeat and a goal the pairing does not have apart', async () => {
      const { a, b } = await it$.tx(async (tx) => {
        const a = await aPairing(tx, C, 'p:done-mentor', 'p:done-mentee-a');
        const b = await aPairing(tx, C, 'p:done-mentor', 'p:done-mentee-b');
        await tx.addGoal(a.id, 'one', 'p:done-mentee-a', T0);
        await tx.addGoal(a.id, 'two', 'p:done-mentee-a', T0);
        await tx.addGoal(a.id, 'three', 'p:done-mentee-a', T0);
        await tx.addGoal(b.id, 'only', 'p:done-mentee-b', T0);
        return { a, b };
      });
      const doneAt = minutesAfter(90);
      expect(await it$.tx((tx) => tx.completeGoal(a.id, 2, doneAt))).toBe('done');
      expect(await it$.tx((tx) => tx.completeGoal(a.id, 9, doneAt))).toBe('missing');
      expect(await it$.tx((tx) => tx.completeGoal(b.id, 3, doneAt))).toBe('missing');
      expect(await it$.tx((tx) => tx.completeGoal(a.id + 100_000, 1, doneAt))).toBe('missing');

      expect(await it$.tx((tx) => tx.listGoals(a.id))).toEqual([
        { number: 1, text: 'one', doneAt: null },
        { number: 2, text: 'two', doneAt },
        { number: 3, text: 'three', doneAt: null },
      ]);
      expect(await it$.tx((tx) => tx.listGoals(b.id))).toEqual([{ number: 1, text: 'only', doneAt: null }]);

      // Completing it again says so and keeps the first completion time.
      expect(await it$.tx((tx) => tx.completeGoal(a.id, 2, minutesAfter(500)))).toBe('already');
      expect((await it$.tx((tx) => tx.listGoals(a.id)))[1]?.doneAt).toEqual(doneAt);
    });

    it('lists no goals for a pairing without any', async () => {
      const pairing = await it$.tx((tx) => aPairing(tx, C, 'p:nogoal-mentor', 'p:nogoal-mentee'));
      expect(await it$.tx((tx) => tx.listGoals(pairing.id))).toEqual([]);
    });
  });

  describe('feedback', () => {
    it('takes feedback once per person per pairing', async () => {
      const { a, b } = await it$.tx(async (tx) => ({
        a: await aPairing(tx, C, 'p:fb-mentor', 'p:fb-mentee'),
        b: await aPairing(tx, C, 'p:fb-mentor', 'p:fb-mentee-2'),
      }));
      expect(await it$.tx((tx) => tx.addFeedback(a.id, 'p:fb-mentee', 5, 'great', T0))).toBe(true);
      expect(await it$.tx((tx) => tx.addFeedback(a.id, 'p:fb-mentee', 1, 'changed my mind', T0))).toBe(false);
      expect(await it$.tx((tx) => tx.addFeedback(a.id, 'p:fb-mentor', null, '', T0))).toBe(true);
      expect(await it$.tx((tx) => tx.addFeedback(b.id, 'p:fb-mentor', 4, 'good', T0))).toBe(true);

      const rows = await selectRows(
        it$.db,
        'SELECT pairing_id, from_id, rating, text FROM feedback WHERE pairing_id = ANY($1::int[]) ORDER BY id',
        [[a.id, b.id]],
      );
      expect(rows).toEqual([
        { pairing_id: a.id, from_id: 'p:fb-mentee', rating: 5, text: 'great' },
        { pairing_id: a.id, from_id: 'p:fb-mentor', rating: null, text: '' },
        { pairing_id: b.id, from_id: 'p:fb-mentor', rating: 4, text: 'good' },
      ]);
    });

    it('refuses a rating outside 1..5', async () => {
      const pairing = await it$.tx((tx) => aPairing(tx, C, 'p:rating-mentor', 'p:rating-mentee'));
      const failure = await failureOf(it$.tx((tx) => tx.addFeedback(pairing.id, 'p:rating-mentee', 6, '', T0)));
      expect(failure.code).toBe('23514');
      expect(await it$.tx((tx) => tx.addFeedback(pairing.id, 'p:rating-mentee', 1, '', T0))).toBe(true);
    });
  });

  describe('thanks and blocks', () => {
    it('counts the thanks a person received, per community', async () => {
      await it$.tx(async (tx) => {
        await tx.addThanks(C, 'p:thanker-1', 'p:thanked', 'thanks for the review', T0);
        await tx.addThanks(C, 'p:thanker-2', 'p:thanked', '', minutesAfter(1));
        await tx.addThanks(C, 'p:thanked', 'p:thanker-1', 'you too', minutesAfter(2));
        await tx.addThanks(OTHER, 'p:thanker-1', 'p:thanked', 'elsewhere', T0);
      });
      expect(await it$.tx((tx) => tx.countThanksReceived(C, 'p:thanked'))).toBe(2);
      expect(await it$.tx((tx) => tx.countThanksReceived(C, 'p:thanker-1'))).toBe(1);
      expect(await it$.tx((tx) => tx.countThanksReceived(C, 'p:thanker-2'))).toBe(0);
      expect(await it$.tx((tx) => tx.countThanksReceived(OTHER, 'p:thanked'))).toBe(1);
    });

    it('blocks idempotently and sees a block from either side, for those two people only', async () => {
      await it$.tx((tx) => tx.addBlock(C, 'p:blocker', 'p:blocked', T0));
      await it$.tx((tx) => tx.addBlock(C, 'p:blocker', 'p:blocked', minutesAfter(5)));

      const rows = await selectRows(it$.db, 'SELECT 1 FROM blocks WHERE community_id = $1 AND blocker_id = $2', [
        C,
        'p:blocker',
      ]);
      expect(rows).toHaveLength(1);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(C, 'p:blocker', 'p:blocked'))).toBe(true);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(C, 'p:blocked', 'p:blocker'))).toBe(true);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(C, 'p:blocker', 'p:someone-else'))).toBe(false);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(C, 'p:someone-else', 'p:blocked'))).toBe(false);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(OTHER, 'p:blocker', 'p:blocked'))).toBe(false);
    });
  });
});
