import { CONFIG_KEYS } from '../../../src/commands/config-keys';
import { communitySettingsSchema, type CommunitySettings } from '../../../src/domain/community-settings';

const defaults = (): CommunitySettings => communitySettingsSchema.parse({});

function set(key: string, value: string): CommunitySettings {
  const result = CONFIG_KEYS[key]!.set(defaults(), value);
  if (!result.ok) throw new Error(`expected ${key} ${value} to be accepted, got: ${result.message}`);
  return result.value;
}

function refused(key: string, value: string): string {
  const result = CONFIG_KEYS[key]!.set(defaults(), value);
  if (result.ok) throw new Error(`expected ${key} ${value} to be refused`);
  expect(result.message).not.toContain('\n');
  expect(result.message).toMatch(/[.?!]$/);
  return result.message;
}

describe('CONFIG_KEYS', () => {
  it('lists the settings the product promises', () => {
    expect(Object.keys(CONFIG_KEYS)).toEqual(
      expect.arrayContaining([
        'cadence',
        'default-capacity',
        'mentee-pairings',
        'moderators',
        'quiet-hours',
        'repeat-window',
        'timezone',
        'welcome',
      ]),
    );
  });

  it('shows the defaults in words', () => {
    const s = defaults();
    expect(CONFIG_KEYS.cadence!.show(s)).toBe('every 2 weeks');
    expect(CONFIG_KEYS['quiet-hours']!.show(s)).toBe('20:00-08:00');
    expect(CONFIG_KEYS['default-capacity']!.show(s)).toBe('2');
    expect(CONFIG_KEYS['repeat-window']!.show(s)).toBe('365 days');
    expect(CONFIG_KEYS.moderators!.show(s)).toBe('platform admins only');
    expect(CONFIG_KEYS.timezone!.show(s)).toBe('UTC');
    expect(CONFIG_KEYS.welcome!.show(s)).toBe('none');
  });

  it('sets valid values', () => {
    expect(set('cadence', 'weekly').cadenceMinutes).toBe(7 * 24 * 60);
    expect(set('cadence', '90 days').cadenceMinutes).toBe(90 * 24 * 60);
    expect(set('quiet-hours', '21:00-07:00').quietHours).toEqual({ start: '21:00', end: '07:00' });
    expect(set('quiet-hours', '21:00 - 07:30').quietHours).toEqual({ start: '21:00', end: '07:30' });
    expect(set('quiet-hours', 'OFF').quietHours).toBeNull();
    expect(set('default-capacity', '3').defaultCapacity).toBe(3);
    expect(set('repeat-window', '30 days').repeatWindowDays).toBe(30);
    expect(set('repeat-window', '0').repeatWindowDays).toBe(0);
    expect(set('mentee-pairings', '2').menteePairings).toBe(2);
    expect(set('timezone', 'europe/berlin').timezone).toBe('Europe/Berlin');
    expect(set('welcome', 'Hi all').welcome).toBe('Hi all');
    expect(set('welcome', 'off').welcome).toBe('');
  });

  it('adds and removes moderators by mention', () => {
    const added = set('moderators', 'add <@x:1> <@x:2>');
    expect(added.moderators).toEqual(['x:1', 'x:2']);
    const removed = CONFIG_KEYS.moderators!.set(added, 'remove <@x:1>');
    expect(removed.ok && removed.value.moderators).toEqual(['x:2']);
    expect(CONFIG_KEYS.moderators!.show(added)).toBe('<@x:1>, <@x:2>');
  });

  it('refuses bad values, naming the setting and what it accepts', () => {
    expect(refused('quiet-hours', '25:00-08:00')).toBe(
      'quiet-hours must look like 20:00-08:00 (24-hour clock) or be off; "25:00-08:00" does not.',
    );
    expect(refused('quiet-hours', '20:00-20:00')).toMatch(/quiet-hours must look like/);
    expect(refused('quiet-hours', '8pm-8am')).toMatch(/quiet-hours/);
    expect(refused('quiet-hours', '20:00-08:00-09:00')).toMatch(/quiet-hours/);
    expect(refused('default-capacity', '0')).toBe('default-capacity must be a whole number from 1 to 20; "0" is not.');
    expect(refused('default-capacity', 'two')).toMatch(/default-capacity.*"two"/);
    expect(refused('repeat-window', '-1')).toMatch(/repeat-window must be a whole number from 0 to 3650/);
    expect(refused('mentee-pairings', '6')).toMatch(/mentee-pairings must be a whole number from 1 to 5/);
    expect(refused('timezone', 'Mars/Base')).toMatch(/^"Mars\/Base" is not a time zone name/);
    expect(refused('timezone', 'Berlin')).toMatch(/did you mean Europe\/Berlin\?/);
    expect(refused('cadence', 'sometimes')).toMatch(/^cadence "sometimes" is not understood/);
    expect(refused('cadence', '91 days')).toMatch(/cadence "91 days".*at most 90/);
    expect(refused('cadence', 'constructor')).toMatch(/cadence/);
    expect(refused('moderators', 'add bob')).toMatch(/config moderators add @someone/);
    expect(refused('moderators', 'promote <@x:1>')).toMatch(/config moderators add @someone/);
    expect(refused('moderators', 'add')).toMatch(/config moderators add @someone/);
    expect(refused('welcome', 'w'.repeat(1001))).toBe('welcome must be at most 1000 characters.');
  });
});
