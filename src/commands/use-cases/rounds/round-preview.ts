import { ok } from '../../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../../command-context';
import { moderatorOnly } from '../require-member';
import { computeDraft, lockedPairs } from './compute-draft';
import { renderDraft } from './render-draft';

/** Computes the draft now (keeping an open draft's locks and exclusions) and shows it. Nothing is published. */
export async function roundPreview(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'round preview');
  if (!allowed.ok) return allowed;
  const open = await ctx.tx.lockDraftRound(ctx.community.id);
  const draft = await computeDraft(ctx, open ? lockedPairs(open.draft) : [], open?.draft.excluded ?? []);
  const round = await ctx.tx.saveDraftRound(ctx.community.id, draft, ctx.actor.id, ctx.now);
  await ctx.tx.audit(
    ctx.community.id,
    ctx.actor.id,
    'round preview',
    { roundId: round.id, pairs: draft.pairs.length },
    ctx.now,
  );
  const message = renderDraft(round);
  return ok(privateReply(message.text, message.actions ? { actions: message.actions } : {}));
}
