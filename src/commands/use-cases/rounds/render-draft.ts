import { mention } from '../../../domain/ids';
import type { BotMessage } from '../../../domain/message';
import { plural } from '../../../domain/plural';
import type { Round } from '../../../domain/round';

/** A chat message has limits; the full draft is in `round status` and `export`. */
const MAX_LINES = 60;

/** The draft as the moderator reviews it: every pair with its score and reasons, everyone left out with why. */
export function renderDraft(round: Round, note = ''): BotMessage {
  const { draft } = round;
  const header = `*Draft round ${round.id}*: ${plural(draft.pairs.length, 'pair')}, ${draft.unmatched.length} unmatched, total score ${draft.totalScore.toFixed(2)}, proven optimal.`;
  const pairs = draft.pairs.map(
    (p, i) =>
      `${i + 1}. ${mention(p.mentor)} → ${mention(p.mentee)} · ${p.score.toFixed(2)}${p.locked ? ' · 🔒 locked' : ''} · ${p.reasons.join('; ')}`,
  );
  const unmatched = draft.unmatched.map((u) => `• ${mention(u.id)}: ${u.reason}`);
  const lines = [
    ...(note ? [note] : []),
    header,
    ...pairs.slice(0, MAX_LINES),
    ...(pairs.length > MAX_LINES
      ? [`…and ${pairs.length - MAX_LINES} more pairs (\`/mentor export\` after publishing lists all).`]
      : []),
    ...(unmatched.length ? ['*Not matched this round:*', ...unmatched.slice(0, MAX_LINES)] : []),
    ...(unmatched.length > MAX_LINES ? [`…and ${unmatched.length - MAX_LINES} more.`] : []),
    ...(draft.excluded.length ? [`*Excluded by a moderator:* ${draft.excluded.map(mention).join(', ')}`] : []),
    'Adjust with `round swap @mentee @other-mentee`, `round lock @mentor @mentee`, `round exclude @someone`; then `round publish`.',
  ];
  return {
    text: lines.join('\n'),
    actions: [
      { label: 'Publish round', command: 'round publish', style: 'primary' },
      { label: 'Cancel draft', command: 'round cancel', style: 'danger' },
    ],
  };
}
