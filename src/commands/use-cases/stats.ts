import { plural } from '../../domain/plural';
import { ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { moderatorOnly } from './require-member';

const percent = (share: number | null): string => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);

/** Aggregates only: moderators never see notes or feedback text. */
export async function stats(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'stats');
  if (!allowed.ok) return allowed;
  const s = await ctx.tx.stats(ctx.community.id, ctx.now);
  const lines = [
    `*Members*: ${s.members} (${plural(s.mentors, 'mentor')}, ${plural(s.mentees, 'mentee')}, ${s.paused} paused)`,
    `*Pairs*: ${s.activePairs} active, ${s.atRiskPairs} at risk, ${s.endedPairs} ended`,
    `*Check-ins*: ${s.checkInsLast30Days} in the last 30 days; ${percent(s.checkInCompletion)} of active pairs checked in within their cadence`,
    `*Satisfaction*: ${s.averageRating === null ? 'no ratings yet' : `${s.averageRating.toFixed(1)} / 5 from ${plural(s.ratings, 'rating')}`} · ${s.thanks} thanks`,
  ];
  return ok(privateReply(lines.join('\n')));
}
