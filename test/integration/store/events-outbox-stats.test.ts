import type { BotMessage, Reply } from '../../../src/domain/message';
import type { CommunityStats } from '../../../src/ports/store';
import { DATABASE_TARGETS, rowCounts } from '../../helpers/test-databases';
import { aMember, aPairing, daysBefore, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

const DAY_MINUTES = 24 * 60;

describe.each(DATABASE_TARGETS)('store contract, events, transactions, outbox and stats, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);
  /** Every message a sender could take at `at`, without keeping them (the claim ends at once). */
  const peek = (at: Date) => it$.store.claimMessages(1000, at, at);

  describe('processed events', () => {
    const reply: Reply = {
      text: 'Paired <@p:ana> with <@p:bo>.',
      visibility: 'channel',
      kind: 'intro',
      participants: ['p:ana', 'p:bo'],
      actions: [{ label: 'End', command: 'end 1', style: 'danger' }],
    };

    const claim = (communityId: string, eventId: string, actorId: string, name = '') =>
      it$.tx((tx) => tx.claimEvent(communityId, eventId, actorId, name));

    it('claims an event id once per community', async () => {
      expect(await claim('c:events', 'evt-1', 'p:ana')).not.toBeNull();
      expect(await claim('c:events', 'evt-1', 'p:ana')).toBeNull();
      expect(await claim('c:events', 'evt-1', 'p:bo')).toBeNull();
      expect(await claim('c:events-other', 'evt-1', 'p:ana')).not.toBeNull();
      expect(await claim('c:events', 'evt-2', 'p:ana')).not.toBeNull();
    });

    it('returns the community with the claim, creating it on its first event and renaming it when its name changed', async () => {
      expect(await claim('c:claim-new', 'evt-1', 'p:ana', 'First name')).toMatchObject({
        id: 'c:claim-new',
        name: 'First name',
        settings: { welcome: '' },
      });
      await it$.tx(async (tx) => {
        const { settings } = await tx.ensureCommunity('c:claim-new', '');
        await tx.saveSettings('c:claim-new', { ...settings, welcome: 'Hello!' });
      });
      // '' keeps the stored name; a new name replaces it; the settings come along either way.
      expect(await claim('c:claim-new', 'evt-2', 'p:ana')).toMatchObject({
        name: 'First name',
        settings: { welcome: 'Hello!' },
      });
      expect(await claim('c:claim-new', 'evt-3', 'p:ana', 'Renamed')).toMatchObject({ name: 'Renamed' });
      expect((await it$.tx((tx) => tx.ensureCommunity('c:claim-new', ''))).name).toBe('Renamed');
    });

    it('replays the reply saved for a processed event', async () => {
      await it$.tx(async (tx) => {
        expect(await tx.claimEvent('c:events', 'evt-reply', 'p:ana', '')).not.toBeNull();
        await tx.saveEventReply('c:events', 'evt-reply', reply);
      });
      expect(await it$.store.processedReply('c:events', 'evt-reply')).toEqual(reply);
      expect(await it$.store.processedReply('c:events-other', 'evt-reply')).toBeNull();
      expect(await it$.store.processedReply('c:events', 'evt-never-seen')).toBeNull();
    });

    it('forgets a claim made in a transaction that rolled back', async () => {
      const boom = new Error('command failed after claiming');
      await expect(
        it$.tx(async (tx) => {
          expect(await tx.claimEvent('c:events', 'evt-rolled-back', 'p:ana', '')).not.toBeNull();
          await tx.saveEventReply('c:events', 'evt-rolled-back', reply);
          throw boom;
        }),
      ).rejects.toThrow(boom.message);

      expect(await it$.store.processedReply('c:events', 'evt-rolled-back')).toBeNull();
      expect(await claim('c:events', 'evt-rolled-back', 'p:ana')).not.toBeNull();
    });
  });

  describe('transactions', () => {
    it('returns what the work returns, once committed', async () => {
      const value = await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:tx-commit', 'Committed');
        return { answer: 42 };
      });
      expect(value).toEqual({ answer: 42 });
      expect(await selectRows(it$.db, 'SELECT name FROM communities WHERE id = $1', ['c:tx-commit'])).toEqual([
        { name: 'Committed' },
      ]);
    });

    it('keeps nothing of a transaction that throws after writing to every table', async () => {
      const C = 'c:tx-atomic';
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(C, 'Atomic');
        await tx.saveMember(aMember(C, 'p:kept', { displayName: 'Kept' }));
      });
      const before = await rowCounts(it$.db);

      await expect(
        it$.tx(async (tx) => {
          await tx.claimEvent(C, 'evt-atomic', 'p:kept', '');
          await tx.ensureCommunity('c:tx-atomic-new', 'New');
          await tx.saveSettings(C, { ...(await tx.ensureCommunity(C, '')).settings, welcome: 'changed' });
          await tx.saveMember(aMember(C, 'p:kept', { displayName: 'Changed' }));
          await tx.saveMember(aMember(C, 'p:new'));
          const pairing = await aPairing(tx, C, 'p:kept', 'p:new');
          await tx.addCheckIn(pairing.id, 'p:kept', 'note', T0);
          await tx.addGoal(pairing.id, 'goal', 'p:new', T0);
          await tx.addFeedback(pairing.id, 'p:new', 5, 'great', T0);
          await tx.addThanks(C, 'p:new', 'p:kept', 'thanks', T0);
          await tx.addBlock(C, 'p:new', 'p:other', T0);
          await tx.audit(C, 'p:kept', 'pair', { pairingId: pairing.id }, T0);
          await tx.queueMessage(C, 'p:new', { text: 'hello' }, T0);
          await tx.saveEventReply(C, 'evt-atomic', { text: 'done', visibility: 'private' });
          throw new Error('late failure');
        }),
      ).rejects.toThrow('late failure');

      expect(await rowCounts(it$.db)).toEqual(before);
      expect((await it$.tx((tx) => tx.findMember(C, 'p:kept')))?.displayName).toBe('Kept');
      expect((await it$.tx((tx) => tx.ensureCommunity(C, ''))).settings.welcome).toBe('');
      expect(await peek(T0)).not.toContainEqual(expect.objectContaining({ communityId: C }));
    });

    it('writes an audit entry with its details', async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:audit', '');
        await tx.audit('c:audit', 'p:mod', 'config', { key: 'cadence', value: '2w', nested: { list: [1, 'x'] } }, T0);
      });
      const rows = await selectRows(
        it$.db,
        'SELECT actor_id, action, details, created_at FROM audit_log WHERE community_id = $1',
        ['c:audit'],
      );
      expect(rows).toEqual([
        {
          actor_id: 'p:mod',
          action: 'config',
          details: { key: 'cadence', value: '2w', nested: { list: [1, 'x'] } },
          created_at: T0,
        },
      ]);
    });
  });

  describe('outbox', () => {
    const C = 'c:outbox';
    const intro: BotMessage = {
      text: 'Meet <@p:bo>, your mentor.',
      kind: 'intro',
      participants: ['p:ana', 'p:bo'],
      actions: [{ label: 'Say hi', command: 'checkin hi', style: 'primary' }],
    };

    // Claims span every community, so each test starts from an empty outbox in this file's database.
    beforeEach(async () => {
      await it$.db.query('DELETE FROM outbox');
    });

    const queueThree = (): Promise<void> =>
      it$.tx(async (tx) => {
        await tx.queueMessage(C, 'p:ana', intro, T0);
        await tx.queueMessage(C, 'p:bo', { text: 'second' }, minutesAfter(1));
        await tx.queueMessage('c:outbox-other', 'p:cy', { text: 'third', kind: 'nudge' }, minutesAfter(2));
      });

    it('claims queued messages oldest first, up to the limit', async () => {
      await queueThree();
      const pending = await peek(T0);
      expect(pending).toEqual([
        { id: expect.any(Number), communityId: C, recipientId: 'p:ana', message: intro, attempts: 0 },
        { id: expect.any(Number), communityId: C, recipientId: 'p:bo', message: { text: 'second' }, attempts: 0 },
        {
          id: expect.any(Number),
          communityId: 'c:outbox-other',
          recipientId: 'p:cy',
          message: { text: 'third', kind: 'nudge' },
          attempts: 0,
        },
      ]);
      expect(pending[0]!.id).toBeLessThan(pending[1]!.id);
      expect(pending[1]!.id).toBeLessThan(pending[2]!.id);
      expect(await it$.store.claimMessages(2, T0, T0)).toEqual(pending.slice(0, 2));
    });

    it('gives a claimed message to nobody else until the claim ends or it is released', async () => {
      await queueThree();
      const [first, second, third] = await peek(T0);
      expect(await it$.store.claimMessages(1, T0, minutesAfter(5))).toEqual([first]);
      expect(await it$.store.claimMessages(10, minutesAfter(1), minutesAfter(6))).toEqual([second, third]);
      expect(await peek(minutesAfter(2))).toEqual([]);
      expect(await it$.store.nextMessageAt(minutesAfter(2))).toEqual(minutesAfter(5));
      await it$.store.releaseMessages([second!.id]);
      expect(await peek(minutesAfter(2))).toEqual([second]);
      // A sender that died: its claim runs out and the message is free again.
      expect(await peek(minutesAfter(5))).toEqual([first, second]);
    });

    it('does not queue a message whose transaction rolled back', async () => {
      await expect(
        it$.tx(async (tx) => {
          await tx.queueMessage(C, 'p:ana', { text: 'never' }, T0);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await peek(T0)).toEqual([]);
      expect(await it$.store.nextMessageAt(T0)).toBeNull();
    });

    it('queues a batch of messages in order, each waiting for its own time', async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(C, '');
        await tx.queueMessages(
          C,
          [
            { to: 'p:ana', message: { text: 'now' } },
            { to: 'p:bo', message: { text: 'later', kind: 'nudge' }, notBefore: minutesAfter(30) },
            { to: 'p:cy', message: { text: "'; DROP TABLE outbox;--" } },
          ],
          T0,
        );
      });
      expect((await peek(T0)).map((m) => [m.recipientId, m.message.text])).toEqual([
        ['p:ana', 'now'],
        ['p:cy', "'; DROP TABLE outbox;--"],
      ]);
      expect(await it$.store.nextMessageAt(T0)).toEqual(minutesAfter(30));
      expect((await peek(minutesAfter(30))).map((m) => m.recipientId)).toEqual(['p:ana', 'p:bo', 'p:cy']);
    });

    it('forgets sent messages and leaves the others', async () => {
      await queueThree();
      const [first, second, third] = await peek(T0);
      await it$.store.markMessagesSent([first!.id, third!.id]);
      expect(await peek(T0)).toEqual([second]);
    });

    it('retries a message after a passing failure from its retry time, counting attempts; a permanent one is given up', async () => {
      await queueThree();
      const [first, second, third] = await peek(T0);

      await it$.store.markMessageFailed(first!.id, 'rate limited', {
        permanent: false,
        at: T0,
        retryAt: minutesAfter(1),
      });
      expect(await peek(T0)).toEqual([second, third]);
      expect(await it$.store.nextMessageAt(T0)).toEqual(minutesAfter(1));
      expect(await peek(minutesAfter(1))).toEqual([{ ...first, attempts: 1 }, second, third]);
      await it$.store.markMessageFailed(first!.id, 'again', { permanent: false, at: T0, retryAt: minutesAfter(2) });
      expect(await peek(minutesAfter(2))).toEqual([{ ...first, attempts: 2 }, second, third]);

      await it$.store.markMessageFailed(first!.id, 'user not found', { permanent: true, at: minutesAfter(12) });
      expect(await peek(minutesAfter(20))).toEqual([second, third]);
      // Given up, not lost: the failure is kept for moderators to see.
      const rows = await selectRows(it$.db, 'SELECT attempts, failure, failed_at FROM outbox WHERE id = $1', [
        first!.id,
      ]);
      expect(rows).toEqual([{ attempts: 3, failure: 'user not found', failed_at: minutesAfter(12) }]);
    });
  });

  describe('stats', () => {
    const S = 'c:stats';
    const OTHER = 'c:stats-other';

    beforeAll(async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(S, 'Stats');
        await tx.ensureCommunity(OTHER, 'Other stats');
        const members = [
          aMember(S, 'p:m1', { role: 'mentor', capacity: 2 }),
          aMember(S, 'p:m2', { role: 'mentor', capacity: 2, status: 'paused', pausedUntil: minutesAfter(60) }),
          aMember(S, 'p:b1', { role: 'both', capacity: 1 }),
          aMember(S, 'p:e1', { role: 'mentee' }),
          aMember(S, 'p:e2', { role: 'mentee', status: 'paused' }),
          aMember(S, 'p:l1', { role: 'mentor', capacity: 1, status: 'left' }),
          aMember(S, 'p:l2', { role: 'both', status: 'left' }),
        ];
        for (const member of members) await tx.saveMember(member);

        // On track: a check-in 2 days ago within a weekly cadence.
        const p1 = await aPairing(tx, S, 'p:m1', 'p:e1', { cadenceMinutes: 7 * DAY_MINUTES });
        await tx.addCheckIn(p1.id, 'p:m1', 'recent', daysBefore(2));
        await tx.addCheckIn(p1.id, 'p:e1', 'too old for the 30 days', daysBefore(31));
        // On track under its own fortnightly cadence (10 days ago), and flagged at risk.
        const p2 = await aPairing(tx, S, 'p:b1', 'p:e2', { cadenceMinutes: 14 * DAY_MINUTES });
        await tx.addCheckIn(p2.id, 'p:b1', '', daysBefore(10));
        // Behind: its daily cadence was missed (last check-in 8 days ago, behind under any fixed weekly cadence too).
        const p3 = await aPairing(tx, S, 'p:m2', 'p:b1', { cadenceMinutes: DAY_MINUTES });
        await tx.addCheckIn(p3.id, 'p:m2', '', daysBefore(8));
        // Ended pairings: their recent check-ins still count for the community.
        const p4 = await aPairing(tx, S, 'p:m1', 'p:e2');
        await tx.addCheckIn(p4.id, 'p:m1', '', daysBefore(5));
        await tx.addCheckIn(p4.id, 'p:m1', '', daysBefore(40));
        await tx.endPairing(p4.id, 'p:m1', 'done', daysBefore(1));
        const p5 = await aPairing(tx, S, 'p:l1', 'p:l2');
        await tx.endPairing(p5.id, 'p:l2', 'left', daysBefore(3));

        await tx.addFeedback(p1.id, 'p:e1', 5, 'great', T0);
        await tx.addFeedback(p1.id, 'p:m1', 4, 'good', T0);
        await tx.addFeedback(p4.id, 'p:e2', null, 'no rating', T0);
        await tx.addFeedback(p5.id, 'p:l1', 2, 'meh', T0);

        await tx.addThanks(S, 'p:e1', 'p:m1', 'thanks', T0);
        await tx.addThanks(S, 'p:e2', 'p:b1', 'thanks', T0);
        await tx.addThanks(S, 'p:e1', 'p:m1', 'again', T0);

        // Another community that must not leak into the first one's numbers.
        await tx.saveMember(aMember(OTHER, 'p:m1', { role: 'mentor', capacity: 1 }));
        await tx.saveMember(aMember(OTHER, 'p:x1', { role: 'mentee', status: 'paused' }));
        const other = await aPairing(tx, OTHER, 'p:m1', 'p:x1', { cadenceMinutes: DAY_MINUTES });
        await tx.addCheckIn(other.id, 'p:x1', '', daysBefore(0.5));
        await tx.addFeedback(other.id, 'p:x1', 1, 'bad', T0);
        await tx.addThanks(OTHER, 'p:x1', 'p:m1', 'thanks', T0);
      });
      // Nothing in the port raises at_risk yet; set it directly (one active at-risk pair, one ended one).
      await it$.db.query(
        `UPDATE pairings SET at_risk = true
         WHERE community_id = $1 AND ((mentor_id = 'p:b1' AND mentee_id = 'p:e2') OR mentor_id = 'p:l1')`,
        [S],
      );
    });

    it('counts members, pairs, check-ins, ratings and thanks of one community', async () => {
      const stats = await it$.tx((tx) => tx.stats(S, T0));
      expect(stats).toEqual<CommunityStats>({
        members: 5,
        mentors: 3,
        mentees: 3,
        paused: 2,
        activePairs: 3,
        atRiskPairs: 1,
        endedPairs: 2,
        checkInsLast30Days: 4,
        checkInCompletion: 2 / 3,
        averageRating: expect.closeTo(11 / 3, 10) as number,
        ratings: 3,
        thanks: 3,
      });
    });

    it('counts the other community on its own', async () => {
      expect(await it$.tx((tx) => tx.stats(OTHER, T0))).toEqual<CommunityStats>({
        members: 2,
        mentors: 1,
        mentees: 1,
        paused: 1,
        activePairs: 1,
        atRiskPairs: 0,
        endedPairs: 0,
        checkInsLast30Days: 1,
        checkInCompletion: 1,
        averageRating: 1,
        ratings: 1,
        thanks: 1,
      });
    });

    it('measures check-ins against the given time', async () => {
      // Ten days later: p1's check-in is 12 days old (past its weekly cadence), p2's 20 (past its fortnightly
      // one), and all four recent ones are still within 30 days.
      const later = await it$.tx((tx) => tx.stats(S, minutesAfter(10 * DAY_MINUTES)));
      expect(later.checkInCompletion).toBe(0);
      expect(later.checkInsLast30Days).toBe(4);
      // Thirty days later every check-in is more than 30 days old.
      const muchLater = await it$.tx((tx) => tx.stats(S, minutesAfter(30 * DAY_MINUTES)));
      expect(muchLater.checkInsLast30Days).toBe(0);
    });

    it('reports an empty community with zeros and no ratios', async () => {
      await it$.tx((tx) => tx.ensureCommunity('c:stats-empty', ''));
      expect(await it$.tx((tx) => tx.stats('c:stats-empty', T0))).toEqual<CommunityStats>({
        members: 0,
        mentors: 0,
        mentees: 0,
        paused: 0,
        activePairs: 0,
        atRiskPairs: 0,
        endedPairs: 0,
        checkInsLast30Days: 0,
        checkInCompletion: null,
        averageRating: null,
        ratings: 0,
        thanks: 0,
      });
    });
  });
});
