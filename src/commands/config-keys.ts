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
  'default-capacity': {
    help: 'how many mentees a new mentor takes unless they say (1-20)',
    show: (s) => String(s.defaultCapacity),
    set: (s, v) => {
      const n = wholeNumber('default-capacity', v, 1, 20);
      return n.ok ? ok({ ...s, defaultCapacity: n.value }) : n;
    },
  },
  'repeat-window': {
    help: 'days before a past pair may be matched again (0-3650)',
    show: (s) => `${s.repeatWindowDays} days`,
    set: (s, v) => {
      const n = wholeNumber('repeat-window', v.replace(/\s*days?$/, ''), 0, 3650);
      return n.ok ? ok({ ...s, repeatWindowDays: n.value }) : n;
    },
  },
  'mentee-pairings': {
    help: 'how many mentors a mentee may have at once (1-5)',
    show: (s) => String(s.menteePairings),
    set: (s, v) => {
      const n = wholeNumber('mentee-pairings', v, 1, 5);
      return n.ok ? ok({ ...s, menteePairings: n.value }) : n;
    },
  },
  moderators: {
    help: 'people who may run moderator commands besides the platform admins (add|remove @someone)',
    show: (s) => (s.moderators.length ? s.moderators.map(mention).join(', ') : 'platform admins only'),
    set: setModerators,
  },
  timezone: {
    help: 'the community time zone, used for round schedules (IANA name)',
    show: (s) => s.timezone,
    set: (s, v) => {
      const zone = canonicalTimezone(v);
      return zone ? ok({ ...s, timezone: zone }) : fail('invalid_timezone', timezoneProblem(v));
    },
  },
  'auto-publish': {
    help: 'whether a scheduled round publishes itself (on) or waits for a moderator (off)',
    show: (s) => (s.autoPublish ? 'on' : 'off'),
    set: (s, v) =>
      v === 'on' || v === 'off'
        ? ok({ ...s, autoPublish: v === 'on' })
        : fail('invalid_config', `auto-publish is on or off; "${v}" is neither.`),
  },
  'nudge-mentee': {
    help: 'whether mentees get check-in reminders too (mentors always do)',
    show: (s) => (s.nudgeMentee ? 'on' : 'off'),
    set: (s, v) =>
      v === 'on' || v === 'off'
        ? ok({ ...s, nudgeMentee: v === 'on' })
        : fail('invalid_config', `nudge-mentee is on or off; "${v}" is neither.`),
  },
  'misses-before-ask': {
    help: 'unanswered check-ins in a row before the pair is asked "still on?" (1-10)',
    show: (s) => String(s.missesBeforeAsk),
    set: (s, v) => {
      const n = wholeNumber('misses-before-ask', v, 1, 10);
      return n.ok ? ok({ ...s, missesBeforeAsk: n.value }) : n;
    },
  },
  'misses-before-at-risk': {
    help: 'unanswered check-ins in a row before the pairing is flagged at risk and moderators are told (1-20)',
    show: (s) => String(s.missesBeforeAtRisk),
    set: (s, v) => {
      const n = wholeNumber('misses-before-at-risk', v, 1, 20);
      return n.ok ? ok({ ...s, missesBeforeAtRisk: n.value }) : n;
    },
  },
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
