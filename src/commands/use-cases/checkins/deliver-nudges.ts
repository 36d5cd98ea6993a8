import { isAvailable, type Recipient } from '../../../domain/member';
import type { Nudge } from '../../../domain/nudge';
import type { Pairing } from '../../../domain/pairing';
import { deliveryTime } from '../../../domain/quiet-hours';
import { ok, type Result } from '../../../domain/result';
import type { OutgoingMessage, PendingMessage } from '../../../ports/store';
import { setNudgeTimer, type CommandContext } from '../../command-context';
import { tellModerators } from '../tell-moderators';
import { atRiskMessage, nudgeMessage, stillOnMessage } from './nudge-messages';

export type NudgeOutcome = 'sent' | 'stale' | 'postponed' | 'ended';

/** A fired nudge timer: which nudge, in which generation (a moved nudge has a new one). */
export interface NudgeTimer {
  nudgeId: number;
  generation: number;
}

/**
 * What a batch did: an outcome per fired timer, in order, every nudge timer it settled (fired or not), the
 * messages it claimed for the caller to send once committed (with `claimUntil`), and whether it took as many
 * due nudges as `alsoDue` allows (then more are probably waiting).
 */
export interface DeliveredNudges {
  outcomes: NudgeOutcome[];
  settled: NudgeTimer[];
  claimed: PendingMessage[];
  moreDue: boolean;
}

const MINUTE = 60_000;

/**
 * Nudge timers of one community fired; outcomes come back in the order of `timers`. Each nudge row is
 * claimed first (locked, and only while still scheduled in the same generation), so a timer firing twice,
 * or a worker retried after a crash, sends it once. The previous unanswered nudge counts as missed; enough
 * misses ask "still on?", more flag the pairing at risk. Each recipient gets it in their own working hours
 * (the message waits in the outbox until then). Timers that fire together are delivered together, with a
 * fixed number of statements per batch rather than per nudge. With `claimUntil`, the messages that may go
 * at once are claimed for the caller, who sends them after the commit instead of waking the queue.
 */
export async function deliverNudges(
  ctx: CommandContext,
  timers: NudgeTimer[],
  options: { alsoDue?: number; claimUntil?: Date } = {},
): Promise<Result<DeliveredNudges>> {
  const { tx, community, now } = ctx;
  // One nudge can have an outdated timer and its current one in the same batch: match id and generation.
  const timerKeys = new Set(timers.map(timerKey));
  const fired = (await tx.lockNudges(community.id, unique(timers.map((t) => t.nudgeId)))).filter(
    (n) => n.status === 'scheduled' && timerKeys.has(timerKey({ nudgeId: n.id, generation: n.generation })),
  );
  const firedIds = new Set(fired.map((n) => n.id));
  // Nudges already due whose timers have not fired yet (a burst) go in this batch too; rows another
  // worker's batch holds are skipped, not waited for. Their own timers then find them done.
  const alsoDue = options.alsoDue ? await tx.lockDueNudges(community.id, now, options.alsoDue) : [];
  const due = [...fired, ...alsoDue.filter((n) => !firedIds.has(n.id))];
  const dueGeneration = new Map(due.map((n) => [n.id, n.generation]));
  const pairings = byKey(
    await tx.findPairingsToNudge(community.id, unique(due.map((n) => n.pairingId))),
    (p) => p.pairing.id,
  );
  const outcomes = new Map<number, NudgeOutcome>();
  const next: { pairingId: number; dueAt: Date }[] = [];
  const toSend: { nudge: Nudge; pairing: Pairing; recipients: Recipient[] }[] = [];
  for (const nudge of due) {
    const { pairing, mentor, mentee } = pairings.get(nudge.pairingId) ?? {};
    if (!pairing || pairing.status !== 'active') {
      outcomes.set(nudge.id, 'ended');
      continue;
    }
    const paused = [mentor, mentee].find((m) => m && !isAvailable(m, now));
    if (paused) {
      // Busy season: nobody is chased while paused; the check-in waits for the pause to end.
      outcomes.set(nudge.id, 'postponed');
      next.push({ pairingId: pairing.id, dueAt: paused.pausedUntil ?? addMinutes(now, pairing.cadenceMinutes) });
      continue;
    }
    outcomes.set(nudge.id, 'sent');
    // The mentor always; the mentee too if the community says so. One who left gets nothing.
    const recipients = [mentor, community.settings.nudgeMentee ? mentee : null];
    toSend.push({ nudge, pairing, recipients: recipients.filter((m): m is Recipient => !!m) });
    next.push({ pairingId: pairing.id, dueAt: addMinutes(nudge.dueAt, pairing.cadenceMinutes) });
  }
  await tx.markNudges(
    due.filter((n) => outcomes.get(n.id) === 'ended').map((n) => n.id),
    'cancelled',
    now,
  );
  const missed = await countMisses(
    ctx,
    toSend.map((s) => s.pairing),
  );
  const messages: OutgoingMessage[] = [];
  for (const { nudge, pairing, recipients } of toSend) {
    const misses = missed.get(pairing.id) ?? pairing.missedCheckins;
    for (const member of recipients) {
      const message =
        misses >= community.settings.missesBeforeAsk
          ? stillOnMessage(nudge, pairing, member.id, misses)
          : nudgeMessage(nudge, pairing, member.id);
      const when = deliveryTime(now, member.timezone, community.settings.quietHours);
      messages.push({ to: member.id, message, notBefore: when > now ? when : undefined });
    }
  }
  const claimed = await tx.queueMessages(community.id, messages, now, options.claimUntil);
  await tx.markNudges(
    toSend.map((s) => s.nudge.id),
    'sent',
    now,
  );
  for (const nudge of await tx.setNextNudges(community.id, next)) setNudgeTimer(ctx, nudge);
  return ok({
    outcomes: timers.map((t) =>
      dueGeneration.get(t.nudgeId) === t.generation ? (outcomes.get(t.nudgeId) ?? 'stale') : 'stale',
    ),
    settled: due.map((n) => ({ nudgeId: n.id, generation: n.generation })),
    claimed,
    moreDue: options.alsoDue !== undefined && alsoDue.length >= options.alsoDue,
  });
}

/**
 * Closes each pairing's previous nudge if nobody answered it, and flags pairings whose misses reach the
 * limit. Returns the new miss counts of the pairings that missed one.
 */
async function countMisses(ctx: CommandContext, pairings: Pairing[]): Promise<Map<number, number>> {
  const open = await ctx.tx.openNudges(pairings.map((p) => p.id));
  await ctx.tx.markNudges(
    open.map((n) => n.id),
    'missed',
    ctx.now,
  );
  const missed = await ctx.tx.addMissedCheckins(open.map((n) => n.pairingId));
  for (const pairing of pairings) {
    const count = missed.get(pairing.id);
    if (count === undefined || count < ctx.community.settings.missesBeforeAtRisk || pairing.atRisk) continue;
    await ctx.tx.setAtRisk(pairing.id);
    await tellModerators(ctx, atRiskMessage(pairing, count));
    await ctx.tx.audit(
      ctx.community.id,
      ctx.actor.id,
      'pairing at risk',
      { pairingId: pairing.id, missed: count },
      ctx.now,
    );
  }
  return missed;
}

/** One string per (nudge, generation): how a timer is recognised. */
export const timerKey = (t: NudgeTimer): string => `${t.nudgeId}:${t.generation}`;
const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * MINUTE);
const unique = <T>(items: T[]): T[] => [...new Set(items)];
const byKey = <T, K>(items: T[], key: (item: T) => K): Map<K, T> => new Map(items.map((item) => [key(item), item]));
