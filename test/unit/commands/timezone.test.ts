import { canonicalTimezone, suggestTimezone, timezoneProblem } from '../../../src/domain/timezone';

describe('canonicalTimezone', () => {
  it.each([
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['  Asia/Tokyo ', 'Asia/Tokyo'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
  ])('reads "%s" as %s', (name, zone) => {
    expect(canonicalTimezone(name)).toBe(zone);
  });

  it.each(['', '   ', 'Mars/Base', 'Berlin', 'new york', 'GMT+25', 'Europe/Berlin; DROP TABLE'])(
    'returns null for "%s"',
    (name) => {
      expect(canonicalTimezone(name)).toBeNull();
    },
  );
});

describe('suggestTimezone', () => {
  it('finds the zone whose city part matches, in any case and with spaces for underscores', () => {
    expect(suggestTimezone('Berlin')).toBe('Europe/Berlin');
    expect(suggestTimezone('berlin')).toBe('Europe/Berlin');
    expect(suggestTimezone('new york')).toBe('America/New_York');
    expect(suggestTimezone('Sao_Paulo')).toBe('America/Sao_Paulo');
  });

  it('suggests nothing for nothing or for a place that is not a zone city', () => {
    expect(suggestTimezone('')).toBeNull();
    expect(suggestTimezone('Mars')).toBeNull();
    expect(suggestTimezone('Springfield')).toBeNull();
  });
});

describe('timezoneProblem', () => {
  it('says the name is not a time zone and suggests the full name when it can', () => {
    expect(timezoneProblem('Berlin')).toBe('"Berlin" is not a time zone name; did you mean Europe/Berlin?');
  });

  it('gives examples when it has no suggestion', () => {
    expect(timezoneProblem('Mars/Base')).toBe(
      '"Mars/Base" is not a time zone name; use an IANA name such as America/New_York or Europe/Berlin.',
    );
  });
});
