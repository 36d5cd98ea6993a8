import { personIdFromMention, type PersonId } from '../domain/ids';
import { fail, ok, type Result } from '../domain/result';
import type { Command, RoundEdit } from './command';

const USAGE = {
  swap: 'round swap @mentee @other-mentee',
  lock: 'round lock @mentor @mentee',
  unlock: 'round unlock @mentee',
  exclude: 'round exclude @someone',
  include: 'round include @someone',
} satisfies Record<RoundEdit, string>;
const PEOPLE: Record<RoundEdit, number> = { swap: 2, lock: 2, unlock: 1, exclude: 1, include: 1 };

const usage = (example: string, problem: string) => fail('usage', `${problem} Usage: \`/mentor ${example}\`.`);

/** `round preview|publish|cancel|status`, the draft edits, and `round schedule CRON|off`. */
export function parseRoundCommand(args: string): Result<Command> {
  const [rawAction = '', ...rest] = args.trim().split(/\s+/);
  const action = rawAction.toLowerCase();
  if (action === 'preview' || action === 'publish' || action === 'cancel' || action === 'status') {
    return rest.length
      ? usage(`round ${action}`, `\`round ${action}\` takes nothing after it.`)
      : ok({ name: 'round', action });
  }
  if (action === 'schedule') {
    const cron = rest.join(' ');
    if (!cron)
      return usage(
        'round schedule "0 10 * * 1#1"',
        'Give a cron schedule (first Monday 10:00 is 0 10 * * 1#1), or off.',
      );
    return ok({
      name: 'round-schedule',
      cron: cron.toLowerCase() === 'off' ? null : cron.replace(/^["'`]|["'`]$/g, ''),
    });
  }
  // Own keys only: `round constructor` or `round __proto__` must not find Object's prototype.
  if (Object.hasOwn(USAGE, action)) {
    const edit = action as RoundEdit;
    const people = rest.map(personIdFromMention);
    if (people.length !== PEOPLE[edit] || people.some((p) => p === null)) {
      return usage(USAGE[edit], `\`round ${edit}\` needs ${PEOPLE[edit] === 1 ? 'one @mention' : 'two @mentions'}.`);
    }
    return ok({ name: 'round-edit', action: edit, people: people as PersonId[] });
  }
  return usage(
    'round preview',
    `"${rawAction || 'round'}" needs an action: preview, swap, lock, unlock, exclude, include, publish, cancel, status or schedule.`,
  );
}
