import { describeCadence } from '../../profile-fields';
import { mention } from '../../../domain/ids';
import type { BotMessage } from '../../../domain/message';
import type { Nudge } from '../../../domain/nudge';
import type { Pairing } from '../../../domain/pairing';
import { partnerOf } from '../../../domain/pairing';

/** The nudge both sides get: one click answers it. */
export function nudgeMessage(nudge: Nudge, pairing: Pairing, to: string): BotMessage {
  const partner = mention(partnerOf(pairing, to));
  return {
    kind: 'nudge',
    text: `⏰ Time for a check-in with ${partner} (you agreed ${describeCadence(pairing.cadenceMinutes)}). Did you meet?`,
    actions: [
      { label: 'We met', command: `nudge ${nudge.id} met`, style: 'primary' },
      { label: 'Snooze a day', command: `nudge ${nudge.id} snooze` },
      { label: 'Skip this one', command: `nudge ${nudge.id} skip` },
      { label: 'Need help', command: `nudge ${nudge.id} help` },
    ],
  };
}

/** After several unanswered check-ins: ask, kindly, whether the pairing is still wanted. */
export function stillOnMessage(nudge: Nudge, pairing: Pairing, to: string, missed: number): BotMessage {
  const partner = partnerOf(pairing, to);
  return {
    kind: 'nudge',
    text: `Your last ${missed} check-ins with ${mention(partner)} went unanswered. Is the pairing still on? Busy seasons happen; a quick answer helps.`,
    actions: [
      { label: 'Still on', command: `nudge ${nudge.id} still-on`, style: 'primary' },
      { label: 'End the pairing', command: `end ${mention(partner)} no longer active`, style: 'danger' },
    ],
  };
}

export const atRiskMessage = (pairing: Pairing, missed: number): BotMessage => ({
  kind: 'notice',
  text: `⚠️ The pairing ${mention(pairing.mentorId)} → ${mention(pairing.menteeId)} is at risk: ${missed} check-ins in a row went unanswered. \`/mentor stats\` lists at-risk pairs.`,
});
