import { DateTime } from 'luxon';
import { mention } from '../../domain/ids';
import { isAvailable, mentees, type Member } from '../../domain/member';
import type { MessageAction, MessageSection } from '../../domain/message';
import { partnerOf } from '../../domain/pairing';
import { plural } from '../../domain/plural';
import { ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { describeCadence } from '../profile-fields';

const when = (date: Date, zone: string) => DateTime.fromJSDate(date, { zone }).toFormat("cccc d LLLL 'at' HH:mm");

async function memberSection(
  ctx: CommandContext,
  member: Member,
): Promise<{ lines: string[]; actions: MessageAction[] }> {
  const pairings = await ctx.tx.activePairingsOf(ctx.community.id, member.id);
  const lines = [
    `*Your mentoring* · ${member.role}, ${member.status === 'paused' ? 'paused' : 'active'} · check-ins ${describeCadence(member.cadenceMinutes)}`,
  ];
  if (member.skills.length) lines.push(`Offers: ${member.skills.join(', ')}`);
  if (member.goals.length) lines.push(`Wants to learn: ${member.goals.join(', ')}`);
  const actions: MessageAction[] = [];
  for (const pairing of pairings) {
    const partner = partnerOf(pairing, member.id);
    const next = await ctx.tx.nextCheckinAt(pairing.id);
    const goals = await ctx.tx.listGoals(pairing.id);
    lines.push(
      `• With ${mention(partner)} (${pairing.mentorId === member.id ? 'your mentee' : 'your mentor'})${next ? ` · next check-in ${when(next, member.timezone)}` : ''}${pairing.atRisk ? ' · ⚠️ at risk' : ''}`,
      ...goals.map((g) => `   ${g.doneAt ? '✅' : '⬜'} ${g.number}. ${g.text}`),
    );
    actions.push({
      label: `We met (${pairings.length > 1 ? 'pair ' + pairing.id : 'log it'})`,
      command: `checkin ${mention(partner)}`,
    });
  }
  if (pairings.length === 0) lines.push('No pairing yet: you are in the next round.');
  const mentors = pairings.filter((p) => p.menteeId === member.id).length;
  if (mentees(member.role) && isAvailable(member, ctx.now) && mentors < ctx.community.settings.menteePairings) {
    actions.push({ label: 'Suggest mentors', command: 'suggest' });
  }
  actions.push(
    member.status === 'paused'
      ? { label: 'Resume', command: 'resume', style: 'primary' }
      : { label: 'Pause 2 weeks', command: 'pause for 14 days' },
    { label: 'Edit profile', command: 'edit' },
  );
  return { lines, actions };
}

async function moderatorSection(
  ctx: CommandContext,
): Promise<{ lines: string[]; actions: MessageAction[]; pairs: MessageSection[] }> {
  const stats = await ctx.tx.stats(ctx.community.id, ctx.now);
  const round = await ctx.tx.latestRound(ctx.community.id);
  const atRisk = await ctx.tx.atRiskPairings(ctx.community.id);
  const lines = [
    '*Moderator*',
    `${plural(stats.members, 'member')} · ${plural(stats.activePairs, 'active pair')} · ${stats.atRiskPairs} at risk`,
  ];
  const actions: MessageAction[] = [];
  const pairs: MessageSection[] = [];
  if (round?.status === 'draft') {
    lines.push(
      `Draft round ${round.id}: ${plural(round.draft.pairs.length, 'pair')}, ${round.draft.unmatched.length} unmatched.`,
    );
    for (const pair of round.draft.pairs.slice(0, 15)) {
      pairs.push({
        text: `${mention(pair.mentor)} → ${mention(pair.mentee)} · ${pair.score.toFixed(2)}${pair.locked ? ' · 🔒' : ''} · ${pair.reasons.slice(0, 2).join('; ')}`,
        actions: [
          ...(pair.locked
            ? []
            : [{ label: 'Lock', command: `round lock ${mention(pair.mentor)} ${mention(pair.mentee)}` }]),
          { label: 'Swap…', command: `round swap ${mention(pair.mentee)}` },
          { label: 'Exclude mentee', command: `round exclude ${mention(pair.mentee)}` },
        ],
      });
    }
    actions.push(
      { label: 'Approve and publish', command: 'round publish', style: 'primary' },
      { label: 'Cancel draft', command: 'round cancel', style: 'danger' },
    );
  } else {
    actions.push({ label: 'Preview a round', command: 'round preview' });
  }
  for (const pairing of atRisk.slice(0, 10)) {
    lines.push(
      `⚠️ ${mention(pairing.mentorId)} → ${mention(pairing.menteeId)}: ${plural(pairing.missedCheckins, 'check-in')} missed in a row`,
    );
  }
  actions.push({ label: 'Stats', command: 'stats' });
  return { lines, actions, pairs };
}

/** The home screen: my profile, pairings, next check-ins and goals; for moderators the draft round and at-risk pairs. */
export async function home(ctx: CommandContext): Promise<UseCaseResult> {
  const member = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
  const sections: { lines: string[]; actions: MessageAction[]; pairs?: MessageSection[] }[] =
    member && member.status !== 'left'
      ? [await memberSection(ctx, member)]
      : [
          {
            lines: ['*Welcome!* Peer mentoring pairs newcomers with experienced members.'],
            actions: [{ label: 'Join', command: 'join', style: 'primary' as const }],
          },
        ];
  if (ctx.isModerator) sections.push(await moderatorSection(ctx));
  return ok(
    privateReply(sections.flatMap((s) => s.lines).join('\n'), {
      actions: sections.flatMap((s) => s.actions),
      sections: sections.flatMap((s) => s.pairs ?? []),
      kind: 'reply',
    }),
  );
}
