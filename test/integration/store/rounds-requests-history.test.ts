import type { RoundDraft } from '../../../src/domain/round';
import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aMember, aPairing, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

const C = 'c:rounds';
const OTHER = 'c:rounds-other';

const draftOf = (pairs: [string, string][], extra: Partial<RoundDraft> = {}): RoundDraft => ({
  pairs: pairs.map(([mentor, mentee], i) => ({
    mentor,
    mentee,
    score: 0.5 + i / 10,
    reasons: [`shares "pricing" with <@${mentee}>`],
    locked: i === 0,
  })),
  unmatched: [{ id: 'p:left-out', reason: 'no mentor speaks their language' }],
  excluded: ['p:excluded'],
  totalScore: 1.1,
  proof: 'optimal: dual bound met',
  ...extra,
});

describe.each(DATABASE_TARGETS)('store contract, rounds, requests and history, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(C, 'Rounds');
      await tx.ensureCommunity(OTHER, 'Other rounds');
    });
  });

  describe('history, blocks and priority', () => {
    it('lists every pairing of the community, active or ended, in creation order', async () => {
      const H = 'c:history';
      const made = await it$.tx(async (tx) => {
        await tx.ensureCommunity(H, '');
        const first = await aPairing(tx, H, 'p:m1', 'p:e1', { startedAt: minutesAfter(50) });
        const second = await aPairing(tx, H, 'p:m2', 'p:e2', { startedAt: minutesAfter(10) });
        await tx.endPairing(first.id, 'p:m1', 'done', minutesAfter(60));
        await aPairing(tx, C, 'p:m1', 'p:e1');
        return [await tx.findPairing(H, first.id), second];
      });
      expect(await it$.tx((tx) => tx.pairingHistory(H))).toEqual(made);
      expect(await it$.tx((tx) => tx.pairingHistory('c:no-history'))).toEqual([]);
    });

    it('lists a community’s blocks as [blocker, blocked]', async () => {
      await it$.tx(async (tx) => {
        await tx.addBlock(C, 'p:zoe', 'p:amy', T0);
        await tx.addBlock(C, 'p:amy', 'p:zoe', T0);
        await tx.addBlock(C, 'p:amy', 'p:bob', T0);
        await tx.addBlock(OTHER, 'p:amy', 'p:cat', T0);
      });
      expect(await it$.tx((tx) => tx.listBlocks(C))).toEqual([
        ['p:amy', 'p:bob'],
        ['p:amy', 'p:zoe'],
        ['p:zoe', 'p:amy'],
      ]);
      expect(await it$.tx((tx) => tx.listBlocks(OTHER))).toEqual([['p:amy', 'p:cat']]);
    });

    it('sets and clears priority for the given members only', async () => {
      await it$.tx(async (tx) => {
        for (const id of ['p:pr1', 'p:pr2', 'p:pr3']) await tx.saveMember(aMember(C, id));
        await tx.saveMember(aMember(OTHER, 'p:pr1'));
      });
      const priorities = (community: string): Promise<boolean[]> =>
        it$.tx(async (tx) =>
          Promise.all(
            ['p:pr1', 'p:pr2', 'p:pr3'].map(async (id) => (await tx.findMember(community, id))?.priority ?? false),
          ),
        );

      await it$.tx((tx) => tx.setPriority(C, ['p:pr1', 'p:pr3', 'p:unknown'], true));
      expect(await priorities(C)).toEqual([true, false, true]);
      expect(await priorities(OTHER)).toEqual([false, false, false]);

      await it$.tx((tx) => tx.setPriority(C, ['p:pr3'], false));
      expect(await priorities(C)).toEqual([true, false, false]);
      await it$.tx((tx) => tx.setPriority(C, [], true));
      expect(await priorities(C)).toEqual([true, false, false]);
    });
  });

  describe('rounds', () => {
    it('keeps one open draft per community, replaced in place, until it is published', async () => {
      expect(await it$.tx((tx) => tx.latestRound(C))).toBeNull();
      expect(await it$.tx((tx) => tx.lockDraftRound(C))).toBeNull();

      const firstDraft = draftOf([['p:m1', 'p:e1']]);
      const created = await it$.tx((tx) => tx.saveDraftRound(C, firstDraft, 'p:mod', T0));
      expect(created).toEqual({
        id: expect.any(Number),
        communityId: C,
        status: 'draft',
        draft: firstDraft,
        createdAt: T0,
        decidedAt: null,
      });

      const secondDraft = draftOf([
        ['p:m1', 'p:e2'],
        ['p:m2', 'p:e1'],
      ]);
      const replaced = await it$.tx((tx) => tx.saveDraftRound(C, secondDraft, 'p:mod2', minutesAfter(5)));
      expect(replaced).toEqual({ ...created, draft: secondDraft });
      expect(await it$.tx((tx) => tx.lockDraftRound(C))).toEqual(replaced);
      expect(await it$.tx((tx) => tx.latestRound(C))).toEqual(replaced);
      expect(await it$.tx((tx) => tx.lockDraftRound(OTHER))).toBeNull();

      await it$.tx((tx) => tx.closeRound(created.id, 'published', 'p:mod', minutesAfter(10)));
      const published = { ...replaced, status: 'published', decidedAt: minutesAfter(10) };
      expect(await it$.tx((tx) => tx.lockDraftRound(C))).toBeNull();
      expect(await it$.tx((tx) => tx.latestRound(C))).toEqual(published);

      // A closed round stays closed.
      await it$.tx((tx) => tx.closeRound(created.id, 'cancelled', 'p:mod2', minutesAfter(20)));
      expect(await it$.tx((tx) => tx.latestRound(C))).toEqual(published);

      const next = await it$.tx((tx) => tx.saveDraftRound(C, firstDraft, 'p:mod', minutesAfter(30)));
      expect(next.id).not.toBe(created.id);
      expect(next.status).toBe('draft');
      expect(await it$.tx((tx) => tx.latestRound(C))).toEqual(next);

      await it$.tx((tx) => tx.closeRound(next.id, 'cancelled', 'p:mod', minutesAfter(40)));
      expect(await it$.tx((tx) => tx.latestRound(C))).toMatchObject({ id: next.id, status: 'cancelled' });
      expect(await it$.tx((tx) => tx.latestRound(OTHER))).toBeNull();
    });

    it('records the round a pairing came from', async () => {
      const round = await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:rounds-source', '');
        return tx.saveDraftRound('c:rounds-source', draftOf([]), 'p:mod', T0);
      });
      const pairing = await it$.tx((tx) =>
        tx.createPairing({
          communityId: 'c:rounds-source',
          mentorId: 'p:m1',
          menteeId: 'p:e1',
          source: 'round',
          cadenceMinutes: 60,
          startedAt: T0,
          roundId: round.id,
        }),
      );
      expect(pairing.source).toBe('round');
      const rows = await selectRows(it$.db, 'SELECT round_id FROM pairings WHERE id = $1', [pairing.id]);
      expect(rows).toEqual([{ round_id: round.id }]);
    });
  });

  describe('mentor requests', () => {
    it('opens one pending request per mentee and mentor, until it is decided', async () => {
      const request = await it$.tx((tx) => tx.createRequest(C, 'p:req-mentee', 'p:req-mentor', T0));
      expect(request).toEqual({
        id: expect.any(Number),
        menteeId: 'p:req-mentee',
        mentorId: 'p:req-mentor',
        status: 'pending',
        createdAt: T0,
      });
      expect(await it$.tx((tx) => tx.createRequest(C, 'p:req-mentee', 'p:req-mentor', minutesAfter(1)))).toBeNull();
      expect(await it$.tx((tx) => tx.createRequest(C, 'p:req-mentee', 'p:other-mentor', T0))).not.toBeNull();
      expect(await it$.tx((tx) => tx.createRequest(OTHER, 'p:req-mentee', 'p:req-mentor', T0))).not.toBeNull();

      expect(await it$.tx((tx) => tx.lockRequest(C, request!.id))).toEqual(request);
      expect(await it$.tx((tx) => tx.lockRequest(OTHER, request!.id))).toBeNull();
      expect(await it$.tx((tx) => tx.lockRequest(C, request!.id + 100_000))).toBeNull();

      await it$.tx((tx) => tx.decideRequest(request!.id, 'declined', minutesAfter(2)));
      expect(await it$.tx((tx) => tx.lockRequest(C, request!.id))).toEqual({ ...request, status: 'declined' });

      const again = await it$.tx((tx) => tx.createRequest(C, 'p:req-mentee', 'p:req-mentor', minutesAfter(3)));
      expect(again).toMatchObject({ status: 'pending', createdAt: minutesAfter(3) });
      expect(again!.id).not.toBe(request!.id);
    });
  });

  describe('export', () => {
    it('exports one row per pairing with check-in and goal counts', async () => {
      const X = 'c:export';
      const { busy, quiet } = await it$.tx(async (tx) => {
        await tx.ensureCommunity(X, '');
        const busy = await aPairing(tx, X, 'p:m1', 'p:e1', { source: 'request' });
        await tx.addCheckIn(busy.id, 'p:m1', 'private words', minutesAfter(5));
        await tx.addCheckIn(busy.id, 'p:e1', 'more private words', minutesAfter(9));
        await tx.addGoal(busy.id, 'g1', 'p:e1', T0);
        await tx.addGoal(busy.id, 'g2', 'p:e1', T0);
        await tx.completeGoal(busy.id, 2, minutesAfter(7));
        const quiet = await aPairing(tx, X, 'p:m2', 'p:e2', { startedAt: minutesAfter(1) });
        await tx.endPairing(quiet.id, 'p:m2', 'done', minutesAfter(100));
        await aPairing(tx, C, 'p:m1', 'p:e9');
        return { busy, quiet };
      });
      const rows = await it$.tx((tx) => tx.exportPairings(X));
      expect(rows).toEqual([
        {
          pairingId: busy.id,
          mentorId: 'p:m1',
          menteeId: 'p:e1',
          status: 'active',
          source: 'request',
          startedAt: T0,
          endedAt: null,
          atRisk: false,
          checkIns: 2,
          lastCheckInAt: minutesAfter(9),
          goals: 2,
          goalsDone: 1,
        },
        {
          pairingId: quiet.id,
          mentorId: 'p:m2',
          menteeId: 'p:e2',
          status: 'ended',
          source: 'manual',
          startedAt: minutesAfter(1),
          endedAt: minutesAfter(100),
          atRisk: false,
          checkIns: 0,
          lastCheckInAt: null,
          goals: 0,
          goalsDone: 0,
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain('private');
    });
  });

  describe('forgetting a person with requests and rounds', () => {
    const FR = 'c:rounds-forget';
    const X = 'p:xena';

    beforeAll(async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(FR, '');
        await tx.saveMember(aMember(FR, X, { role: 'both', capacity: 1 }));
        await tx.createRequest(FR, X, 'p:mentor', T0);
        await tx.createRequest(FR, 'p:mentee', X, T0);
        await tx.createRequest(FR, 'p:mentee', 'p:mentor', T0);
        const closed = await tx.saveDraftRound(FR, draftOf([['p:mentor', X]]), X, T0);
        await tx.closeRound(closed.id, 'published', X, minutesAfter(1));
        await tx.saveDraftRound(FR, draftOf([[X, 'p:mentee']], { excluded: [X] }), 'p:mod', minutesAfter(2));
        await tx.forgetPerson(FR, X, 'forgotten:r1', 'evt-forget-xena');
      });
    });

    it('deletes their requests, either side, and keeps the others', async () => {
      const rows = await selectRows(
        it$.db,
        'SELECT mentee_id, mentor_id FROM mentor_requests WHERE community_id = $1',
        [FR],
      );
      expect(rows).toEqual([{ mentee_id: 'p:mentee', mentor_id: 'p:mentor' }]);
    });

    it('takes their id out of the open draft', async () => {
      const draft = await it$.tx((tx) => tx.lockDraftRound(FR));
      expect(draft?.draft.pairs.map((p) => [p.mentor, p.mentee])).toEqual([['forgotten:r1', 'p:mentee']]);
      expect(draft?.draft.excluded).toEqual(['forgotten:r1']);
    });

    it('leaves their id in no round, including the ones they created or decided as a moderator', async () => {
      const rows = await selectRows(
        it$.db,
        'SELECT id, created_by, decided_by FROM rounds WHERE community_id = $1 AND strpos(rounds::text, $2) > 0',
        [FR, X],
      );
      expect(rows).toEqual([]);
    });
  });
});
