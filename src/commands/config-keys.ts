import type { CommunitySettings } from '../domain/community-settings';
import { MAX_CADENCE_MINUTES, parseDurationMinutes } from '../domain/duration';
import { mention, personIdFromMention } from '../domain/ids';
import { fail, ok, type Result } from '../domain/result';
import { canonicalTimezone, timezoneProblem } from '../domain/timezone';
import { describeCadence } from './profile-fields';

interface ConfigKey {
  help: string;
  show(settings: CommunitySettings): string;
  set(settings: CommunitySettings, value: string): Result<CommunitySettings>;
}

function wholeNumber(key: string, value: string, min: number, max: number): Result<number> {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max
    ? ok(n)
    : fail('invalid_config', `${key} must be a whole number from ${min} to ${max}; "${value}" is not.`);
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function setModerators(settings: CommunitySettings, value: string): Result<CommunitySettings> {
  const [verb, ...rest] = value.split(/\s+/);
  const people = rest.map(personIdFromMention);
  if ((verb !== 'add' && verb !== 'remove') || people.length === 0 || people.some((p) => p === null)) {
    return fail(
      'invalid_config',
      'Use `/mentor config moderators add @someone` or `/mentor config moderators remove @someone`.',
    );
  }
  const current = new Set(settings.moderators);
  for (const person of people as string[]) {
    if (verb === 'add') current.add(person);
    else current.delete(person);
  }
  return ok({ ...settings, moderators: [...current] });
}

/** A channel or role as the platform writes it (`<#C1>`, `<@&R1>`) or its bare id; `off` clears it. */
function placeKey(
  key: string,
  setting: 'fallbackChannel' | 'moderatorRole',
  mark: '#' | '@&',
  help: string,
): ConfigKey {
  return {
    help,
    show: (s) => (s[setting] ? `<${mark}${s[setting]}>` : 'none'),
    set: (s, v) => {
      if (v.toLowerCase() === 'off') return ok({ ...s, [setting]: null });
      const id = new RegExp(`^(?:<${mark}([A-Za-z0-9]{1,40})>|([A-Za-z0-9]{1,40}))$`).exec(v.trim());
      if (!id)
        return fail(
          'invalid_config',
          `${key} takes a ${mark === '#' ? 'channel' : 'role'} (or its id), or off; "${v}" is neither.`,
        );
      return ok({ ...s, [setting]: id[1] ?? id[2]! });
    },
  };
}

type NumberSetting = 'defaultCapacity' | 'menteePairings' | 'missesBeforeAsk' | 'missesBeforeAtRisk';
type SwitchSetting = 'autoPublish' | 'nudgeMentee';

function numberKey(key: string, setting: NumberSetting, min: number, max: number, help: string): ConfigKey {
  return {
    help: `${help} (${min}-${max})`,
    show: (s) => String(s[setting]),
    set: (s, v) => {
      const n = wholeNumber(key, v, min, max);
      return n.ok ? ok({ ...s, [setting]: n.value }) : n;
    },
  };
}

function switchKey(key: string, setting: SwitchSetting, help: string): ConfigKey {
  return {
    help,
    show: (s) => (s[setting] ? 'on' : 'off'),
    set: (s, v) =>
      v === 'on' || v === 'off'
        ? ok({ ...s, [setting]: v === 'on' })
        : fail('invalid_config', `${key} is on or off; "${v}" is neither.`),
  };
}

type WeightName = keyof CommunitySettings['weights'];

/** One config key per matching weight, each a decimal from 0 to 1; `default` returns to the matcher's value. */
function weightKey(name: WeightName, help: string): ConfigKey {
  return {
    help: `matching weight: ${help} (0-1, or default)`,
    show: (s) => (s.weights[name] === undefined ? 'default' : String(s.weights[name])),
    set: (s, v) => {
      if (v === 'default') {
        const { [name]: _dropped, ...rest } = s.weights;
        return ok({ ...s, weights: rest });
      }
      const n = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || n > 1)
        return fail('invalid_config', `A weight is a decimal from 0 to 1 (or default); "${v}" is not.`);
      return ok({ ...s, weights: { ...s.weights, [name]: n } });
    },
  };
}

