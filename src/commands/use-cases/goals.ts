import { mention, type PersonId } from '../../domain/ids';
import { partnerOf } from '../../domain/pairing';
import { fail, ok } from '../../domain/result';
import { privateReply, tell, type CommandContext, type UseCaseResult } from '../command-context';
import { resolvePairing } from './resolve-pairing';

/** The pair's shared goals. Locking the pair keeps goal numbers unique when both add at once. */
export async function goalAdd(ctx: CommandContext, partner: PersonId | null, text: string): Promise<UseCaseResult> {
  const pairing = await resolvePairing(ctx, partner, 'goal add @partner TEXT');
  if (!pairing.ok) return pairing;
  await ctx.tx.lockMembers(ctx.community.id, [pairing.value.mentorId, pairing.value.menteeId]);
  const goal = await ctx.tx.addGoal(pairing.value.id, text, ctx.actor.id, ctx.now);
  const other = partnerOf(pairing.value, ctx.actor.id);
  await tell(ctx, other, { text: `${mention(ctx.actor.id)} added goal ${goal.number} for your pairing: ${text}` });
  return ok(
    privateReply(
      `Goal ${goal.number} added: ${text}. Mark it with \`/mentor goal done ${goal.number}\` when it is met.`,
    ),
  );
}

export async function goalDone(ctx: CommandContext, partner: PersonId | null, number: number): Promise<UseCaseResult> {
  const pairing = await resolvePairing(ctx, partner, 'goal done @partner N');
  if (!pairing.ok) return pairing;
  const done = await ctx.tx.completeGoal(pairing.value.id, number, ctx.now);
  if (done === 'already') return fail('goal_done_before', `Goal ${number} was already marked done.`);
  if (done === 'missing')
    return fail('no_goal', `There is no goal ${number} in this pairing; \`/mentor goals\` lists them.`);
  const other = partnerOf(pairing.value, ctx.actor.id);
  await tell(ctx, other, { text: `🎉 ${mention(ctx.actor.id)} marked goal ${number} as done.` });
  return ok(privateReply(`🎉 Goal ${number} done.`));
}

export async function goalList(ctx: CommandContext, partner: PersonId | null): Promise<UseCaseResult> {
  const pairing = await resolvePairing(ctx, partner, 'goals @partner');
  if (!pairing.ok) return pairing;
  const goals = await ctx.tx.listGoals(pairing.value.id);
  const other = mention(partnerOf(pairing.value, ctx.actor.id));
  if (goals.length === 0) {
    return ok(
      privateReply(
        `No goals yet with ${other}. Add a specific, measurable one: \`/mentor goal add raise my day rate by 10%\`.`,
      ),
    );
  }
  const lines = goals.map((g) => `${g.doneAt ? '✅' : '⬜'} ${g.number}. ${g.text}`);
  return ok(privateReply([`Goals with ${other}:`, ...lines].join('\n')));
}
