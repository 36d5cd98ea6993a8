import { closestWord } from '../domain/closest-word';
import { personIdFromMention, type PersonId } from '../domain/ids';
import type { Role } from '../domain/member';
import type { NudgeAnswer } from '../domain/nudge';
import { fail, ok, type Failure, type Result } from '../domain/result';
import type { Command } from './command';
import { parseKeyValues } from './parse-key-values';
import { parseRoundCommand } from './parse-round-command';

/** The words people type first, for "did you mean" suggestions. */
export const COMMAND_WORDS = [
  'help',
  'join',
  'edit',
  'profile',
  'pause',
  'resume',
  'leave',
  'forget-me',
  'block',
  'checkin',
  'goal',
  'goals',
  'thanks',
  'end',
  'feedback',
  'pair',
  'unpair',
  'config',
  'stats',
  'export',
  'suggest',
  'request',
  'round',
  'nudge',
  'home',
] as const;

const MAX_TEXT = 2000;

const usage = (example: string, problem: string): Failure => fail('usage', `${problem} Usage: \`/mentor ${example}\`.`);

/** Splits off the first word; the rest keeps its spacing (notes and messages are free text). */
function firstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match ? [match[1]!, match[2]!] : ['', ''];
}

/** An optional leading mention (`checkin <@bob> met for coffee`) names which pairing is meant. */
function optionalPartner(text: string): [PersonId | null, string] {
  const [word, rest] = firstWord(text);
  const person = personIdFromMention(word);
  return person ? [person, rest] : [null, text.trim()];
}

function requirePerson(text: string, example: string): Result<[PersonId, string]> {
  const [word, rest] = firstWord(text);
  const person = personIdFromMention(word);
  if (!person)
    return usage(example, word ? `"${word}" is not a person; mention them with @.` : 'Say who, with an @mention.');
  return ok([person, rest]);
}

function parseJoin(args: string): Result<Command> {
  const [word, rest] = firstWord(args);
  const role = word.toLowerCase();
  if (!word) return ok({ name: 'join', role: null, profile: {} });
  if (role !== 'mentor' && role !== 'mentee' && role !== 'both') {
    return usage(
      'join mentor|mentee|both skills: ... goals: ... tz: ...',
      `"${word}" is not a role; choose mentor, mentee or both.`,
    );
  }
  const profile = parseKeyValues(rest);
  return profile.ok ? ok({ name: 'join', role: role as Role, profile: profile.value }) : profile;
}

function parseEdit(args: string): Result<Command> {
  const profile = parseKeyValues(args);
  if (!profile.ok) return profile;
  if (Object.keys(profile.value).length === 0) {
    return usage(
      'edit skills: ... goals: ... tz: ... languages: ... capacity: N cadence: weekly',
      'Say what to change.',
    );
  }
  return ok({ name: 'edit', profile: profile.value });
}

