import { postgresStore } from '../../../db/postgres-store';
import { EVENT_RETENTION_MS, reconcileTimers } from '../../../src/delivery/reconcile-timers';
import type { Store } from '../../../src/ports/store';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

describe('the reconciler', () => {
  let database: TestDatabase;
  let store: Store;
  const clock = testClock(new Date('2026-03-10T12:00:00Z'));

  beforeAll(async () => {
    database = await createPgliteDatabase();
    store = postgresStore(database.db);
  });
  afterAll(() => database.dispose());

  it('sets a timer for every check-in within the horizon, removes stale ones, registers round schedules and itself', async () => {
    await database.db.exec(`
      INSERT INTO communities (id, name, settings) VALUES ('c1', 'C', '{"roundSchedule": "0 10 * * 1", "timezone": "Europe/Berlin"}');
      INSERT INTO pairings (community_id, mentor_id, mentee_id, source, cadence_minutes, started_at)
        VALUES ('c1', 'a', 'b', 'manual', 10080, now()), ('c1', 'c', 'd', 'manual', 10080, now());
      INSERT INTO checkin_nudges (pairing_id, community_id, due_at)
        VALUES (1, 'c1', '2026-03-10T12:10:00Z'), (2, 'c1', '2026-03-17T12:00:00Z');`);
    const scheduler = recordingScheduler();
    await scheduler.schedule('nudge:99:0', new Date(), {
      type: 'nudge',
      communityId: 'c1',
      nudgeId: 99,
      generation: 0,
    });
    await scheduler.repeat('round:gone', '0 10 * * 1', 'UTC', { type: 'round', communityId: 'gone' });
    const report = await reconcileTimers({ store, scheduler, logger: silentLogger(), clock });
    expect(report).toMatchObject({ nudgesAdded: 1, timersRemoved: 2, roundSchedules: 1 });
    // The check-in in 10 minutes has its timer; the one a week away waits in Postgres.
    expect([...scheduler.timers.entries()]).toEqual([
      [
        'nudge:1:0',
        { at: new Date('2026-03-10T12:10:00Z'), task: { type: 'nudge', communityId: 'c1', nudgeId: 1, generation: 0 } },
      ],
    ]);
    expect([...scheduler.repeating.keys()].sort()).toEqual(['reconcile', 'round:c1']);
    expect(scheduler.repeating.get('round:c1')).toMatchObject({ cron: '0 10 * * 1', timezone: 'Europe/Berlin' });

    // A run once the second comes within the horizon sets its timer too, and keeps the first.
    clock.set(new Date('2026-03-17T11:50:00Z'));
    expect(await reconcileTimers({ store, scheduler, logger: silentLogger(), clock })).toMatchObject({
      nudgesAdded: 1,
      timersRemoved: 0,
    });
    expect([...scheduler.timers.keys()].sort()).toEqual(['nudge:1:0', 'nudge:2:0']);
  });

  it('forgets processed events older than a day, keeping recent ones', async () => {
    const old = new Date(clock.now().getTime() - EVENT_RETENTION_MS - 60_000);
    await database.db.query(
      `INSERT INTO processed_events (community_id, event_id, actor_id, reply, processed_at)
       VALUES ('c1', 'old', 'a', '{}', $1), ('c1', 'new', 'a', '{}', $2)`,
      [old, clock.now()],
    );
    const report = await reconcileTimers({ store, scheduler: recordingScheduler(), logger: silentLogger(), clock });
    expect(report.eventsPruned).toBe(1);
    const left = await database.db.query('SELECT event_id FROM processed_events');
    expect(left.rows).toEqual([{ event_id: 'new' }]);
  });
});
