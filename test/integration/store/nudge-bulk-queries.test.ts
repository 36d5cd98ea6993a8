import type { BotMessage } from '../../../src/domain/message';
import type { Nudge } from '../../../src/domain/nudge';
import type { Pairing } from '../../../src/domain/pairing';
import type { StoreTx } from '../../../src/ports/store';
import { DATABASE_TARGETS, rowCounts } from '../../helpers/test-databases';
import { aMember, aPairing, minutesAfter, nudgeRowsOf, selectRows, storeUnderTest, T0 } from './store-fixtures';

// The set-based statements a batch of nudge timers runs (deliverNudges): one statement for many rows each.
// The one-row versions are in checkin-nudges.test.ts.
const C = 'c:bulk';
const OTHER = 'c:bulk-other';

const byId = <T extends { id: number }>(items: T[]): T[] => [...items].sort((a, b) => a.id - b.id);
const byPairing = <T extends { pairingId: number }>(items: T[]): T[] =>
  [...items].sort((a, b) => a.pairingId - b.pairingId);

describe.each(DATABASE_TARGETS)('store contract, bulk nudge and outbox queries, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);
  let people = 0;

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(C, 'Bulk');
      await tx.ensureCommunity(OTHER, 'Other bulk');
    });
  });

  /** Fresh pairings of people no other test uses. */
  const newPairings = (count: number, communityId = C): Promise<Pairing[]> =>
    it$.tx(async (tx) => {
      const pairings: Pairing[] = [];
      for (let i = 0; i < count; i++) {
        people++;
        pairings.push(await aPairing(tx, communityId, `p:mentor-${people}`, `p:mentee-${people}`));
      }
      return pairings;
    });
  const sentNudge = async (tx: StoreTx, pairing: Pairing, dueAt: Date): Promise<Nudge> => {
    const nudge = await tx.setNextNudge(pairing.communityId, pairing.id, dueAt);
    await tx.markNudge(nudge.id, 'sent', dueAt);
    return { ...nudge, status: 'sent', sentAt: dueAt };
  };

  describe('lockNudges', () => {
    it("returns only the community's nudges among the ids, in id order, as stored", async () => {
      const [a, b, c] = await newPairings(3);
      const [elsewhere] = await newPairings(1, OTHER);
      const [na, nb, nc, ne] = await it$.tx(async (tx) => [
        await tx.setNextNudge(C, a!.id, minutesAfter(10)),
        await sentNudge(tx, b!, minutesAfter(20)),
        await tx.setNextNudge(C, c!.id, minutesAfter(30)),
        await tx.setNextNudge(OTHER, elsewhere!.id, minutesAfter(40)),
      ]);
      const locked = await it$.tx((tx) => tx.lockNudges(C, [ne!.id, nc!.id, 999_999, na!.id, nb!.id, nc!.id]));
      expect(locked).toEqual([na, nb, nc]);
      expect(locked.map((n) => n.id)).toEqual([na!.id, nb!.id, nc!.id].sort((x, y) => x - y));
      expect(await it$.tx((tx) => tx.lockNudges(OTHER, [na!.id, ne!.id]))).toEqual([ne]);
    });
  });

  describe('setNextNudges', () => {
    it('creates some and moves others (generation + 1) in one call, and returns them all', async () => {
      const [fresh, moving, untouched] = await newPairings(3);
      const [before, bystander] = await it$.tx(async (tx) => [
        await tx.setNextNudge(C, moving!.id, minutesAfter(60)),
        await tx.setNextNudge(C, untouched!.id, minutesAfter(70)),
      ]);

      const result = await it$.tx((tx) =>
        tx.setNextNudges(C, [
          { pairingId: moving!.id, dueAt: minutesAfter(90) },
          { pairingId: fresh!.id, dueAt: minutesAfter(80) },
        ]),
      );
      expect(byPairing(result)).toEqual(
        byPairing([
          { ...before!, dueAt: minutesAfter(90), generation: 1 },
          {
            id: expect.any(Number),
            pairingId: fresh!.id,
            communityId: C,
            dueAt: minutesAfter(80),
            generation: 0,
            status: 'scheduled',
            sentAt: null,
          },
        ]),
      );
      expect(await nudgeRowsOf(it$.db, moving!.id)).toEqual([
        expect.objectContaining({ id: before!.id, due_at: minutesAfter(90), generation: 1, status: 'scheduled' }),
      ]);
      expect(await nudgeRowsOf(it$.db, fresh!.id)).toEqual([
        expect.objectContaining({ due_at: minutesAfter(80), generation: 0, status: 'scheduled', community_id: C }),
      ]);
      expect(await nudgeRowsOf(it$.db, untouched!.id)).toEqual([
        expect.objectContaining({ id: bystander!.id, due_at: minutesAfter(70), generation: 0 }),
      ]);
    });

    it('starts a new row for a pairing whose nudge was sent, next to one it moves', async () => {
      const [sent, moving] = await newPairings(2);
      const [old, scheduled] = await it$.tx(async (tx) => [
        await sentNudge(tx, sent!, minutesAfter(10)),
        await tx.setNextNudge(C, moving!.id, minutesAfter(10)),
      ]);
      const result = await it$.tx((tx) =>
        tx.setNextNudges(C, [
          { pairingId: sent!.id, dueAt: minutesAfter(100) },
          { pairingId: moving!.id, dueAt: minutesAfter(100) },
        ]),
      );
      const forSent = result.find((n) => n.pairingId === sent!.id)!;
      expect(forSent.id).not.toBe(old!.id);
      expect(forSent).toMatchObject({ generation: 0, status: 'scheduled' });
      expect(result.find((n) => n.pairingId === moving!.id)).toMatchObject({ id: scheduled!.id, generation: 1 });
      expect((await nudgeRowsOf(it$.db, sent!.id)).map((r) => r.status)).toEqual(['sent', 'scheduled']);
    });
  });

  describe('markNudges', () => {
    it("'sent' sets sent_at only; 'missed' and 'cancelled' set answered_at, keep sent_at and name nobody", async () => {
      const [toSend, toMiss, toCancel, bystander] = await newPairings(4);
      const [scheduled, open, never, other] = await it$.tx(async (tx) => [
        await tx.setNextNudge(C, toSend!.id, minutesAfter(10)),
        await sentNudge(tx, toMiss!, minutesAfter(11)),
        await tx.setNextNudge(C, toCancel!.id, minutesAfter(12)),
        await sentNudge(tx, bystander!, minutesAfter(13)),
      ]);
      const second = await it$.tx((tx) => tx.setNextNudge(C, toMiss!.id, minutesAfter(14)));

      await it$.tx(async (tx) => {
        await tx.markNudges([scheduled!.id, second.id], 'sent', minutesAfter(20));
        await tx.markNudges([open!.id], 'missed', minutesAfter(21));
        await tx.markNudges([never!.id], 'cancelled', minutesAfter(22));
      });

      const row = async (pairing: Pairing, id: number) =>
        (await nudgeRowsOf(it$.db, pairing.id)).find((r) => r.id === id);
      const fields = (r: {
        status: string;
        sent_at: Date | null;
        answered_at: Date | null;
        answered_by: null | string;
      }) => [r.status, r.sent_at, r.answered_at, r.answered_by];
      expect(fields((await row(toSend!, scheduled!.id))!)).toEqual(['sent', minutesAfter(20), null, null]);
      expect(fields((await row(toMiss!, second.id))!)).toEqual(['sent', minutesAfter(20), null, null]);
      expect(fields((await row(toMiss!, open!.id))!)).toEqual(['missed', minutesAfter(11), minutesAfter(21), null]);
      expect(fields((await row(toCancel!, never!.id))!)).toEqual(['cancelled', null, minutesAfter(22), null]);
      expect(fields((await row(bystander!, other!.id))!)).toEqual(['sent', minutesAfter(13), null, null]);
    });
  });

  describe('openNudges', () => {
    it('returns the latest sent nudge of each pairing only', async () => {
      const [many, one, answered, scheduledOnly, none] = await newPairings(5);
      const expected = await it$.tx(async (tx) => {
        await sentNudge(tx, many!, minutesAfter(10));
        const latest = await sentNudge(tx, many!, minutesAfter(20));
        await tx.setNextNudge(C, many!.id, minutesAfter(30));
        const single = await sentNudge(tx, one!, minutesAfter(5));
        const met = await sentNudge(tx, answered!, minutesAfter(40));
        await tx.markNudge(met.id, 'met', minutesAfter(41), answered!.mentorId);
        await tx.setNextNudge(C, scheduledOnly!.id, minutesAfter(50));
        return [latest, single];
      });
      const open = await it$.tx((tx) =>
        tx.openNudges([many!.id, one!.id, answered!.id, scheduledOnly!.id, none!.id, -1]),
      );
      expect(byId(open)).toEqual(byId(expected));
    });
  });

  describe('addMissedCheckins', () => {
    it("adds one miss to each pairing and returns each one's new count", async () => {
      const [a, b, untouched] = await newPairings(3);
      await it$.tx((tx) => tx.addMissedCheckin(a!.id));
      const counts = await it$.tx((tx) => tx.addMissedCheckins([a!.id, b!.id, -1]));
      expect(counts).toEqual(
        new Map([
          [a!.id, 2],
          [b!.id, 1],
        ]),
      );
      expect(await it$.tx((tx) => tx.addMissedCheckins([b!.id]))).toEqual(new Map([[b!.id, 2]]));
      expect(await it$.tx((tx) => tx.findPairing(C, untouched!.id))).toMatchObject({ missedCheckins: 0 });
      expect(await it$.tx((tx) => tx.findPairing(C, a!.id))).toMatchObject({ missedCheckins: 2 });
    });
  });

  describe('findPairingsToNudge', () => {
    it("returns the community's own pairings among the ids, each with its people's delivery details", async () => {
      const [a, b] = await newPairings(2);
      const [elsewhere] = await newPairings(1, OTHER);
      const mentor = aMember(C, a!.mentorId, { role: 'mentor', capacity: 2, timezone: 'America/Lima' });
      const mentee = aMember(C, a!.menteeId, { status: 'paused', pausedUntil: minutesAfter(90) });
      // The same person id in another community, with other details: never read for this one.
      const namesake = aMember(OTHER, b!.mentorId, { role: 'mentor', capacity: 1, timezone: 'Asia/Tokyo' });
      await it$.tx(async (tx) => {
        for (const member of [mentor, mentee, namesake]) await tx.saveMember(member);
      });

      const found = await it$.tx((tx) => tx.findPairingsToNudge(C, [b!.id, elsewhere!.id, a!.id, -1]));
      expect([...found].sort((x, y) => x.pairing.id - y.pairing.id)).toEqual([
        {
          pairing: a,
          mentor: { id: a!.mentorId, timezone: 'America/Lima', status: 'active', pausedUntil: null },
          mentee: { id: a!.menteeId, timezone: 'Europe/Berlin', status: 'paused', pausedUntil: minutesAfter(90) },
        },
        // Nobody of pairing b is a member (any more): nothing to deliver to.
        { pairing: b, mentor: null, mentee: null },
      ]);
      expect(await it$.tx((tx) => tx.findPairingsToNudge(OTHER, [a!.id, b!.id]))).toEqual([]);
    });
  });

  describe('queueMessages', () => {
    it('queues in order, each with its own not_before, and keeps SQL-looking text verbatim', async () => {
      const community = 'c:bulk-outbox';
      await it$.tx((tx) => tx.ensureCommunity(community, 'Outbox'));
      const tricky: BotMessage = {
        kind: 'nudge',
        text: `'); DROP TABLE outbox; -- $1 ::jsonb {"a":1} \\ "quoted" ☕`,
        actions: [{ label: "O'Brien", command: 'nudge 1 met' }],
      };
      await it$.tx((tx) =>
        tx.queueMessages(
          community,
          [
            { to: 'p:q3', message: { text: 'first' }, notBefore: minutesAfter(30) },
            { to: 'p:q1', message: tricky },
            { to: 'p:q2', message: { text: 'third' }, notBefore: undefined },
            { to: 'p:q1', message: { text: 'fourth' }, notBefore: minutesAfter(5) },
          ],
          T0,
        ),
      );
      const rows = await selectRows<{
        recipient_id: string;
        message: BotMessage;
        created_at: Date;
        not_before: Date | null;
        attempts: number;
      }>(
        it$.db,
        'SELECT recipient_id, message, created_at, not_before, attempts FROM outbox WHERE community_id = $1 ORDER BY id',
        [community],
      );
      expect(rows).toEqual([
        { recipient_id: 'p:q3', message: { text: 'first' }, created_at: T0, not_before: minutesAfter(30), attempts: 0 },
        { recipient_id: 'p:q1', message: tricky, created_at: T0, not_before: null, attempts: 0 },
        { recipient_id: 'p:q2', message: { text: 'third' }, created_at: T0, not_before: null, attempts: 0 },
        { recipient_id: 'p:q1', message: { text: 'fourth' }, created_at: T0, not_before: minutesAfter(5), attempts: 0 },
      ]);
    });
  });

  describe('empty input', () => {
    it('is a no-op for every bulk method', async () => {
      const [pairing] = await newPairings(1);
      await it$.tx((tx) => tx.setNextNudge(C, pairing!.id, minutesAfter(10)));
      const before = await rowCounts(it$.db);
      const nudgesBefore = await selectRows(it$.db, 'SELECT * FROM checkin_nudges ORDER BY id');
      const pairingsBefore = await selectRows(it$.db, 'SELECT * FROM pairings ORDER BY id');

      const answers = await it$.tx(async (tx) => [
        await tx.lockNudges(C, []),
        await tx.setNextNudges(C, []),
        await tx.markNudges([], 'sent', minutesAfter(1)),
        await tx.markNudges([], 'missed', minutesAfter(1)),
        await tx.openNudges([]),
        await tx.addMissedCheckins([]),
        await tx.findPairingsToNudge(C, []),
        await tx.queueMessages(C, [], minutesAfter(1)),
      ]);
      expect(answers).toEqual([[], [], undefined, undefined, [], new Map(), [], []]);
      expect(await rowCounts(it$.db)).toEqual(before);
      expect(await selectRows(it$.db, 'SELECT * FROM checkin_nudges ORDER BY id')).toEqual(nudgesBefore);
      expect(await selectRows(it$.db, 'SELECT * FROM pairings ORDER BY id')).toEqual(pairingsBefore);
    });
  });
});