function parsePause(args: string): Result<Command> {
  const text = args.trim().toLowerCase();
  if (!text) return ok({ name: 'pause', until: null });
  const until = /^until\s+(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (until) return ok({ name: 'pause', until: { date: until[1]! } });
  const days = /^for\s+(\d{1,4})\s*days?$/.exec(text);
  if (days && Number(days[1]) >= 1 && Number(days[1]) <= 365)
    return ok({ name: 'pause', until: { days: Number(days[1]) } });
  return usage(
    'pause until 2026-12-31` or `/mentor pause for 14 days',
    `"${args.trim()}" is not a pause length (1 to 365 days).`,
  );
}

function parseGoal(args: string): Result<Command> {
  const [verb, rest] = firstWord(args);
  const [partner, text] = optionalPartner(rest);
  if (verb === 'add') {
    if (!text) return usage('goal add TEXT', 'Say what the goal is.');
    if (text.length > 300)
      return fail('too_long', 'A goal must be at most 300 characters; make it short and measurable.');
    return ok({ name: 'goal-add', partner, text });
  }
  if (verb === 'done') {
    if (!/^\d{1,4}$/.test(text)) return usage('goal done N', 'Say the goal number shown by `/mentor goals`.');
    return ok({ name: 'goal-done', partner, number: Number(text) });
  }
  if (verb === 'list' || verb === '') return ok({ name: 'goals', partner });
  return usage('goal add TEXT` or `/mentor goal done N', `"${verb}" is not a goal action; use add, done or list.`);
}

function parseTwoPeople(name: 'pair' | 'unpair', args: string): Result<Command> {
  const example = `${name} @mentor @mentee`;
  const first = requirePerson(args, example);
  if (!first.ok) return first;
  const second = requirePerson(first.value[1], example);
  if (!second.ok) return second;
  const extra = second.value[1].trim().toLowerCase();
  if (name === 'unpair') {
    if (extra) return usage(example, `"${extra}" is extra; give just the two people.`);
    return ok({ name, mentor: first.value[0], mentee: second.value[0] });
  }
  if (extra && extra !== 'force')
    return usage(`${example} [force]`, `"${extra}" is not understood; only "force" may follow.`);
  return ok({ name, mentor: first.value[0], mentee: second.value[0], force: extra === 'force' });
}

function parseFeedback(args: string): Result<Command> {
  const match = /^(\d{1,9})(?:\s+(\d+)(?=\s|$))?\s*([\s\S]*)$/.exec(args.trim());
  if (!match) return usage('feedback PAIRING [1-5] [comment]', 'Give the pairing number from the feedback message.');
  if (match[2] && !/^[1-5]$/.test(match[2]))
    return usage('feedback PAIRING [1-5] [comment]', `A rating is 1 to 5; "${match[2]}" is not.`);
  const text = match[3]!.trim();
  if (!match[2] && !text) return usage('feedback PAIRING [1-5] [comment]', 'Give a rating from 1 to 5 or a comment.');
  if (text.length > MAX_TEXT) return fail('too_long', `Feedback must be at most ${MAX_TEXT} characters.`);
  return ok({ name: 'feedback', pairingId: Number(match[1]), rating: match[2] ? Number(match[2]) : null, text });
}

function parseRequest(args: string): Result<Command> {
  const decision = /^(accept|decline)\s+(\d{1,9})$/i.exec(args.trim());
  if (decision)
    return ok({
      name: 'request-decision',
      requestId: Number(decision[2]),
      accept: decision[1]!.toLowerCase() === 'accept',
    });
  const person = requirePerson(args, 'request @mentor');
  if (!person.ok) return person;
  if (person.value[1].trim())
    return usage('request @mentor', `"${person.value[1].trim()}" is extra; name just the mentor.`);
  return ok({ name: 'request', mentor: person.value[0] });
}

function noArguments(
  name: 'help' | 'home' | 'resume' | 'leave' | 'stats' | 'export' | 'suggest',
  args: string,
): Result<Command> {
  return args.trim() ? usage(name, `\`${name}\` takes nothing after it.`) : ok({ name });
}

function parseKnown(word: string, args: string): Result<Command> | null {
  switch (word) {
    case 'help':
    case 'home':
    case 'resume':
    case 'leave':
    case 'stats':
    case 'export':
    case 'suggest':
      return noArguments(word, args);
    case 'request':
      return parseRequest(args);
    case 'round':
      return parseRoundCommand(args);
    case 'nudge': {
      const answer = /^(\d{1,9})\s+(met|snooze|skip|help|still-on)$/i.exec(args.trim());
      if (!answer) return usage('nudge N met|snooze|skip|help', 'Use the buttons on a check-in reminder.');
      return ok({ name: 'nudge-answer', nudgeId: Number(answer[1]), answer: answer[2]!.toLowerCase() as NudgeAnswer });
    }
    case 'join':
      return parseJoin(args);
    case 'edit':
      return parseEdit(args);
    case 'profile': {
      if (!args.trim()) return ok({ name: 'profile', subject: null });
      const person = requirePerson(args, 'profile [@someone]');
      return person.ok ? ok({ name: 'profile', subject: person.value[0] }) : person;
    }
    case 'pause':
      return parsePause(args);
    case 'forget-me': {
      const rest = args.trim().toLowerCase();
      if (rest && rest !== 'confirm')
        return usage('forget-me` then `/mentor forget-me confirm', `"${rest}" is not understood.`);
      return ok({ name: 'forget-me', confirmed: rest === 'confirm' });
    }
    case 'block': {
      const person = requirePerson(args, 'block @someone');
      return person.ok ? ok({ name: 'block', subject: person.value[0] }) : person;
    }
    case 'checkin': {
      const [partner, note] = optionalPartner(args);
      if (note.length > MAX_TEXT) return fail('too_long', `A check-in note must be at most ${MAX_TEXT} characters.`);
      return ok({ name: 'checkin', partner, note });
    }
    case 'goal':
      return parseGoal(args);
    case 'goals': {
      const [partner, rest] = optionalPartner(args);
      return rest ? usage('goals [@partner]', `"${rest}" is not understood.`) : ok({ name: 'goals', partner });
    }
    case 'thanks': {
      const person = requirePerson(args, 'thanks @someone MESSAGE');
      if (!person.ok) return person;
      const message = person.value[1].trim();
      if (!message) return usage('thanks @someone MESSAGE', 'Say what you are thankful for.');
      if (message.length > 500) return fail('too_long', 'A thank-you must be at most 500 characters.');
      return ok({ name: 'thanks', subject: person.value[0], message });
    }
    case 'end': {
      const [partner, reason] = optionalPartner(args);
      if (reason.length > 500) return fail('too_long', 'A reason must be at most 500 characters.');
      return ok({ name: 'end', partner, reason });
    }
    case 'feedback':
      return parseFeedback(args);
    case 'pair':
    case 'unpair':
      return parseTwoPeople(word, args);
    case 'config': {
      const [key, value] = firstWord(args);
      return ok({ name: 'config', key: key ? key.toLowerCase() : null, value: value.trim() || null });
    }
    default:
      return null;
  }
}

/** Control characters (other than tab and newline) have no place in a command and would garble stored text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
export const withoutControlCharacters = (text: string): string => text.replace(CONTROL_CHARACTERS, '');

/**
 * A command an adapter built itself (from a form or a button) gets the same cleaning as typed text: every
 * text in it, however deep, loses its control characters.
 */
export function cleanBuiltCommand(command: Command): Command {
  const clean = (value: unknown): unknown =>
    typeof value === 'string'
      ? withoutControlCharacters(value)
      : Array.isArray(value)
        ? value.map(clean)
        : value && typeof value === 'object' && !(value instanceof Date)
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]))
          : value;
  return clean(command) as Command;
}

/**
 * Turns what follows `/mentor` into a validated command. Mentions must already be mention tokens (`<@id>`):
 * each adapter rewrites its platform's mentions before calling this.
 */
export function parseCommand(input: string): Result<Command> {
  const text = withoutControlCharacters(input).trim();
  if (text.length > MAX_TEXT * 2) return fail('too_long', 'That command is too long; keep it under 4000 characters.');
  const [rawWord, args] = firstWord(text);
  const word = rawWord.toLowerCase();
  if (!word) return ok({ name: 'help' });
  const parsed = parseKnown(word === 'forgetme' ? 'forget-me' : word, args);
  if (parsed) return parsed;
  const guess = closestWord(word, COMMAND_WORDS);
  const hint = guess ? ` Did you mean \`/mentor ${guess}\`?` : '';
  return fail('unknown_command', `I don't know "${rawWord}".${hint} Type \`/mentor help\` to see what I can do.`);
}
