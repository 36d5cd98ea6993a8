import { isConfiguredModerator } from '../domain/community-settings';
import type { CommunityId } from '../domain/ids';
import type { Failure, Result } from '../domain/result';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { noopMetrics, type CountedEvent, type Metrics } from '../ports/metrics';
import type { Scheduler, TimerRequest } from '../ports/scheduler';
import type { PendingMessage, Store, StoreTx } from '../ports/store';
import { claimUntil } from '../delivery/outbox-deliverer';
import type { Actor, CommandContext } from './command-context';

/** The part of the scheduler that work may ask for; timers are set after the transaction commits. */
export type TimerSetter = Pick<Scheduler, 'scheduleAll' | 'repeat' | 'stopRepeating'>;

/** What every unit of core work needs: the ports, injected. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  scheduler: Scheduler;
  newId(): string;
  /** Called after work that queued messages committed, so they go out promptly. */
  afterCommit?(): void;
  /**
   * When given, the messages work queues are claimed as they are written (StoreTx.queueMessages with
   * `claimUntil`) and handed here after the commit, for this process to send at once (Outbound.handOff)
   * instead of waking the queue; a message that must wait (quiet hours) still wakes it.
   */
  handOff?(claimed: PendingMessage[]): void;
  /** Counters for /metrics; absent means nothing is counted (tests, the local shell). */
  metrics?: Metrics;
}

/** What one transaction of work needs: the core's ports, with only the timer-setting part of the scheduler. */
export type ContextDeps = Omit<CoreDeps, 'scheduler'> & { scheduler: TimerSetter };

export interface ContextRequest {
  communityId: CommunityId;
  /** The workspace or server name, kept for display; '' leaves the stored one. */
  communityName: string;
  actor: Actor;
  /** An inbound event id to process at most once; absent for timer-driven work (idempotent by its own rows). */
  eventId?: string;
}

/**
 * The transaction, calling `onQueue` when work leaves a message in the outbox for the queue to send. With
 * `claimUntil`, every message is written through queueMessages claimed (see StoreTx.queueMessages) and the
 * claimed ones go to `onClaim`; they need no wake-up.
 */
function noticingMessages(
  tx: StoreTx,
  onQueue: () => void,
  claiming?: { claimUntil: Date; onClaim(claimed: PendingMessage[]): void },
): StoreTx {
  // Work that claims messages itself (a nudge batch) also sends them itself.
  const queueMessages: StoreTx['queueMessages'] = async (communityId, messages, at, ownClaim) => {
    const claimed = await tx.queueMessages(communityId, messages, at, ownClaim ?? claiming?.claimUntil);
    if (claimed.length < messages.length) onQueue();
    if (!ownClaim) claiming?.onClaim(claimed);
    return claimed;
  };
  return {
    ...tx,
    async queueMessage(communityId, to, message, at, notBefore) {
      if (!claiming) {
        onQueue();
        return tx.queueMessage(communityId, to, message, at, notBefore);
      }
      await queueMessages(communityId, [{ to, message, notBefore }], at);
    },
    queueMessages,
  };
}

/** Carries an expected failure out of the transaction so that nothing it wrote is kept. */
class RolledBack extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export type ContextOutcome<T> = { ok: true; value: T } | { ok: true; duplicate: true } | Failure;

/**
 * Runs `work` in one transaction with a command context. An expected failure rolls everything back; timers
 * asked for are set only after the commit.
 */
export async function runInContext<T>(
  deps: ContextDeps,
  request: ContextRequest,
  work: (ctx: CommandContext) => Promise<Result<T>>,
): Promise<ContextOutcome<T>> {
  // Timer changes wait for the commit: work that rolled back must not leave a timer behind.
  const oneOffs: TimerRequest[] = [];
  const timers: ((scheduler: TimerSetter) => Promise<void>)[] = [];
  // Counted after the commit too: a rolled-back or retried transaction must not count twice.
  const counted: CountedEvent[] = [];
  // Only work that queued messages wakes the outbound queue: most commands only answer the person asking.
  let queued = false;
  const claimed: PendingMessage[] = [];
  try {
    const value = await deps.store.transaction(async (storeTx) => {
      oneOffs.length = 0;
      timers.length = 0;
      counted.length = 0;
      queued = false;
      claimed.length = 0;
      const claiming = deps.handOff && {
        claimUntil: claimUntil(deps.clock.now()),
        onClaim: (messages: PendingMessage[]) => void claimed.push(...messages),
      };
      const tx = noticingMessages(storeTx, () => (queued = true), claiming);
      const { communityId, communityName, eventId, actor } = request;
      const community = eventId
        ? await tx.claimEvent(communityId, eventId, actor.id, communityName)
        : await tx.ensureCommunity(communityId, communityName);
      if (!community) return { duplicate: true as const };
      const ctx: CommandContext = {
        tx,
        community,
        actor: request.actor,
        now: deps.clock.now(),
        isModerator:
          request.actor.isAdmin || isConfiguredModerator(community.settings, request.actor.id, request.actor.roles),
        eventId: request.eventId ?? '',
        newId: deps.newId,
        scheduleAfterCommit: (id, at, task) => oneOffs.push({ id, at, task }),
        repeatAfterCommit: (id, cron, timezone, task) =>
          timers.push((s) => (cron === null ? s.stopRepeating(id) : s.repeat(id, cron, timezone, task))),
        countAfterCommit: (event) => counted.push(event),
      };
      const outcome = await work(ctx);
      if (!outcome.ok) throw new RolledBack(outcome);
      return { value: outcome.value };
    });
    if ('duplicate' in value) return { ok: true, duplicate: true };
    if (oneOffs.length > 0) timers.unshift((s) => s.scheduleAll(oneOffs));
    for (const setTimer of timers) {
      // A timer that cannot be set now is rebuilt by the reconciler from Postgres; the work itself is done.
      await setTimer(deps.scheduler).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'could not set a timer; the reconciler will');
      });
    }
    const metrics = deps.metrics ?? noopMetrics;
    for (const event of counted) metrics[event]();
    if (claimed.length > 0) deps.handOff?.(claimed);
    if (queued) deps.afterCommit?.();
    return { ok: true, value: value.value };
  } catch (error) {
    if (error instanceof RolledBack) return error.failure;
    throw error;
  }
}
