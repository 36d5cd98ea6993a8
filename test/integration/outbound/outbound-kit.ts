import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { postgresStore } from '../../../db/postgres-store';
import { bullmqOutbound, type BullmqOutboundOptions } from '../../../jobs/bullmq-outbound';
import type { BotMessage } from '../../../src/domain/message';
import { systemClock } from '../../../src/ports/clock';
import type { Messenger } from '../../../src/ports/messenger';
import type { Outbound } from '../../../src/ports/outbound';
import type { PendingMessage, Store } from '../../../src/ports/store';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

/** The shared development/CI Redis (ENGINEERING.md); tests only touch keys under their own prefix. */
export const SHARED_REDIS = { host: '127.0.0.1', port: 6379 };
/** The queue name `jobs/bullmq-outbound.ts` uses; needed only to look at job states. */
export const OUTBOUND_QUEUE = 'mentor-bot-outbound';

export interface Call {
  to: string;
  text: string;
  /** Date.now() when the messenger was called. */
  at: number;
  /** Whether the messenger accepted the message (false: it threw). */
  ok: boolean;
}

/**
 * A messenger that records every call and can fail per recipient: a rule gets the recipient's attempt number
 * (1 for the first call) and throws to fail that call. Rules may be async (to look at the outbox mid-retry).
 */
export class FakeMessenger implements Messenger {
  readonly calls: Call[] = [];
  private readonly rules = new Map<string, (attempt: number) => void | Promise<void>>();

  on(to: string, rule: (attempt: number) => void | Promise<void>): this {
    this.rules.set(to, rule);
    return this;
  }

  async send(to: string, message: BotMessage): Promise<void> {
    const call: Call = { to, text: message.text, at: Date.now(), ok: false };
    this.calls.push(call);
    await this.rules.get(to)?.(this.callsTo(to).length);
    call.ok = true;
  }

  callsTo(to: string): Call[] {
    return this.calls.filter((call) => call.to === to);
  }

  get delivered(): Call[] {
    return this.calls.filter((call) => call.ok);
  }

  /** How many times each recipient's message was accepted. */
  deliveredCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.delivered) counts[call.to] = (counts[call.to] ?? 0) + 1;
    return counts;
  }
}

export interface OutboxRow {
  id: number;
  recipient_id: string;
  attempts: number;
  failed_at: Date | null;
  failure: string | null;
}

export interface OutboxDatabase {
  database: TestDatabase;
  store: Store;
  /** Empties the outbox (ids start at 1 again). */
  reset(): Promise<void>;
  /** Queues `hi <to>` for `to`, as a command's transaction would; resolves to the outbox id. */
  queue(to: string, notBefore?: Date): Promise<number>;
  /** Queues `hi <to>` for each, claimed until `claimUntil` as a nudge batch does; resolves to what it claimed. */
  queueClaimed(to: string[], claimUntil: Date): Promise<PendingMessage[]>;
  rows(): Promise<OutboxRow[]>;
  row(to: string): Promise<OutboxRow | undefined>;
}

/** One PGlite database per test file, holding the outbox. */
export async function openOutboxDatabase(): Promise<OutboxDatabase> {
  const database = await createPgliteDatabase();
  const store = postgresStore(database.db);
  const rows = async () =>
    (
      await database.db.query<OutboxRow>(
        'SELECT id, recipient_id, attempts, failed_at, failure FROM outbox ORDER BY id',
      )
    ).rows;
  return {
    database,
    store,
    async reset() {
      await database.db.query('TRUNCATE outbox RESTART IDENTITY CASCADE');
    },
    async queue(to, notBefore) {
      await store.transaction((tx) =>
        tx.ensureCommunity('c', 'C').then(() => tx.queueMessage('c', to, { text: `hi ${to}` }, new Date(), notBefore)),
      );
      const { rows: ids } = await database.db.query<{ id: number }>(
        'SELECT max(id)::int AS id FROM outbox WHERE recipient_id = $1',
        [to],
      );
      return ids[0]!.id;
    },
    queueClaimed: (to, claimUntil) =>
      store.transaction(async (tx) => {
        await tx.ensureCommunity('c', 'C');
        const messages = to.map((person) => ({ to: person, message: { text: `hi ${person}` } }));
        return tx.queueMessages('c', messages, new Date(), claimUntil);
      }),
    rows,
    row: async (to) => (await rows()).find((row) => row.recipient_id === to),
  };
}

/**
 * Builds BullMQ outbounds under fresh prefixes below one per-file root, remembers them for `stopAll`, and
 * deletes every key below the root in `cleanup`. A fresh prefix per test keeps one test's pause or wake-ups
 * from reaching the next.
 */
export function bullmqOutbounds(connection: BullmqOutboundOptions['connection'] = SHARED_REDIS) {
  const root = `mbout-${randomUUID()}`;
  const open: Outbound[] = [];
  let prefix = root;
  return {
    root,
    get prefix() {
      return prefix;
    },
    /** Starts a new prefix: outbounds made after this share it. */
    freshPrefix(): string {
      prefix = `${root}-${randomUUID().slice(0, 8)}`;
      return prefix;
    },
    create(
      store: Store,
      messenger: Messenger,
      extra: Partial<Omit<BullmqOutboundOptions, 'store' | 'messenger' | 'prefix' | 'connection'>> = {},
    ): Outbound {
      const outbound = bullmqOutbound({
        connection,
        prefix,
        store,
        messenger,
        clock: systemClock,
        logger: silentLogger(),
        backoffMs: 50,
        ...extra,
      });
      open.push(outbound);
      return outbound;
    },
    async stopAll(): Promise<void> {
      await Promise.all(open.splice(0).map((outbound) => outbound.stop()));
    },
    async cleanup(): Promise<void> {
      await this.stopAll();
      // Two calls, as ioredis's overloads take a URL or options but not the union.
      const redis = typeof connection === 'string' ? new Redis(connection) : new Redis(connection);
      try {
        await deleteKeys(redis, `${root}*`);
      } finally {
        await redis.quit();
      }
    },
  };
}

/** Deletes every key matching `pattern` (SCAN, never KEYS or FLUSHALL: the shared server has others' keys). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
