import { closestWord } from '../../domain/closest-word';
import { fail, ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { CONFIG_KEYS } from '../config-keys';
import { moderatorOnly } from './require-member';

/** `config` shows every setting; `config KEY VALUE` changes one (audited). Moderators only. */
export async function config(ctx: CommandContext, key: string | null, value: string | null): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'config');
  if (!allowed.ok) return allowed;
  const { settings } = ctx.community;
  if (key === null) {
    const lines = Object.entries(CONFIG_KEYS).map(([name, k]) => `• *${name}*: ${k.show(settings)} (${k.help})`);
    return ok(privateReply(['Community settings; change one with `/mentor config KEY VALUE`:', ...lines].join('\n')));
  }
  const entry = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key] : undefined;
  if (!entry) {
    const guess = closestWord(key, Object.keys(CONFIG_KEYS));
    const hint = guess ? ` Did you mean ${guess}?` : '';
    return fail('unknown_setting', `There is no setting "${key}".${hint} \`/mentor config\` lists them all.`);
  }
  if (value === null) return ok(privateReply(`*${key}*: ${entry.show(settings)} (${entry.help}).`));
  const updated = entry.set(settings, value);
  if (!updated.ok) return updated;
  await ctx.tx.saveSettings(ctx.community.id, updated.value);
  await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'config', { key, value }, ctx.now);
  return ok(privateReply(`Saved: *${key}* is now ${entry.show(updated.value)}.`));
}
