import type { Pairing } from '../../../src/domain/pairing';
import type { ForgetReport } from '../../../src/ports/store';
import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aMember, aPairing, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

const F = 'c:forget';
const ELSEWHERE = 'c:forget-elsewhere';
const X = 'p:xavier'; // the person who asks to be forgotten
const M = 'p:mira'; // X's mentor
const E = 'p:emil'; // X's mentee
const ANON = 'forgotten:7f3a';

/** Tables whose rows say which community they belong to, directly or through their pairing. */
const COMMUNITY_ROWS: Record<string, string> = {
  members: 'community_id = $1',
  pairings: 'community_id = $1',
  thanks: 'community_id = $1',
  blocks: 'community_id = $1',
  audit_log: 'community_id = $1',
  processed_events: 'community_id = $1',
  outbox: 'community_id = $1',
  check_ins: 'pairing_id IN (SELECT id FROM pairings WHERE community_id = $1)',
  goals: 'pairing_id IN (SELECT id FROM pairings WHERE community_id = $1)',
  feedback: 'pairing_id IN (SELECT id FROM pairings WHERE community_id = $1)',
};

describe.each(DATABASE_TARGETS)('store contract, forgetting a person, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  /** Rows of a community, in any table, whose text still contains `text`. */
  async function rowsMentioning(communityId: string, text: string): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const [table, where] of Object.entries(COMMUNITY_ROWS)) {
      const [row] = await selectRows<{ n: number }>(
        it$.db,
        `SELECT count(*)::int AS n FROM ${table} t WHERE ${where} AND strpos(t::text, $2) > 0`,
        [communityId, text],
      );
      if (row!.n > 0) found[table] = row!.n;
    }
    return found;
  }

  describe('a member with a mentor, a mentee, an ended pairing and history around them', () => {
    let asMentee: Pairing; // M mentors X
    let asMentor: Pairing; // X mentors E
    let endedAsMentor: Pairing; // X mentored E before, ended by X
    let report: ForgetReport;
    let otherCommunityBefore: Record<string, unknown>[];

    beforeAll(async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(F, 'Forget');
        await tx.ensureCommunity(ELSEWHERE, 'Elsewhere');
        await tx.saveMember(aMember(F, X, { role: 'both', capacity: 1 }));
        await tx.saveMember(aMember(F, M, { role: 'mentor', capacity: 2 }));
        await tx.saveMember(aMember(F, E, { role: 'mentee' }));

        endedAsMentor = await aPairing(tx, F, X, E, { startedAt: minutesAfter(-1000) });
        await tx.endPairing(endedAsMentor.id, X, 'too busy', minutesAfter(-500));
        asMentee = await aPairing(tx, F, M, X);
        asMentor = await aPairing(tx, F, X, E, { startedAt: minutesAfter(1) });

        await tx.addCheckIn(asMentee.id, X, 'X private: struggling with rates', minutesAfter(10));
        await tx.addCheckIn(asMentee.id, M, 'M own note', minutesAfter(11));
        await tx.addCheckIn(asMentor.id, X, 'X private: E is doing well', minutesAfter(12));
        await tx.addCheckIn(asMentor.id, E, 'E own note', minutesAfter(13));
        await tx.addCheckIn(endedAsMentor.id, E, 'E old note', minutesAfter(-900));

        await tx.addGoal(asMentee.id, 'X goal', X, T0);
        await tx.addGoal(asMentee.id, 'M goal for X', M, T0);
        await tx.addGoal(asMentor.id, 'E goal', E, T0);

        await tx.addFeedback(asMentee.id, X, 2, 'X about M', T0);
        await tx.addFeedback(asMentee.id, M, 5, 'M about X', T0);
        await tx.addFeedback(endedAsMentor.id, E, 3, 'E about X', T0);

        await tx.addThanks(F, M, X, 'M thanks X', T0);
        await tx.addThanks(F, E, X, 'E thanks X', T0);
        await tx.addThanks(F, X, M, 'X thanks M for everything', T0);
        await tx.addThanks(F, E, M, 'E thanks M', T0);

        await tx.addBlock(F, X, 'p:zed', T0);
        await tx.addBlock(F, 'p:yan', X, T0);
        await tx.addBlock(F, M, 'p:zed', T0);

        await tx.queueMessage(F, X, { text: 'Your mentor is <@p:mira>' }, T0);
        await tx.queueMessage(F, X, { text: 'second to X' }, T0);
        await tx.queueMessage(F, M, { text: `Your mentee <@${X}> has left`, participants: [M, X] }, T0);
        await tx.queueMessage(F, E, { text: 'Hello E' }, T0);

        await tx.claimEvent(F, 'evt-by-x', X, '');
        await tx.saveEventReply(F, 'evt-by-x', { text: 'X joined', visibility: 'private' });
        await tx.claimEvent(F, 'evt-by-m', M, '');
        await tx.saveEventReply(F, 'evt-by-m', { text: `Paired with <@${X}>`, visibility: 'channel' });

        await tx.audit(F, X, 'join', { role: 'both' }, T0);
        await tx.audit(F, M, 'config', { key: 'moderators', value: `<@${M}> <@${X}>` }, T0);
        await tx.audit(F, 'p:mod', 'pair', { mentorId: M, menteeId: X, pairingId: asMentee.id }, T0);
        await tx.audit(F, 'p:mod', 'pair', { mentorId: M, menteeId: E }, T0);

        // The same person in another community is not affected.
        await tx.saveMember(aMember(ELSEWHERE, X));
        const there = await aPairing(tx, ELSEWHERE, M, X);
        await tx.addCheckIn(there.id, X, 'X note elsewhere', T0);
        await tx.addGoal(there.id, 'X goal elsewhere', X, T0);
        await tx.addFeedback(there.id, X, 4, 'elsewhere', T0);
        await tx.addThanks(ELSEWHERE, M, X, 'elsewhere', T0);
        await tx.addThanks(ELSEWHERE, X, M, 'elsewhere', T0);
        await tx.addBlock(ELSEWHERE, X, M, T0);
        await tx.queueMessage(ELSEWHERE, X, { text: 'elsewhere' }, T0);
        await tx.claimEvent(ELSEWHERE, 'evt-elsewhere', X, '');
        await tx.audit(ELSEWHERE, X, 'join', { who: X }, T0);
      });
      otherCommunityBefore = await everythingIn(ELSEWHERE);

      // As `forget-me` runs it: in the transaction that claimed its own event, whose reply is saved after.
      report = await it$.tx(async (tx) => {
        await tx.claimEvent(F, 'evt-forget-me', X, '');
        const done = await tx.forgetPerson(F, X, ANON, 'evt-forget-me');
        await tx.saveEventReply(F, 'evt-forget-me', { text: 'Done', visibility: 'private' });
        return done;
      });
    });

    async function everythingIn(communityId: string): Promise<Record<string, unknown>[]> {
      const all: Record<string, unknown>[] = [];
      for (const [table, where] of Object.entries(COMMUNITY_ROWS)) {
        all.push(
          ...(await selectRows(
            it$.db,
            `SELECT '${table}' AS t, x::text AS row FROM ${table} x WHERE ${where} ORDER BY 2`,
            [communityId],
          )),
        );
      }
      return all;
    }

    it('reports the profile deleted, the pairings anonymised and the notes deleted', () => {
      expect(report).toEqual({ profileDeleted: true, pairingsAnonymised: 3, notesDeleted: 2 });
    });

    it('leaves the person’s id nowhere in the community', async () => {
      expect(await rowsMentioning(F, X)).toEqual({});
    });

    it('deletes the member', async () => {
      expect(await it$.tx((tx) => tx.findMember(F, X))).toBeNull();
      expect((await it$.tx((tx) => tx.listMembers(F))).map((m) => m.id).sort()).toEqual([E, M]);
    });

    it('keeps the pairings with the anonymous id on either side, and in ended_by', async () => {
      expect(await it$.tx((tx) => tx.activePairingsOf(F, ANON))).toEqual([
        { ...asMentee, menteeId: ANON },
        { ...asMentor, mentorId: ANON },
      ]);
      expect(await it$.tx((tx) => tx.activePairingsOf(F, M))).toEqual([{ ...asMentee, menteeId: ANON }]);
      const withE = await it$.tx((tx) => tx.pairingsBetween(F, ANON, E));
      expect(withE.map((p) => [p.id, p.status])).toEqual([
        [endedAsMentor.id, 'ended'],
        [asMentor.id, 'active'],
      ]);
      const [ended] = await selectRows(it$.db, 'SELECT ended_by, end_reason FROM pairings WHERE id = $1', [
        endedAsMentor.id,
      ]);
      expect(ended).toEqual({ ended_by: ANON, end_reason: 'too busy' });
    });

    it('deletes their check-in notes and keeps the other side’s', async () => {
      const notes = await selectRows(
        it$.db,
        `SELECT pairing_id, logged_by, note FROM check_ins
         WHERE pairing_id = ANY($1::int[]) ORDER BY created_at`,
        [[asMentee.id, asMentor.id, endedAsMentor.id]],
      );
      expect(notes).toEqual([
        { pairing_id: endedAsMentor.id, logged_by: E, note: 'E old note' },
        { pairing_id: asMentee.id, logged_by: M, note: 'M own note' },
        { pairing_id: asMentor.id, logged_by: E, note: 'E own note' },
      ]);
      expect(await it$.tx((tx) => tx.lastCheckInAt(asMentee.id))).toEqual(minutesAfter(11));
    });

    it('deletes the goals they wrote and keeps the others', async () => {
      expect(await it$.tx((tx) => tx.listGoals(asMentee.id))).toEqual([
        { number: 2, text: 'M goal for X', doneAt: null },
      ]);
      expect(await it$.tx((tx) => tx.listGoals(asMentor.id))).toEqual([{ number: 1, text: 'E goal', doneAt: null }]);
    });

    it('deletes their feedback and keeps the other side’s', async () => {
      const feedback = await selectRows(
        it$.db,
        'SELECT pairing_id, from_id, text FROM feedback WHERE pairing_id = ANY($1::int[]) ORDER BY id',
        [[asMentee.id, asMentor.id, endedAsMentor.id]],
      );
      expect(feedback).toEqual([
        { pairing_id: asMentee.id, from_id: M, text: 'M about X' },
        { pairing_id: endedAsMentor.id, from_id: E, text: 'E about X' },
      ]);
    });

    it('deletes thanks they received; thanks they gave still count, anonymous and without a message', async () => {
      expect(await it$.tx((tx) => tx.countThanksReceived(F, X))).toBe(0);
      expect(await it$.tx((tx) => tx.countThanksReceived(F, ANON))).toBe(0);
      expect(await it$.tx((tx) => tx.countThanksReceived(F, M))).toBe(2);
      const toM = await selectRows(
        it$.db,
        'SELECT from_id, message FROM thanks WHERE community_id = $1 AND to_id = $2 ORDER BY id',
        [F, M],
      );
      expect(toM).toEqual([
        { from_id: ANON, message: '' },
        { from_id: E, message: 'E thanks M' },
      ]);
    });

    it('deletes blocks either way and keeps other people’s', async () => {
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(F, X, 'p:zed'))).toBe(false);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(F, 'p:yan', X))).toBe(false);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(F, ANON, 'p:zed'))).toBe(false);
      expect(await it$.tx((tx) => tx.isBlockedEitherWay(F, M, 'p:zed'))).toBe(true);
    });

    it('deletes messages queued for them and keeps the others', async () => {
      const pending = await selectRows(it$.db, 'SELECT recipient_id FROM outbox WHERE community_id = $1 ORDER BY id', [
        F,
      ]);
      expect(pending.map((m) => m.recipient_id)).toEqual([M, E]);
    });

    it('deletes the events they triggered, keeps the forget-me claim under the anonymous id, and the others', async () => {
      expect(await it$.store.processedReply(F, 'evt-by-x')).toBeNull();
      expect(await it$.store.processedReply(F, 'evt-forget-me')).toEqual({ text: 'Done', visibility: 'private' });
      expect(await it$.store.processedReply(F, 'evt-by-m')).toMatchObject({ visibility: 'channel' });
      const events = await selectRows(
        it$.db,
        'SELECT event_id, actor_id FROM processed_events WHERE community_id = $1 ORDER BY event_id',
        [F],
      );
      expect(events).toEqual([
        { event_id: 'evt-by-m', actor_id: M },
        { event_id: 'evt-forget-me', actor_id: ANON },
      ]);
      // A retry of the forget-me event is recognised as done.
      expect(await it$.tx((tx) => tx.claimEvent(F, 'evt-forget-me', X, ''))).toBeNull();
    });

    it('rewrites audit entries they acted in or that mention them, and keeps them all', async () => {
      const audit = await selectRows(
        it$.db,
        'SELECT actor_id, action, details FROM audit_log WHERE community_id = $1 ORDER BY id',
        [F],
      );
      expect(audit).toEqual([
        { actor_id: ANON, action: 'join', details: { role: 'both' } },
        { actor_id: M, action: 'config', details: { key: 'moderators', value: `<@${M}> a former member` } },
        { actor_id: 'p:mod', action: 'pair', details: { mentorId: M, menteeId: ANON, pairingId: asMentee.id } },
        { actor_id: 'p:mod', action: 'pair', details: { mentorId: M, menteeId: E } },
      ]);
    });

    it('changes nothing in another community', async () => {
      expect(await everythingIn(ELSEWHERE)).toEqual(otherCommunityBefore);
      expect(await it$.tx((tx) => tx.findMember(ELSEWHERE, X))).not.toBeNull();
      expect(await it$.tx((tx) => tx.countThanksReceived(ELSEWHERE, X))).toBe(1);
    });
  });

  it('reports nothing done for someone the community never had', async () => {
    await it$.tx((tx) => tx.ensureCommunity('c:forget-nobody', ''));
    expect(await it$.tx((tx) => tx.forgetPerson('c:forget-nobody', 'p:nobody', 'forgotten:0', 'evt-0'))).toEqual({
      profileDeleted: false,
      pairingsAnonymised: 0,
      notesDeleted: 0,
    });
  });

  describe('when another id merely contains the forgotten one', () => {
    // Real ids can be prefixes of each other ('slack:T1:U1' and 'slack:T1:U12'; the command harness has m1 and m11).
    const C = 'c:forget-prefix';
    const AL = 'p:al';
    const ALICE = 'p:alice';

    beforeAll(async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(C, '');
        await tx.saveMember(aMember(C, AL));
        await tx.saveMember(aMember(C, ALICE, { role: 'mentor', capacity: 1 }));
        const pairing = await aPairing(tx, C, ALICE, AL);
        await tx.audit(C, 'p:mod', 'pair', { mentorId: ALICE, menteeId: AL, pairingId: pairing.id }, T0);
        await tx.audit(C, ALICE, 'config', { key: 'welcome', value: `ask ${ALICE}` }, T0);
        await tx.queueMessage(C, ALICE, { text: `<@${ALICE}>, your mentee <@${AL}> has left` }, T0);
        await tx.claimEvent(C, 'evt-alice', ALICE, '');
        await tx.saveEventReply(C, 'evt-alice', { text: `<@${ALICE}> paired with <@${AL}>`, visibility: 'channel' });
      });
      await it$.tx((tx) => tx.forgetPerson(C, AL, ANON, 'evt-forget-al'));
    });

    it('anonymises the pairing and nothing of the other person', async () => {
      expect(await it$.tx((tx) => tx.activePairingsOf(C, ALICE))).toEqual([
        expect.objectContaining({ mentorId: ALICE, menteeId: ANON }),
      ]);
      expect(await it$.tx((tx) => tx.findMember(C, ALICE))).not.toBeNull();
    });

    it('rewrites only the forgotten id in audit details', async () => {
      const audit = await selectRows(
        it$.db,
        'SELECT actor_id, details FROM audit_log WHERE community_id = $1 ORDER BY id',
        [C],
      );
      expect(audit).toEqual([
        { actor_id: 'p:mod', details: { mentorId: ALICE, menteeId: ANON, pairingId: expect.any(Number) } },
        { actor_id: ALICE, details: { key: 'welcome', value: `ask ${ALICE}` } },
      ]);
    });

    it('rewrites only the forgotten id in messages queued for others', async () => {
      const pending = await selectRows<{ message: { text: string } }>(
        it$.db,
        'SELECT message FROM outbox WHERE community_id = $1 ORDER BY id',
        [C],
      );
      expect(pending.map((m) => m.message.text)).toEqual([`<@${ALICE}>, your mentee a former member has left`]);
    });

    it('rewrites only the forgotten id in replies kept for others', async () => {
      expect((await it$.store.processedReply(C, 'evt-alice'))?.text).toBe(`<@${ALICE}> paired with a former member`);
    });
  });
});
