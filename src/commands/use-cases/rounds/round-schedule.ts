import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import { fail, ok, type Result } from '../../../domain/result';
import type { ScheduledTask } from '../../../ports/scheduler';
import { privateReply, type CommandContext, type UseCaseResult } from '../../command-context';
import { moderatorOnly } from '../require-member';

export const roundJobId = (communityId: string): string => `round:${communityId}`;
const roundTask = (communityId: string): ScheduledTask => ({ type: 'round', communityId });

/** The next `count` times a schedule fires, in the community's time zone. */
export function nextRuns(cron: string, timezone: string, from: Date, count: number): Result<Date[]> {
  try {
    const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
    return ok(Array.from({ length: count }, () => expression.next().toDate()));
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\.$/, '').toLowerCase() : 'not understood';
    return fail(
      'invalid_cron',
      `"${cron}" is not a cron schedule (${detail}); use five fields, e.g. 0 10 * * 1#1 for the first Monday at 10:00.`,
    );
  }
}

export const describeRun = (at: Date, timezone: string): string =>
  DateTime.fromJSDate(at, { zone: timezone }).toFormat("cccc d LLLL yyyy 'at' HH:mm");

/** Stores when automatic rounds are drafted (in the community's time zone); `off` stops them. */
export async function roundSchedule(ctx: CommandContext, cron: string | null): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'round schedule');
  if (!allowed.ok) return allowed;
  const { settings } = ctx.community;
  if (cron === null) {
    await ctx.tx.saveSettings(ctx.community.id, { ...settings, roundSchedule: null });
    ctx.repeatAfterCommit(roundJobId(ctx.community.id), null, settings.timezone, roundTask(ctx.community.id));
    await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'round schedule', { cron: null }, ctx.now);
    return ok(privateReply('Automatic rounds are off; run one with `/mentor round preview` whenever you like.'));
  }
  if (cron.trim().split(/\s+/).length !== 5) {
    return fail(
      'invalid_cron',
      `"${cron}" must have five fields (minute hour day-of-month month day-of-week), e.g. 0 10 * * 1#1.`,
    );
  }
  const runs = nextRuns(cron, settings.timezone, ctx.now, 2);
  if (!runs.ok) return runs;
  await ctx.tx.saveSettings(ctx.community.id, { ...settings, roundSchedule: cron });
  ctx.repeatAfterCommit(roundJobId(ctx.community.id), cron, settings.timezone, roundTask(ctx.community.id));
  await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'round schedule', { cron }, ctx.now);
  const when = runs.value.map((at) => describeRun(at, settings.timezone)).join(', then ');
  return ok(privateReply(`Round schedule saved: \`${cron}\` in ${settings.timezone}; next drafts ${when}.`));
}
