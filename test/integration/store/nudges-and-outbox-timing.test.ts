import { readSettings } from '../../../src/domain/community-settings';
import type { Nudge } from '../../../src/domain/nudge';
import type { Pairing } from '../../../src/domain/pairing';
import type { StoreTx } from '../../../src/ports/store';
import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aPairing, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

// What the Store reads outside a transaction to (re)build timers and deliver messages on time: scheduled nudges,
// round schedules and the outbox's not-before times. Each of these spans every community, so each describe
// starts from an empty table (or only counts communities it made) in this file's own database.
const C = 'c:timers';
const OTHER = 'c:timers-other';

describe.each(DATABASE_TARGETS)('store contract, scheduled nudges and outbox timing, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);
  let people = 0;

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(C, 'Timers');
      await tx.ensureCommunity(OTHER, 'Other timers');
    });
  });

  const newPairing = (communityId = C): Promise<Pairing> => {
    people++;
    return it$.tx((tx) => aPairing(tx, communityId, `p:mentor-${people}`, `p:mentee-${people}`));
  };
  const sentNudge = async (tx: StoreTx, pairing: Pairing, dueAt: Date): Promise<Nudge> => {
    const nudge = await tx.setNextNudge(pairing.communityId, pairing.id, dueAt);
    await tx.markNudge(nudge.id, 'sent', dueAt);
    return nudge;
  };

  describe('Store.scheduledNudges', () => {
    beforeAll(async () => {
      await it$.db.query('DELETE FROM checkin_nudges');
    });

    it('is empty with no scheduled nudge', async () => {
      expect(await it$.store.scheduledNudges()).toEqual([]);
    });

    it('lists every scheduled nudge of every community by id, and nothing else', async () => {
      const late = await newPairing();
      const early = await newPairing();
      const elsewhere = await newPairing(OTHER);
      const sent = await newPairing();
      const answered = await newPairing();
      const ended = await newPairing(OTHER);
      const expected = await it$.tx(async (tx) => {
        // Created in an order unlike their due times: the list is by id.
        const lateNudge = await tx.setNextNudge(C, late.id, minutesAfter(500));
        const earlyNudge = await tx.setNextNudge(C, early.id, minutesAfter(100));
        const elsewhereNudge = await tx.setNextNudge(OTHER, elsewhere.id, minutesAfter(300));
        await sentNudge(tx, sent, minutesAfter(50));
        const met = await sentNudge(tx, answered, minutesAfter(60));
        await tx.markNudge(met.id, 'met', minutesAfter(61), answered.menteeId);
        await tx.setNextNudge(OTHER, ended.id, minutesAfter(70));
        await tx.endPairing(ended.id, ended.mentorId, 'done', minutesAfter(65));
        // A moved nudge is listed with its new time and generation.
        await tx.setNextNudge(C, late.id, minutesAfter(400));
        return [{ ...lateNudge, dueAt: minutesAfter(400), generation: 1 }, earlyNudge, elsewhereNudge];
      });

      expect(await it$.store.scheduledNudges()).toEqual(expected);
      expect(expected.map((n) => n.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    });

    it('does not list a nudge whose transaction rolled back', async () => {
      const before = await it$.store.scheduledNudges();
      const pairing = await newPairing();
      await expect(
        it$.tx(async (tx) => {
          await tx.setNextNudge(C, pairing.id, minutesAfter(10));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await it$.store.scheduledNudges()).toEqual(before);
    });
  });

  describe('Store.roundSchedules', () => {
    const bySchedule = (list: { communityId: string }[]) =>
      [...list].sort((a, b) => a.communityId.localeCompare(b.communityId));

    it('lists communities with a roundSchedule, in their time zone, and not those with none', async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:rs-berlin', 'Berlin');
        await tx.saveSettings('c:rs-berlin', readSettings({ roundSchedule: '0 9 * * 1', timezone: 'Europe/Berlin' }));
        await tx.ensureCommunity('c:rs-default-zone', 'Default zone');
        await tx.saveSettings('c:rs-default-zone', readSettings({ roundSchedule: '30 8 1 * *' }));
        await tx.ensureCommunity('c:rs-null', 'Null');
        await tx.saveSettings('c:rs-null', readSettings({ roundSchedule: null, timezone: 'Asia/Tokyo' }));
        await tx.ensureCommunity('c:rs-absent', 'Absent');
      });
      // Settings written by an older version, with no timezone key at all.
      await it$.tx((tx) => tx.ensureCommunity('c:rs-old-row', 'Old row'));
      await it$.db.query(`UPDATE communities SET settings = '{"roundSchedule": "0 12 * * 5"}' WHERE id = $1`, [
        'c:rs-old-row',
      ]);
      await it$.db.query(`UPDATE communities SET settings = '{"timezone": "Europe/Paris"}' WHERE id = $1`, [
        'c:rs-absent',
      ]);

      expect(bySchedule(await it$.store.roundSchedules())).toEqual([
        { communityId: 'c:rs-berlin', cron: '0 9 * * 1', timezone: 'Europe/Berlin' },
        { communityId: 'c:rs-default-zone', cron: '30 8 1 * *', timezone: 'UTC' },
        { communityId: 'c:rs-old-row', cron: '0 12 * * 5', timezone: 'UTC' },
      ]);
    });

    it('drops a community once its schedule is turned off', async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:rs-off', 'Off');
        await tx.saveSettings('c:rs-off', readSettings({ roundSchedule: '0 9 * * *' }));
      });
      expect((await it$.store.roundSchedules()).map((s) => s.communityId)).toContain('c:rs-off');
      await it$.tx((tx) => tx.saveSettings('c:rs-off', readSettings({ roundSchedule: null })));
      expect((await it$.store.roundSchedules()).map((s) => s.communityId)).not.toContain('c:rs-off');
    });
  });

  describe('outbox timing', () => {
    beforeEach(async () => {
      await it$.db.query('DELETE FROM outbox');
    });

    /** Queues one message per entry (undefined: no not-before), and returns their ids in order. */
    const queue = async (notBefores: (Date | undefined)[]): Promise<number[]> => {
      await it$.tx(async (tx) => {
        for (const [i, notBefore] of notBefores.entries()) {
          await tx.queueMessage(C, `p:to-${i}`, { text: `message ${i}` }, T0, notBefore);
        }
      });
      const rows = await selectRows<{ id: number }>(it$.db, 'SELECT id FROM outbox ORDER BY id');
      return rows.map((r) => r.id);
    };
    const pendingIds = async (limit: number, now: Date): Promise<number[]> =>
      // A claim that ends at `now` takes nothing away from the next look.
      (await it$.store.claimMessages(limit, now, now)).map((m) => m.id);

    it('stores not_before when given, and null when not', async () => {
      const notBefore = new Date('2026-03-03T08:00:00.123Z');
      await queue([notBefore, undefined]);
      expect(await selectRows(it$.db, 'SELECT recipient_id, not_before FROM outbox ORDER BY id')).toEqual([
        { recipient_id: 'p:to-0', not_before: notBefore },
        { recipient_id: 'p:to-1', not_before: null },
      ]);
    });

    it('holds a message back from claims until `now` reaches its not-before', async () => {
      const [now, later, soon] = await queue([undefined, minutesAfter(60), minutesAfter(30)]);
      const justBefore = new Date(minutesAfter(30).getTime() - 1);

      // Each look claims until its own `now`, so the looks go forward in time.
      expect(await pendingIds(10, T0)).toEqual([now]);
      expect(await pendingIds(10, justBefore)).toEqual([now]);
      // The limit counts only messages whose time has come.
      expect(await pendingIds(1, minutesAfter(30))).toEqual([now]);
      expect(await pendingIds(10, minutesAfter(30))).toEqual([now, soon]);
      expect(await pendingIds(2, minutesAfter(60))).toEqual([now, later]);
      expect(await pendingIds(10, minutesAfter(60))).toEqual([now, later, soon]);
      expect(await pendingIds(10, minutesAfter(10_000))).toEqual([now, later, soon]);
    });

    it('tells when the next waiting message may go: its not-before, a retry time, or the end of a claim', async () => {
      const [plain, delayed, sent, retried, givenUp] = await queue([
        undefined,
        minutesAfter(60),
        undefined,
        undefined,
        minutesAfter(10),
      ]);
      expect(await it$.store.nextMessageAt(T0)).toEqual(minutesAfter(10));
      await it$.store.markMessagesSent([sent!]);
      await it$.store.markMessageFailed(retried!, 'rate limited', {
        permanent: false,
        at: T0,
        retryAt: minutesAfter(30),
      });
      await it$.store.markMessageFailed(givenUp!, 'user not found', { permanent: true, at: T0 });
      expect(await it$.store.nextMessageAt(T0)).toEqual(minutesAfter(30));
      expect(await it$.store.claimMessages(1, T0, minutesAfter(5))).toEqual([expect.objectContaining({ id: plain })]);
      expect(await it$.store.nextMessageAt(T0)).toEqual(minutesAfter(5));
      expect(await it$.store.nextMessageAt(minutesAfter(30))).toEqual(minutesAfter(60));
      expect(await it$.store.nextMessageAt(minutesAfter(60))).toBeNull();
      expect(delayed).toBeGreaterThan(plain!);
    });
  });
});
