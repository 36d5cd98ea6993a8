/**
 * One `/mentor` subcommand as Discord shows it and as the core reads it: its typed options, and the core
 * command text they stand for (the exact syntax `parseCommand` accepts), so there is no second parser.
 */
export type OptionKind = 'string' | 'integer' | 'boolean' | 'user' | 'channel' | 'role';

export interface OptionSpec {
  name: string;
  description: string;
  kind: OptionKind;
  required?: boolean;
  choices?: readonly string[];
  /** Suggestions while typing: the community's known skills, or IANA time zones. */
  autocomplete?: 'skills' | 'timezone';
  min?: number;
  max?: number;
  maxLength?: number;
}

/**
 * Option values as the core writes them: a user is already a mention token `<@discord:G:U>`, a channel
 * `<#id>`, a role `<@&id>`; free text has its Discord mentions rewritten.
 */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface SubcommandSpec {
  name: string;
  description: string;
  options?: OptionSpec[];
  /** The core command text for these options. */
  text(o: OptionValues): string;
  /** When the options leave the command bare, the form to open instead (`join`, `checkin`, ...). */
  form?(o: OptionValues): string | null;
}

export interface GroupSpec {
  name: string;
  description: string;
  subcommands: SubcommandSpec[];
}

/** Joins the parts that are present: `words('pause', 'for', 14, 'days')`. */
export const words = (...parts: (string | number | false | null | undefined)[]): string =>
  parts
    .filter((part) => part !== undefined && part !== null && part !== false && part !== '')
    .map(String)
    .join(' ');

/** `key: value` pairs for the present values, in the core's profile syntax (`skills: a, b tz: Europe/Berlin`). */
export const keyed = (pairs: [string, string | number | boolean | undefined][]): string =>
  pairs
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' ');

export const hasAny = (o: OptionValues): boolean => Object.values(o).some((value) => value !== undefined);

export const str = (name: string, description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  description,
  kind: 'string',
  ...extra,
});
export const int = (name: string, description: string, min: number, max: number, required = false): OptionSpec => ({
  name,
  description,
  kind: 'integer',
  min,
  max,
  required,
});
export const user = (name: string, description: string, required = true): OptionSpec => ({
  name,
  description,
  kind: 'user',
  required,
});
