import type { Command } from './command';
import type { CommandContext, UseCaseResult } from './command-context';
import { block } from './use-cases/block';
import { answerNudge } from './use-cases/checkins/answer-nudge';
import { checkin } from './use-cases/checkins/checkin';
import { config } from './use-cases/config';
import { edit } from './use-cases/edit';
import { end, feedback } from './use-cases/end';
import { forgetMe } from './use-cases/forget-me';
import { goalAdd, goalDone, goalList } from './use-cases/goals';
import { help } from './use-cases/help';
import { home } from './use-cases/home';
import { join } from './use-cases/join';
import { leave } from './use-cases/leave';
import { pair, unpair } from './use-cases/pair';
import { pause, resume } from './use-cases/pause';
import { profile } from './use-cases/profile';
import { stats } from './use-cases/stats';
import { thanks } from './use-cases/thanks';
import { exportPairings } from './use-cases/export';
import { request, requestDecision } from './use-cases/request';
import { roundEdit } from './use-cases/rounds/round-edit';
import { roundPreview } from './use-cases/rounds/round-preview';
import { roundCancel, roundPublish } from './use-cases/rounds/round-publish';
import { roundSchedule } from './use-cases/rounds/round-schedule';
import { roundStatus } from './use-cases/rounds/round-status';
import { suggest } from './use-cases/suggest';

/** Routes a validated command to its use case. */
export function executeCommand(ctx: CommandContext, command: Command): Promise<UseCaseResult> {
  switch (command.name) {
    case 'help':
      return help(ctx);
    case 'home':
      return home(ctx);
    case 'join':
      return join(ctx, command.role, command.profile);
    case 'edit':
      return edit(ctx, command.profile);
    case 'profile':
      return profile(ctx, command.subject);
    case 'pause':
      return pause(ctx, command.until);
    case 'resume':
      return resume(ctx);
    case 'leave':
      return leave(ctx);
    case 'forget-me':
      return forgetMe(ctx, command.confirmed);
    case 'block':
      return block(ctx, command.subject);
    case 'checkin':
      return checkin(ctx, command.partner, command.note);
    case 'goal-add':
      return goalAdd(ctx, command.partner, command.text);
    case 'goal-done':
      return goalDone(ctx, command.partner, command.number);
    case 'goals':
      return goalList(ctx, command.partner);
    case 'thanks':
      return thanks(ctx, command.subject, command.message);
    case 'end':
      return end(ctx, command.partner, command.reason);
    case 'feedback':
      return feedback(ctx, command.pairingId, command.rating, command.text);
    case 'pair':
      return pair(ctx, command.mentor, command.mentee, command.force);
    case 'unpair':
      return unpair(ctx, command.mentor, command.mentee);
    case 'config':
      return config(ctx, command.key, command.value);
    case 'stats':
      return stats(ctx);
    case 'export':
      return exportPairings(ctx);
    case 'nudge-answer':
      return answerNudge(ctx, command.nudgeId, command.answer);
    case 'suggest':
      return suggest(ctx);
    case 'request':
      return request(ctx, command.mentor);
    case 'request-decision':
      return requestDecision(ctx, command.requestId, command.accept);
    case 'round':
      return { preview: roundPreview, publish: roundPublish, cancel: roundCancel, status: roundStatus }[command.action](
        ctx,
      );
    case 'round-edit':
      return roundEdit(ctx, command.action, command.people);
    case 'round-schedule':
      return roundSchedule(ctx, command.cron);
  }
}
