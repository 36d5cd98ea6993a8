import { plural } from '../../../domain/plural';
import { ok } from '../../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../../command-context';
import { moderatorOnly } from '../require-member';
import { describeRun, nextRuns } from './round-schedule';

export async function roundStatus(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'round status');
  if (!allowed.ok) return allowed;
  const { settings } = ctx.community;
  const round = await ctx.tx.latestRound(ctx.community.id);
  const lines: string[] = [];
  if (!round) lines.push('No rounds yet; `/mentor round preview` drafts the first one.');
  else {
    const { draft } = round;
    const state = { draft: 'is a draft waiting for review', published: 'was published', cancelled: 'was cancelled' }[
      round.status
    ];
    lines.push(
      `Round ${round.id} ${state}: ${plural(draft.pairs.length, 'pair')}, ${draft.unmatched.length} unmatched, ${draft.excluded.length} excluded, total score ${draft.totalScore.toFixed(2)}, ${draft.proof}.`,
    );
  }
  if (settings.roundSchedule) {
    const next = nextRuns(settings.roundSchedule, settings.timezone, ctx.now, 1);
    const when = next.ok ? `; next ${describeRun(next.value[0]!, settings.timezone)}` : '';
    lines.push(
      `Schedule: \`${settings.roundSchedule}\` in ${settings.timezone}${when}${settings.autoPublish ? ', published automatically' : ''}.`,
    );
  } else {
    lines.push('No automatic schedule; set one with `/mentor round schedule 0 10 * * 1#1`.');
  }
  return ok(privateReply(lines.join('\n')));
}
