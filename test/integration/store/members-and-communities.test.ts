import { communitySettingsSchema, type CommunitySettings } from '../../../src/domain/community-settings';
import { DATABASE_TARGETS, rowCounts } from '../../helpers/test-databases';
import { aMember, failureOf, minutesAfter, selectRows, storeUnderTest, T0 } from './store-fixtures';

const DEFAULT_SETTINGS = communitySettingsSchema.parse({});

describe.each(DATABASE_TARGETS)('store contract, communities and members, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  describe('ensureCommunity and saveSettings', () => {
    it('creates a community once with the default settings', async () => {
      const first = await it$.tx((tx) => tx.ensureCommunity('c:create', 'Acme Freelancers'));
      expect(first).toEqual({ id: 'c:create', name: 'Acme Freelancers', settings: DEFAULT_SETTINGS });

      const again = await it$.tx((tx) => tx.ensureCommunity('c:create', 'Acme Freelancers'));
      expect(again).toEqual(first);
      const rows = await selectRows(it$.db, 'SELECT id FROM communities WHERE id = $1', ['c:create']);
      expect(rows).toHaveLength(1);
    });

    it("keeps the stored name when later given '' and takes a new non-empty name", async () => {
      await it$.tx((tx) => tx.ensureCommunity('c:name', 'Original'));
      const unnamed = await it$.tx((tx) => tx.ensureCommunity('c:name', ''));
      expect(unnamed.name).toBe('Original');

      const renamed = await it$.tx((tx) => tx.ensureCommunity('c:name', 'Renamed'));
      expect(renamed.name).toBe('Renamed');
      expect((await it$.tx((tx) => tx.ensureCommunity('c:name', ''))).name).toBe('Renamed');
    });

    it("creates a community with an empty name when first seen with ''", async () => {
      const community = await it$.tx((tx) => tx.ensureCommunity('c:unnamed', ''));
      expect(community).toEqual({ id: 'c:unnamed', name: '', settings: DEFAULT_SETTINGS });
    });

    it('round-trips saved settings, and only for that community', async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity('c:settings', 'Settings');
        await tx.ensureCommunity('c:settings-other', 'Other');
      });
      const settings: CommunitySettings = {
        ...DEFAULT_SETTINGS,
        cadenceMinutes: 60,
        quietHours: null,
        defaultCapacity: 5,
        repeatWindowDays: 0,
        menteePairings: 3,
        moderators: ['slack:T1:UMOD', 'slack:T1:UMOD2'],
        timezone: 'America/New_York',
        welcome: 'Welcome, "friend" \\ ünïcödé {x}',
      };
      await it$.tx((tx) => tx.saveSettings('c:settings', settings));

      const read = await it$.tx((tx) => tx.ensureCommunity('c:settings', ''));
      expect(read).toEqual({ id: 'c:settings', name: 'Settings', settings });
      expect((await it$.tx((tx) => tx.ensureCommunity('c:settings-other', ''))).settings).toEqual(DEFAULT_SETTINGS);

      const changed = { ...settings, quietHours: { start: '22:00', end: '07:00' }, moderators: [] };
      await it$.tx((tx) => tx.saveSettings('c:settings', changed));
      expect((await it$.tx((tx) => tx.ensureCommunity('c:settings', ''))).settings).toEqual(changed);
    });

    it('falls back to the default settings when the stored ones are unreadable', async () => {
      await it$.tx((tx) => tx.ensureCommunity('c:bad-settings', 'Bad'));
      await it$.db.query(`UPDATE communities SET settings = '{"cadenceMinutes": "often"}'::jsonb WHERE id = $1`, [
        'c:bad-settings',
      ]);
      expect((await it$.tx((tx) => tx.ensureCommunity('c:bad-settings', ''))).settings).toEqual(DEFAULT_SETTINGS);
    });
  });

  describe('members', () => {
    const C = 'c:members';
    const OTHER = 'c:members-other';

    beforeAll(async () => {
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(C, 'Members');
        await tx.ensureCommunity(OTHER, 'Other members');
      });
    });

    it('finds nobody for an unknown person', async () => {
      expect(await it$.tx((tx) => tx.findMember(C, 'p:nobody'))).toBeNull();
    });

    it('inserts a member and reads every field back', async () => {
      const ana = aMember(C, 'p:ana', {
        displayName: 'Ana María',
        role: 'mentor',
        skills: ['pricing', 'contracts'],
        goals: [],
        timezone: 'America/Sao_Paulo',
        languages: ['pt', 'en'],
        capacity: 3,
        cadenceMinutes: 10_080,
        experienceYears: 12,
        joinedAt: new Date('2025-11-05T08:09:10.123Z'),
      });
      await it$.tx((tx) => tx.saveMember(ana));
      expect(await it$.tx((tx) => tx.findMember(C, 'p:ana'))).toEqual(ana);
    });

    it('updates the same row on a second save (upsert)', async () => {
      const before = aMember(C, 'p:bo', { role: 'mentee', skills: ['design'], experienceYears: 2 });
      await it$.tx((tx) => tx.saveMember(before));
      const after = {
        ...before,
        displayName: 'Bo Renamed',
        role: 'both' as const,
        skills: [],
        goals: ['taxes', 'clients'],
        languages: [],
        capacity: 2,
        cadenceMinutes: 60,
        experienceYears: null,
        status: 'paused' as const,
        pausedUntil: new Date('2026-04-01T00:00:00.000Z'),
        priority: true,
      };
      await it$.tx((tx) => tx.saveMember(after));

      expect(await it$.tx((tx) => tx.findMember(C, 'p:bo'))).toEqual(after);
      const rows = await selectRows(it$.db, 'SELECT 1 FROM members WHERE community_id = $1 AND id = $2', [C, 'p:bo']);
      expect(rows).toHaveLength(1);

      const resumed = { ...after, status: 'active' as const, pausedUntil: null, priority: false };
      await it$.tx((tx) => tx.saveMember(resumed));
      expect(await it$.tx((tx) => tx.findMember(C, 'p:bo'))).toEqual(resumed);
    });

    it('round-trips text arrays holding characters that need quoting', async () => {
      const awkward = [
        'C++',
        'a,b',
        'say "hi"',
        'back\\slash',
        '{braces}',
        'two words',
        'NULL',
        '',
        'ünïcödé ✓',
        "it's",
      ];
      const member = aMember(C, 'p:awkward', { skills: awkward, goals: [...awkward].reverse(), languages: ['x y'] });
      await it$.tx((tx) => tx.saveMember(member));
      expect(await it$.tx((tx) => tx.findMember(C, 'p:awkward'))).toEqual(member);
    });

    it('keeps the same person id in two communities as two separate members', async () => {
      const here = aMember(C, 'p:twin', { displayName: 'Twin here', role: 'mentor', capacity: 1 });
      const there = aMember(OTHER, 'p:twin', { displayName: 'Twin there', role: 'mentee' });
      await it$.tx(async (tx) => {
        await tx.saveMember(here);
        await tx.saveMember(there);
      });
      expect(await it$.tx((tx) => tx.findMember(C, 'p:twin'))).toEqual(here);
      expect(await it$.tx((tx) => tx.findMember(OTHER, 'p:twin'))).toEqual(there);

      await it$.tx((tx) => tx.saveMember({ ...there, displayName: 'Twin there, renamed' }));
      expect((await it$.tx((tx) => tx.findMember(C, 'p:twin')))?.displayName).toBe('Twin here');
    });

    it('does not find a member through another community', async () => {
      await it$.tx((tx) => tx.saveMember(aMember(C, 'p:only-here')));
      expect(await it$.tx((tx) => tx.findMember(OTHER, 'p:only-here'))).toBeNull();
    });

    it('lists a community’s members by join time, then id, and no one else’s', async () => {
      const L = 'c:list';
      const OTHER_L = 'c:list-other';
      const members = [
        aMember(L, 'p:late', { joinedAt: minutesAfter(30) }),
        aMember(L, 'p:b-tie', { joinedAt: minutesAfter(10) }),
        aMember(L, 'p:early', { joinedAt: minutesAfter(-60), status: 'left' }),
        aMember(L, 'p:a-tie', { joinedAt: minutesAfter(10), status: 'paused' }),
      ];
      await it$.tx(async (tx) => {
        await tx.ensureCommunity(L, '');
        await tx.ensureCommunity(OTHER_L, '');
        for (const member of members) await tx.saveMember(member);
        await tx.saveMember(aMember(OTHER_L, 'p:elsewhere', { joinedAt: minutesAfter(-600) }));
      });

      const listed = await it$.tx((tx) => tx.listMembers(L));
      expect(listed.map((m) => m.id)).toEqual(['p:early', 'p:a-tie', 'p:b-tie', 'p:late']);
      expect(listed).toEqual(expect.arrayContaining(members));
      expect(await it$.tx((tx) => tx.listMembers('c:nobody-here'))).toEqual([]);
    });

    it('rejects a member the schema forbids, and writes nothing', async () => {
      const before = await rowCounts(it$.db);
      const failure = await failureOf(
        it$.tx((tx) => tx.saveMember(aMember(C, 'p:too-many', { role: 'mentor', capacity: 21 }))),
      );
      expect(failure.code).toBe('23514');
      expect(await rowCounts(it$.db)).toEqual(before);
    });

    it('locks members, including unknown and repeated ids, without error inside a transaction', async () => {
      await it$.tx(async (tx) => {
        await tx.saveMember(aMember(C, 'p:lock-a', { joinedAt: T0 }));
        await tx.lockMembers(C, ['p:lock-a', 'p:unknown', 'p:lock-a']);
        await tx.lockMembers(C, []);
        // Still usable after locking: the lock is not a failure.
        expect(await tx.findMember(C, 'p:lock-a')).not.toBeNull();
      });
    });
  });
});