/** Every setting a moderator can change with `/mentor config KEY VALUE`. */
export const CONFIG_KEYS: Record<string, ConfigKey> = {
  cadence: {
    help: 'default check-in cadence for new pairings (weekly, every 2 weeks, monthly, N days)',
    show: (s) => describeCadence(s.cadenceMinutes),
    set: (s, v) => {
      const minutes = parseDurationMinutes(v);
      return minutes && minutes <= MAX_CADENCE_MINUTES
        ? ok({ ...s, cadenceMinutes: minutes })
        : fail(
            'invalid_config',
            `cadence "${v}" is not understood; say weekly, every 2 weeks, monthly or N days (at most 90).`,
          );
    },
  },
  'quiet-hours': {
    help: 'local hours in which nobody is nudged, as HH:MM-HH:MM, or off',
    show: (s) => (s.quietHours ? `${s.quietHours.start}-${s.quietHours.end}` : 'off'),
    set: (s, v) => {
      if (v.toLowerCase() === 'off') return ok({ ...s, quietHours: null });
      const [start = '', end = '', extra] = v.split('-').map((part) => part.trim());
      if (extra !== undefined || !CLOCK.test(start) || !CLOCK.test(end) || start === end) {
        return fail(
          'invalid_config',
          `quiet-hours must look like 20:00-08:00 (24-hour clock) or be off; "${v}" does not.`,
        );
      }
      return ok({ ...s, quietHours: { start, end } });
    },
  },
  'default-capacity': numberKey(
    'default-capacity',
    'defaultCapacity',
    1,
    20,
    'how many mentees a new mentor takes unless they say',
  ),
  'repeat-window': {
    help: 'days before a past pair may be matched again (0-3650)',
    show: (s) => `${s.repeatWindowDays} days`,
    set: (s, v) => {
      const n = wholeNumber('repeat-window', v.replace(/\s*days?$/, ''), 0, 3650);
      return n.ok ? ok({ ...s, repeatWindowDays: n.value }) : n;
    },
  },
  'mentee-pairings': numberKey('mentee-pairings', 'menteePairings', 1, 5, 'how many mentors a mentee may have at once'),
  moderators: {
    help: 'people who may run moderator commands besides the platform admins (add|remove @someone)',
    show: (s) => (s.moderators.length ? s.moderators.map(mention).join(', ') : 'platform admins only'),
    set: setModerators,
  },
  'moderator-role': placeKey(
    'moderator-role',
    'moderatorRole',
    '@&',
    'a role whose members are moderators too (Discord), or off',
  ),
  'fallback-channel': placeKey(
    'fallback-channel',
    'fallbackChannel',
    '#',
    'a channel where people with closed DMs get their messages in a private thread (Discord), or off',
  ),
  timezone: {
    help: 'the community time zone, used for round schedules (IANA name)',
    show: (s) => s.timezone,
    set: (s, v) => {
      const zone = canonicalTimezone(v);
      return zone ? ok({ ...s, timezone: zone }) : fail('invalid_timezone', timezoneProblem(v));
    },
  },
  'auto-publish': switchKey(
    'auto-publish',
    'autoPublish',
    'whether a scheduled round publishes itself (on) or waits for a moderator (off)',
  ),
  'nudge-mentee': switchKey(
    'nudge-mentee',
    'nudgeMentee',
    'whether mentees get check-in reminders too (mentors always do)',
  ),
  'misses-before-ask': numberKey(
    'misses-before-ask',
    'missesBeforeAsk',
    1,
    10,
    'unanswered check-ins in a row before the pair is asked "still on?"',
  ),
  'misses-before-at-risk': numberKey(
    'misses-before-at-risk',
    'missesBeforeAtRisk',
    1,
    20,
    'unanswered check-ins in a row before the pairing is flagged at risk and moderators are told',
  ),
  'weight-goals': weightKey('goalFit', "the mentee's goals against the mentor's skills"),
  'weight-timezone': weightKey('timezoneOverlap', 'shared working hours'),
  'weight-experience': weightKey('experienceGap', 'the mentor being more experienced'),
  'weight-cadence': weightKey('cadence', 'agreeing check-in rhythms'),
  'weight-priority': weightKey('priority', 'people left out last round going first'),
  'load-spread': weightKey('loadSpread', 'penalty per mentee a mentor already has, so load spreads'),
  welcome: {
    help: 'text added to the welcome reply after join (off to remove)',
    show: (s) => (s.welcome ? `“${s.welcome}”` : 'none'),
    set: (s, v) =>
      v.length > 1000
        ? fail('invalid_config', 'welcome must be at most 1000 characters.')
        : ok({ ...s, welcome: v.toLowerCase() === 'off' ? '' : v }),
  },
};
