import type { Community } from '../domain/community-settings';
import type { PersonId } from '../domain/ids';
import type { BotMessage, Reply } from '../domain/message';
import { nudgeJobId, nudgeTask, timerDueSoon, type Nudge } from '../domain/nudge';
import type { Result } from '../domain/result';
import type { CountedEvent } from '../ports/metrics';
import type { ScheduledTask } from '../ports/scheduler';
import type { StoreTx } from '../ports/store';

/** Who is asking. `isAdmin` is the platform's own say (Slack owner/admin, Discord Manage Server, shell config). */
export interface Actor {
  id: PersonId;
  displayName: string;
  isAdmin: boolean;
  /** Platform roles the person holds (Discord role ids), matched against the community's `moderator-role`. */
  roles?: string[];
}

export interface CommandContext {
  tx: StoreTx;
  community: Community;
  actor: Actor;
  now: Date;
  isModerator: boolean;
  /** The inbound event being handled (its claim must survive `forget-me`, so a replay stays a replay). */
  eventId: string;
  /** A fresh random id (anonymous ids for `forget-me`). */
  newId(): string;
  /**
   * Sets a timer once the transaction has committed (never for work that rolled back). If the process dies
   * before that, the reconciler rebuilds the timer from Postgres.
   */
  scheduleAfterCommit(id: string, at: Date, task: ScheduledTask): void;
  /** Sets (or with `cron` null, removes) a recurring timer once the transaction has committed. */
  repeatAfterCommit(id: string, cron: string | null, timezone: string, task: ScheduledTask): void;
  /** Counts an event for /metrics once the transaction has committed (never for work that rolled back). */
  countAfterCommit(event: CountedEvent): void;
}

export type UseCaseResult = Result<Reply>;

/** Creates or moves the pairing's next check-in and sets its timer. */
export async function scheduleNextCheckin(ctx: CommandContext, pairingId: number, dueAt: Date): Promise<void> {
  setNudgeTimer(ctx, await ctx.tx.setNextNudge(ctx.community.id, pairingId, dueAt));
}

/** Sets a nudge's timer after commit if it is due within the timer horizon; the reconciler sets later ones. */
export function setNudgeTimer(ctx: CommandContext, nudge: Nudge): void {
  if (timerDueSoon(nudge.dueAt, ctx.now)) ctx.scheduleAfterCommit(nudgeJobId(nudge), nudge.dueAt, nudgeTask(nudge));
}

export const privateReply = (text: string, extra: Partial<Reply> = {}): Reply => ({
  text,
  visibility: 'private',
  ...extra,
});

/** Queues a message to someone other than the actor; it is sent after the transaction commits. */
export const tell = (ctx: CommandContext, to: PersonId, message: BotMessage): Promise<void> =>
  ctx.tx.queueMessage(ctx.community.id, to, { kind: 'notice', ...message }, ctx.now);
