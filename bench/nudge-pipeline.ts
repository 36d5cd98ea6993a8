import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { createBenchDatabase, deleteRedisKeys, REDIS_URL, SERVER_URL } from './bench-processes';
import { migrate } from '../db/migrate';
import { openPgDatabase } from '../db/pg-database';
import { postgresStore } from '../db/postgres-store';
import type { SqlDatabase } from '../db/sql-client';
import { bullmqOutbound } from '../jobs/bullmq-outbound';
import { bullmqScheduler } from '../jobs/bullmq-scheduler';
import type { CoreDeps } from '../src/commands/run-in-context';
import type { BotMessage } from '../src/domain/message';
import { reconcileTimers } from '../src/delivery/reconcile-timers';
import { scheduledTaskRunner } from '../src/delivery/scheduled-task-runner';
import { systemClock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';

export const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

export interface Delivery {
  /** Milliseconds after the due time each nudge reached the messenger. */
  lateness: number[];
  /** Wall time from the first due time to the last delivery. */
  spanMs: number;
}

export interface OurDelivery extends Delivery {
  /** How long the reconciler took to set every timer from Postgres. */
  scheduleMs: number;
  /**
   * Timers still waiting in Redis at the last delivery: batches took their nudges from Postgres first, and
   * each finds its nudge settled when it fires. That clean-up comes after and delays no nudge.
   */
  timersLeft: number;
}

/** A fresh database with one community and `count` active pairings whose check-ins fall due at `dueAt(i)`. */
export async function seedDatabase(
  count: number,
  dueAt: (i: number) => Date,
): Promise<{ db: SqlDatabase; drop(): Promise<void> }> {
  const database = await createBenchDatabase(SERVER_URL);
  if (process.env.LOGSQL) {
    // Before the pool opens: the setting applies to connections made after it.
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${database.name} SET log_min_duration_statement = 0`).finally(() => admin.end());
  }
  const db = openPgDatabase(database.url, { max: 20 });
  await migrate(db);
  // Quiet hours off and mentors only, so each nudge is exactly one message, like one bare job.
  await db.query(`INSERT INTO communities (id, name, settings) VALUES ('bench', 'Bench', $1)`, [
    JSON.stringify({ quietHours: null, nudgeMentee: false }),
  ]);
  await db.query(
    `INSERT INTO members (community_id, id, display_name, role, skills, goals, timezone, capacity, cadence_minutes)
     SELECT 'bench', r || i, r || i, CASE r WHEN 'm' THEN 'mentor' ELSE 'mentee' END,
            '{pricing}', '{pricing}', 'Europe/Berlin', CASE r WHEN 'm' THEN 1 ELSE 0 END, 10080
     FROM generate_series(1, $1) i, unnest(ARRAY['m', 'e']) r`,
    [count],
  );
  await db.query(
    `INSERT INTO pairings (community_id, mentor_id, mentee_id, source, cadence_minutes, started_at)
     SELECT 'bench', 'm' || i, 'e' || i, 'manual', 10080, now() FROM generate_series(1, $1) i`,
    [count],
  );
  const due = Array.from({ length: count }, (_, i) => dueAt(i).toISOString());
  await db.query(
    `INSERT INTO checkin_nudges (pairing_id, community_id, due_at)
     SELECT p.id, 'bench', d.due::timestamptz FROM pairings p JOIN unnest($1::text[]) WITH ORDINALITY d(due, n) ON d.n = p.id`,
    [due],
  );
  // A bulk load is followed by statistics (autovacuum would take them within a minute).
  await db.query('ANALYZE');
  return {
    db,
    async drop() {
      await db.close();
      await database.drop();
    },
  };
}

/**
 * Our whole pipeline, as shipped (default concurrency and batch sizes): Postgres rows -> the reconciler sets
 * one BullMQ timer per nudge -> fired timers wake a batch that claims due nudge rows and queues their
 * messages in the outbox in one transaction -> this worker sends them (the outbound) -> a no-op messenger.
 */
export async function runOurPipeline(count: number, dueAt: (i: number) => Date): Promise<OurDelivery> {
  const seeded = await seedDatabase(count, dueAt);
  const store = postgresStore(seeded.db);
  const prefix = `mbbench-${randomUUID().slice(0, 8)}`;
  const lateness: number[] = [];
  let last = 0;
  const dueById = new Map<number, number>();
  const messenger = {
    async send(_to: string, message: BotMessage) {
      const id = Number(/^nudge (\d+) /.exec(message.actions?.[0]?.command ?? '')?.[1]);
      const now = Date.now();
      lateness.push(now - dueById.get(id)!);
      last = now;
    },
  };
  const scheduler = bullmqScheduler({ connection: REDIS_URL, prefix, logger: quiet });
  const outbound = bullmqOutbound({
    connection: REDIS_URL,
    prefix,
    store,
    messenger,
    clock: systemClock,
    logger: quiet,
    maxPerSecond: 1_000_000,
  });
  const deps: CoreDeps = {
    store,
    clock: systemClock,
    logger: quiet,
    scheduler,
    newId: randomUUID,
    afterCommit: () => void outbound.kick(),
  };
  for (const n of await store.scheduledNudges()) dueById.set(n.id, n.dueAt.getTime());
  const scheduleStart = Date.now();
  await reconcileTimers(deps);
  const scheduleMs = Date.now() - scheduleStart;
  await outbound.start();
  await scheduler.start(scheduledTaskRunner(deps, outbound));
  await waitUntil(() => lateness.length >= count);
  const timersLeft = (await scheduler.pendingIds()).size;
  await scheduler.stop();
  await outbound.stop();
  await seeded.drop();
  // Leaves the shared Redis as it was: the timers that were still to fire, and the queues' own keys.
  await deleteRedisKeys(REDIS_URL, prefix);
  const first = Math.min(...dueById.values());
  return { lateness, spanMs: last - first, scheduleMs, timersLeft };
}

export async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await sleep(20);
}
