import { mention, type PersonId } from '../../../domain/ids';
import type { Round } from '../../../domain/round';
import { fail, ok, type Result } from '../../../domain/result';
import { buildScoringModel } from '../../../matching/scoring-model';
import type { ForcedPair } from '../../../matching/types';
import type { RoundEdit } from '../../command';
import { privateReply, type CommandContext, type UseCaseResult } from '../../command-context';
import { moderatorOnly } from '../require-member';
import { buildMatchPool } from './build-match-pool';
import { computeDraft, lockedPairs } from './compute-draft';
import { renderDraft } from './render-draft';

const NO_DRAFT = 'There is no draft round to change; start one with `/mentor round preview`.';

/**
 * A pair a moderator places by hand must still pass the hard rules (the matcher trusts locked pairs), and a
 * mentor may not be locked past their free slots.
 */
async function checkManualPairs(
  ctx: CommandContext,
  round: Round,
  wanted: ForcedPair[],
  locks: ForcedPair[],
): Promise<Result<true>> {
  const { pool } = await buildMatchPool(ctx, round.draft.excluded);
  const model = buildScoringModel(pool);
  for (const { mentor, mentee } of wanted) {
    const j = pool.mentors.findIndex((m) => m.id === mentor);
    const i = pool.mentees.findIndex((e) => e.id === mentee);
    if (j < 0) return fail('not_in_round', `${mention(mentor)} is not a mentor with room in this round.`);
    if (i < 0) return fail('not_in_round', `${mention(mentee)} is not a mentee available in this round.`);
    if (model.identityExcluded(i, j)) {
      return fail(
        'not_allowed',
        `${mention(mentor)} and ${mention(mentee)} cannot be paired: a past pairing or a private preference rules it out.`,
      );
    }
    if (!model.sharesLanguage(i, j))
      return fail('not_allowed', `${mention(mentor)} and ${mention(mentee)} share no language.`);
    const held = locks.filter((l) => l.mentor === mentor).length;
    if (held > pool.mentors[j]!.capacity) {
      return fail(
        'mentor_full',
        `${mention(mentor)} has room for ${pool.mentors[j]!.capacity} more; unlock one of their pairs first.`,
      );
    }
  }
  return ok(true);
}

function planEdit(
  round: Round,
  action: RoundEdit,
  people: PersonId[],
): Result<{ locks: ForcedPair[]; excluded: PersonId[]; manual: ForcedPair[]; note: string }> {
  const { draft } = round;
  const [a, b] = people as [PersonId, PersonId | undefined];
  const pairOf = (mentee: PersonId) => draft.pairs.find((p) => p.mentee === mentee);
  const locks = lockedPairs(draft);
  const excluded = draft.excluded;
  switch (action) {
    case 'swap': {
      const pa = pairOf(a);
      const pb = pairOf(b!);
      if (a === b) return fail('usage', 'Name two different mentees to swap.');
      if (!pa && !pb) return fail('not_paired', `Neither ${mention(a)} nor ${mention(b!)} has a mentor in the draft.`);
      const manual = [
        ...(pb ? [{ mentor: pb.mentor, mentee: a }] : []),
        ...(pa ? [{ mentor: pa.mentor, mentee: b! }] : []),
      ];
      const kept = locks.filter((l) => l.mentee !== a && l.mentee !== b);
      return ok({
        locks: [...kept, ...manual],
        excluded,
        manual,
        note: `Swapped the mentors of ${mention(a)} and ${mention(b!)} (both pairs locked).`,
      });
    }
    case 'lock': {
      const manual = [{ mentor: a, mentee: b! }];
      return ok({
        locks: [...locks.filter((l) => l.mentee !== b), ...manual],
        excluded,
        manual,
        note: `Locked ${mention(a)} → ${mention(b!)}.`,
      });
    }
    case 'unlock':
      if (!locks.some((l) => l.mentee === a))
        return fail('not_locked', `${mention(a)} has no locked pair in the draft.`);
      return ok({ locks: locks.filter((l) => l.mentee !== a), excluded, manual: [], note: `Unlocked ${mention(a)}.` });
    case 'exclude':
      if (excluded.includes(a)) return fail('already_excluded', `${mention(a)} is already out of this round.`);
      return ok({
        locks: locks.filter((l) => l.mentor !== a && l.mentee !== a),
        excluded: [...excluded, a],
        manual: [],
        note: `${mention(a)} is out of this round.`,
      });
    case 'include':
      if (!excluded.includes(a)) return fail('not_excluded', `${mention(a)} was not excluded.`);
      return ok({
        locks,
        excluded: excluded.filter((id) => id !== a),
        manual: [],
        note: `${mention(a)} is back in this round.`,
      });
  }
}

/** Edits the open draft, then recomputes the rest of it around the moderator's choices. */
export async function roundEdit(ctx: CommandContext, action: RoundEdit, people: PersonId[]): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, `round ${action}`);
  if (!allowed.ok) return allowed;
  const round = await ctx.tx.lockDraftRound(ctx.community.id);
  if (!round) return fail('no_draft', NO_DRAFT);
  const plan = planEdit(round, action, people);
  if (!plan.ok) return plan;
  const valid = await checkManualPairs(ctx, round, plan.value.manual, plan.value.locks);
  if (!valid.ok) return valid;
  const draft = await computeDraft(ctx, plan.value.locks, plan.value.excluded);
  const saved = await ctx.tx.saveDraftRound(ctx.community.id, draft, ctx.actor.id, ctx.now);
  await ctx.tx.audit(ctx.community.id, ctx.actor.id, `round ${action}`, { roundId: round.id, people }, ctx.now);
  const message = renderDraft(saved, plan.value.note);
  return ok(privateReply(message.text, message.actions ? { actions: message.actions } : {}));
}
