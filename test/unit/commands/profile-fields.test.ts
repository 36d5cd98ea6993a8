import { parseKeyValues } from '../../../src/commands/parse-key-values';
import { describeCadence, parseProfileField, profileKeyFor } from '../../../src/commands/profile-fields';

describe('parseKeyValues', () => {
  it('reads nothing as no fields', () => {
    expect(parseKeyValues('')).toEqual({ ok: true, value: {} });
    expect(parseKeyValues('   ')).toEqual({ ok: true, value: {} });
  });

  it('reads keys in any order and case, values up to the next key', () => {
    expect(parseKeyValues('TZ: UTC Skills: pricing, finding clients')).toEqual({
      ok: true,
      value: { timezone: 'UTC', skills: ['pricing', 'finding clients'] },
    });
  });

  it('allows a space before the colon', () => {
    expect(parseKeyValues('capacity : 3')).toEqual({ ok: true, value: { capacity: 3 } });
  });

  it('does not take a key inside a word for a new key', () => {
    expect(parseKeyValues('goals: upskills: none')).toMatchObject({ ok: true, value: { goals: ['upskills: none'] } });
  });

  it('folds duplicates that differ only in case and collapses inner spaces', () => {
    expect(parseKeyValues('skills: Pricing, pricing,  finding   clients')).toEqual({
      ok: true,
      value: { skills: ['Pricing', 'finding clients'] },
    });
  });

  it('names the problem for text before the first key and for a repeated key', () => {
    expect(parseKeyValues('hello tz: UTC')).toMatchObject({ ok: false, code: 'unexpected_text' });
    expect(parseKeyValues('skill: a offers: b')).toMatchObject({
      ok: false,
      code: 'duplicate_field',
      message: 'You gave offers twice; give each detail once.',
    });
  });
});

describe('parseProfileField', () => {
  it('validates one field the way a modal does', () => {
    expect(parseProfileField('timezone', 'asia/tokyo')).toEqual({ ok: true, value: 'Asia/Tokyo' });
    expect(parseProfileField('capacity', '20')).toEqual({ ok: true, value: 20 });
    expect(parseProfileField('cadenceMinutes', '1m')).toEqual({ ok: true, value: 1 });
    expect(parseProfileField('languages', 'EN, Es')).toEqual({ ok: true, value: ['en', 'es'] });
    expect(parseProfileField('displayName', 'x'.repeat(81))).toMatchObject({
      ok: false,
      message: 'A name must be 1 to 80 characters.',
    });
  });
});

describe('profile key helpers', () => {
  it('maps aliases to fields', () => {
    expect(profileKeyFor('TZ')).toBe('timezone');
    expect(profileKeyFor('wants')).toBe('goals');
    expect(profileKeyFor('nope')).toBeUndefined();
  });

  it('describes a cadence', () => {
    expect(describeCadence(7 * 24 * 60)).toBe('every week');
    expect(describeCadence(14 * 24 * 60)).toBe('every 2 weeks');
  });
});
