import {
  describeMinutes,
  MAX_CADENCE_MINUTES,
  MIN_CADENCE_MINUTES,
  parseDurationMinutes,
} from '../../../src/domain/duration';

const DAY = 24 * 60;

describe('parseDurationMinutes', () => {
  it.each([
    ['weekly', 7 * DAY],
    ['daily', DAY],
    ['biweekly', 14 * DAY],
    ['fortnightly', 14 * DAY],
    ['monthly', 30 * DAY],
    ['every 2 weeks', 14 * DAY],
    ['Every 2 Weeks', 14 * DAY],
    ['10 days', 10 * DAY],
    ['1 day', DAY],
    ['3d', 3 * DAY],
    ['2w', 14 * DAY],
    ['90 minutes', 90],
    ['45m', 45],
    ['5 min', 5],
    ['2h', 120],
    ['3 hours', 180],
    ['1 hr', 60],
    ['2 months', 60 * DAY],
    ['week', 7 * DAY],
    ['every day', DAY],
    ['month', 30 * DAY],
    ['  weekly  ', 7 * DAY],
  ])('reads "%s" as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it.each([
    '',
    'sometimes',
    '0 days',
    '1.5 days',
    '-2 days',
    'two weeks',
    '3 fortnights',
    'every',
    'days 3',
    '1234567 days',
  ])('returns null for "%s"', (text) => {
    expect(parseDurationMinutes(text)).toBeNull();
  });

  it('leaves range checks to the caller', () => {
    expect(parseDurationMinutes('91 days')).toBe(91 * DAY);
    expect(MIN_CADENCE_MINUTES).toBe(1);
    expect(MAX_CADENCE_MINUTES).toBe(90 * DAY);
  });

  it('returns null for names of Object.prototype members such as "constructor"', () => {
    expect(['constructor', '__proto__'].map(parseDurationMinutes)).toEqual([null, null]);
  });
});

describe('describeMinutes', () => {
  it.each([
    [7 * DAY, '1 week'],
    [14 * DAY, '2 weeks'],
    [3 * DAY, '3 days'],
    [DAY, '1 day'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [45, '45 minutes'],
    [1, '1 minute'],
    [30 * DAY, '30 days'],
  ])('describes %i minutes as "%s"', (minutes, text) => {
    expect(describeMinutes(minutes)).toBe(text);
  });

  it('round-trips what it describes', () => {
    for (const minutes of [1, 45, 60, 90, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 90 * DAY]) {
      expect(parseDurationMinutes(describeMinutes(minutes))).toBe(minutes);
    }
  });
});
