import { communitySettingsSchema, readSettings } from '../../src/domain/community-settings';

describe('reading stored community settings', () => {
  const defaults = communitySettingsSchema.parse({});

  it('keeps every valid setting when another one is broken', () => {
    const settings = readSettings({
      roundSchedule: '0 10 * * 1#1',
      timezone: 'Europe/Berlin',
      defaultCapacity: 'lots',
    });
    expect(settings).toEqual({ ...defaults, roundSchedule: '0 10 * * 1#1', timezone: 'Europe/Berlin' });
  });

  it('falls back to the defaults for nothing or garbage', () => {
    expect(readSettings(null)).toEqual(defaults);
    expect(readSettings('not an object')).toEqual(defaults);
  });
});
