import type { Nudge, NudgeStatus } from '../../../src/domain/nudge';
import type { Pairing } from '../../../src/domain/pairing';
import type { StoreTx } from '../../../src/ports/store';
import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aPairing, minutesAfter, nudgeRowsOf, storeUnderTest } from './store-fixtures';

// Check-in nudges and the pairing's miss counter, inside transactions. The Store-level lists that rebuild timers
// (scheduledNudges, roundSchedules, outbox timing) are in nudges-and-outbox-timing.test.ts; forgetting and lock
// waits in nudges-forget-and-locks.test.ts.
const C = 'c:nudges';
const OTHER = 'c:nudges-other';

describe.each(DATABASE_TARGETS)('store contract, check-in nudges, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);
  let people = 0;

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(C, 'Nudges');
      await tx.ensureCommunity(OTHER, 'Other nudges');
    });
  });

  /** A fresh pairing of two people no other test uses. */
  const newPairing = (communityId = C): Promise<Pairing> => {
    people++;
    return it$.tx((tx) => aPairing(tx, communityId, `p:mentor-${people}`, `p:mentee-${people}`));
  };
  /** A nudge of the pairing that went out at `sentAt` (the pairing must have no scheduled nudge yet). */
  const sentNudge = async (tx: StoreTx, pairing: Pairing, dueAt: Date, sentAt = dueAt): Promise<Nudge> => {
    const nudge = await tx.setNextNudge(pairing.communityId, pairing.id, dueAt);
    await tx.markNudge(nudge.id, 'sent', sentAt);
    return { ...nudge, status: 'sent', sentAt };
  };

  describe('setNextNudge', () => {
    it('creates the pairing’s scheduled nudge at generation 0', async () => {
      const pairing = await newPairing();
      const nudge = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)));
      expect(nudge).toEqual({
        id: expect.any(Number),
        pairingId: pairing.id,
        communityId: C,
        dueAt: minutesAfter(60),
        generation: 0,
        status: 'scheduled',
        sentAt: null,
      });
      expect(await nudgeRowsOf(it$.db, pairing.id)).toEqual([
        expect.objectContaining({ id: nudge.id, status: 'scheduled', answered_at: null, answered_by: null }),
      ]);
    });

    it('moves the same row and bumps its generation instead of adding a second scheduled nudge', async () => {
      const pairing = await newPairing();
      const first = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)));
      const second = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(30)));
      const third = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(90)));

      expect(second).toEqual({ ...first, dueAt: minutesAfter(30), generation: 1 });
      expect(third).toEqual({ ...first, dueAt: minutesAfter(90), generation: 2 });
      const rows = await nudgeRowsOf(it$.db, pairing.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: first.id, status: 'scheduled', due_at: minutesAfter(90), generation: 2 });
    });

    it('moves it twice within one transaction as well', async () => {
      const pairing = await newPairing();
      const [first, second] = await it$.tx(async (tx) => [
        await tx.setNextNudge(C, pairing.id, minutesAfter(60)),
        await tx.setNextNudge(C, pairing.id, minutesAfter(61)),
      ]);
      expect(second).toEqual({ ...first, dueAt: minutesAfter(61), generation: 1 });
      expect(await nudgeRowsOf(it$.db, pairing.id)).toHaveLength(1);
    });

    it.each(['sent', 'cancelled'] as const)(
      'creates a new row at generation 0 once the scheduled one is %s',
      async (status) => {
        const pairing = await newPairing();
        const old = await it$.tx(async (tx) => {
          await tx.setNextNudge(C, pairing.id, minutesAfter(60));
          return tx.setNextNudge(C, pairing.id, minutesAfter(70)); // generation 1
        });
        await it$.tx((tx) => tx.markNudge(old.id, status, minutesAfter(70)));

        const next = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(200)));
        expect(next.id).not.toBe(old.id);
        expect(next).toMatchObject({ generation: 0, status: 'scheduled', dueAt: minutesAfter(200), sentAt: null });
        expect((await nudgeRowsOf(it$.db, pairing.id)).map((r) => [r.id, r.status, r.generation])).toEqual([
          [old.id, status, 1],
          [next.id, 'scheduled', 0],
        ]);
      },
    );

    it('keeps each pairing’s nudge apart, across communities too', async () => {
      const a = await newPairing();
      const b = await newPairing();
      const elsewhere = await newPairing(OTHER);
      const [na, nb, ne] = await it$.tx(async (tx) => [
        await tx.setNextNudge(C, a.id, minutesAfter(10)),
        await tx.setNextNudge(C, b.id, minutesAfter(20)),
        await tx.setNextNudge(OTHER, elsewhere.id, minutesAfter(30)),
      ]);
      expect(new Set([na!.id, nb!.id, ne!.id]).size).toBe(3);
      expect(ne).toMatchObject({ communityId: OTHER, pairingId: elsewhere.id, generation: 0 });

      const moved = await it$.tx((tx) => tx.setNextNudge(C, a.id, minutesAfter(15)));
      expect(moved).toMatchObject({ id: na!.id, generation: 1 });
      expect(await nudgeRowsOf(it$.db, b.id)).toEqual([
        expect.objectContaining({ due_at: minutesAfter(20), generation: 0 }),
      ]);
      expect(await nudgeRowsOf(it$.db, elsewhere.id)).toEqual([
        expect.objectContaining({ due_at: minutesAfter(30), generation: 0 }),
      ]);
    });
  });

  describe('lockNudge', () => {
    it('returns the nudge as stored, and null for an unknown id', async () => {
      const pairing = await newPairing();
      const nudge = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)));
      expect(await it$.tx((tx) => tx.lockNudge(nudge.id))).toEqual(nudge);
      expect(await it$.tx((tx) => tx.lockNudge(nudge.id + 100_000))).toBeNull();
      expect(await it$.tx((tx) => tx.lockNudge(-1))).toBeNull();
    });

    it('sees the nudge’s latest status and generation', async () => {
      const pairing = await newPairing();
      const nudge = await it$.tx(async (tx) => {
        await tx.setNextNudge(C, pairing.id, minutesAfter(60));
        return sentNudge(tx, pairing, minutesAfter(61), minutesAfter(62));
      });
      expect(await it$.tx((tx) => tx.lockNudge(nudge.id))).toEqual({ ...nudge, generation: 1 });
    });
  });

  describe('markNudge', () => {
    it("'sent' sets sent_at and answers nothing", async () => {
      const pairing = await newPairing();
      const nudge = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)));
      await it$.tx((tx) => tx.markNudge(nudge.id, 'sent', minutesAfter(61), 'p:ignored'));
      expect(await nudgeRowsOf(it$.db, pairing.id)).toEqual([
        expect.objectContaining({ status: 'sent', sent_at: minutesAfter(61), answered_at: null, answered_by: null }),
      ]);
    });

    it.each(['met', 'skipped', 'missed', 'cancelled'] as const)(
      "'%s' sets answered_at and answered_by, and keeps sent_at",
      async (status: NudgeStatus) => {
        const pairing = await newPairing();
        const nudge = await it$.tx((tx) => sentNudge(tx, pairing, minutesAfter(60), minutesAfter(61)));
        await it$.tx((tx) => tx.markNudge(nudge.id, status, minutesAfter(120), pairing.menteeId));
        expect(await nudgeRowsOf(it$.db, pairing.id)).toEqual([
          expect.objectContaining({
            status,
            sent_at: minutesAfter(61),
            answered_at: minutesAfter(120),
            answered_by: pairing.menteeId,
          }),
        ]);
      },
    );

    it('leaves answered_by empty when nobody is given, and sent_at empty for a nudge never sent', async () => {
      const pairing = await newPairing();
      const missed = await it$.tx((tx) => sentNudge(tx, pairing, minutesAfter(60)));
      await it$.tx((tx) => tx.markNudge(missed.id, 'missed', minutesAfter(90)));
      const never = await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(100)));
      await it$.tx((tx) => tx.markNudge(never.id, 'cancelled', minutesAfter(95)));

      const rows = await nudgeRowsOf(it$.db, pairing.id);
      expect(rows.map((r) => [r.status, r.sent_at, r.answered_at, r.answered_by])).toEqual([
        ['missed', minutesAfter(60), minutesAfter(90), null],
        ['cancelled', null, minutesAfter(95), null],
      ]);
    });

    it('changes only the nudge it is given', async () => {
      const a = await newPairing();
      const b = await newPairing();
      const [na] = await it$.tx(async (tx) => [
        await sentNudge(tx, a, minutesAfter(5)),
        await sentNudge(tx, b, minutesAfter(6)),
      ]);
      await it$.tx((tx) => tx.markNudge(na!.id, 'met', minutesAfter(7), a.mentorId));
      expect(await nudgeRowsOf(it$.db, b.id)).toEqual([
        expect.objectContaining({ status: 'sent', answered_at: null, answered_by: null }),
      ]);
    });
  });

  describe('openNudge', () => {
    it('is null for a pairing with no nudge, or only a scheduled one', async () => {
      const pairing = await newPairing();
      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toBeNull();
      await it$.tx((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)));
      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toBeNull();
      expect(await it$.tx((tx) => tx.openNudge(-1))).toBeNull();
    });

    it('is the latest sent nudge of the pairing, ignoring answered ones and other pairings', async () => {
      const pairing = await newPairing();
      const other = await newPairing();
      const answered = await it$.tx((tx) => sentNudge(tx, pairing, minutesAfter(10)));
      await it$.tx((tx) => tx.markNudge(answered.id, 'met', minutesAfter(11), pairing.mentorId));
      const older = await it$.tx((tx) => sentNudge(tx, pairing, minutesAfter(20)));
      const latest = await it$.tx((tx) => sentNudge(tx, pairing, minutesAfter(30)));
      await it$.tx(async (tx) => {
        await tx.setNextNudge(C, pairing.id, minutesAfter(40)); // scheduled, not open
        await sentNudge(tx, other, minutesAfter(50)); // newer, but another pairing's
      });

      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toEqual({ ...latest, generation: 0 });
      await it$.tx((tx) => tx.markNudge(latest.id, 'skipped', minutesAfter(31), pairing.menteeId));
      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toEqual(older);
      await it$.tx((tx) => tx.markNudge(older.id, 'missed', minutesAfter(32)));
      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toBeNull();
    });
  });

  describe('missed check-ins and at risk', () => {
    const find = (pairing: Pairing): Promise<Pairing | null> => it$.tx((tx) => tx.findPairing(C, pairing.id));

    it('counts misses up from 0, and clearing resets the count and the at-risk flag', async () => {
      const pairing = await newPairing();
      const other = await newPairing();
      expect(pairing).toMatchObject({ missedCheckins: 0, atRisk: false });

      const counts = await it$.tx(async (tx) => [
        await tx.addMissedCheckin(pairing.id),
        await tx.addMissedCheckin(pairing.id),
      ]);
      expect(counts).toEqual([1, 2]);
      expect(await it$.tx((tx) => tx.addMissedCheckin(pairing.id))).toBe(3);
      expect(await find(pairing)).toMatchObject({ missedCheckins: 3, atRisk: false });

      await it$.tx((tx) => tx.setAtRisk(pairing.id));
      expect(await find(pairing)).toMatchObject({ missedCheckins: 3, atRisk: true });
      expect(await find(other)).toMatchObject({ missedCheckins: 0, atRisk: false });

      await it$.tx((tx) => tx.clearMissedCheckins(pairing.id));
      expect(await find(pairing)).toMatchObject({ missedCheckins: 0, atRisk: false });
      expect(await it$.tx((tx) => tx.addMissedCheckin(pairing.id))).toBe(1);
    });

    it('keeps each pairing’s count apart', async () => {
      const a = await newPairing();
      const b = await newPairing();
      await it$.tx(async (tx) => {
        await tx.addMissedCheckin(a.id);
        await tx.addMissedCheckin(a.id);
        await tx.setAtRisk(a.id);
        await tx.addMissedCheckin(b.id);
        await tx.clearMissedCheckins(b.id);
      });
      expect(await find(a)).toMatchObject({ missedCheckins: 2, atRisk: true });
      expect(await find(b)).toMatchObject({ missedCheckins: 0, atRisk: false });
    });
  });

  describe('endPairing', () => {
    it('cancels the scheduled nudge and leaves sent and answered ones as they were', async () => {
      const pairing = await newPairing();
      const bystander = await newPairing();
      await it$.tx(async (tx) => {
        const met = await sentNudge(tx, pairing, minutesAfter(10));
        await tx.markNudge(met.id, 'met', minutesAfter(12), pairing.menteeId);
        const skipped = await sentNudge(tx, pairing, minutesAfter(20));
        await tx.markNudge(skipped.id, 'skipped', minutesAfter(22), pairing.mentorId);
        await sentNudge(tx, pairing, minutesAfter(30));
        await tx.setNextNudge(C, pairing.id, minutesAfter(40));
        await tx.setNextNudge(C, bystander.id, minutesAfter(40));
      });
      const before = await nudgeRowsOf(it$.db, pairing.id);

      await it$.tx((tx) => tx.endPairing(pairing.id, pairing.mentorId, 'done', minutesAfter(35)));

      const after = await nudgeRowsOf(it$.db, pairing.id);
      expect(after.map((r) => r.status)).toEqual(['met', 'skipped', 'sent', 'cancelled']);
      expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
      expect(after[3]).toEqual({ ...before[3], status: 'cancelled' });
      expect(await nudgeRowsOf(it$.db, bystander.id)).toEqual([expect.objectContaining({ status: 'scheduled' })]);
      expect(await it$.tx((tx) => tx.openNudge(pairing.id))).toMatchObject({ status: 'sent', dueAt: minutesAfter(30) });
    });
  });
});
