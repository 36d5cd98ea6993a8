import { deliveryTime } from '../../src/domain/quiet-hours';

const NIGHT = { start: '20:00', end: '08:00' };
const at = (iso: string) => new Date(iso);

describe('shifting a nudge out of quiet hours', () => {
  it.each([
    // [due (UTC), zone, expected delivery (UTC)]
    ['2026-06-10T14:00:00Z', 'Europe/Berlin', '2026-06-10T14:00:00Z'], // 16:00 local: fine as it is
    ['2026-06-10T19:30:00Z', 'Europe/Berlin', '2026-06-11T06:00:00Z'], // 21:30 local -> 08:00 tomorrow (UTC+2)
    ['2026-06-10T03:00:00Z', 'Europe/Berlin', '2026-06-10T06:00:00Z'], // 05:00 local -> 08:00 today
    ['2026-06-10T02:00:00Z', 'America/New_York', '2026-06-10T12:00:00Z'], // 22:00 local the day before -> 08:00
    ['2026-06-10T23:00:00Z', 'Asia/Tokyo', '2026-06-10T23:00:00Z'], // 08:00 local exactly: quiet has ended
    ['2026-06-10T10:59:00Z', 'Asia/Tokyo', '2026-06-10T10:59:00Z'], // 19:59 local: not quiet yet
    ['2026-06-10T11:00:00Z', 'Asia/Tokyo', '2026-06-10T23:00:00Z'], // 20:00 local: quiet until 08:00
  ])('due %s in %s goes out at %s', (due, zone, expected) => {
    expect(deliveryTime(at(due), zone, NIGHT)).toEqual(at(expected));
  });

  it('lands on 08:00 local across the spring-forward night (Berlin, 29 March 2026)', () => {
    // 22:00 CET (UTC+1) on the 28th; 08:00 on the 29th is already CEST (UTC+2), i.e. 06:00 UTC.
    expect(deliveryTime(at('2026-03-28T21:00:00Z'), 'Europe/Berlin', NIGHT)).toEqual(at('2026-03-29T06:00:00Z'));
  });

  it('lands on 08:00 local across the fall-back night (New York, 1 November 2026)', () => {
    // 23:00 EDT (UTC-4) on 31 October; 08:00 on 1 November is EST (UTC-5), i.e. 13:00 UTC.
    expect(deliveryTime(at('2026-11-01T03:00:00Z'), 'America/New_York', NIGHT)).toEqual(at('2026-11-01T13:00:00Z'));
  });

  it('handles a daytime window and quiet hours turned off', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(deliveryTime(at('2026-06-10T10:15:00Z'), 'Europe/Berlin', lunch)).toEqual(at('2026-06-10T11:30:00Z'));
    expect(deliveryTime(at('2026-06-10T12:00:00Z'), 'Europe/Berlin', lunch)).toEqual(at('2026-06-10T12:00:00Z'));
    expect(deliveryTime(at('2026-06-10T21:00:00Z'), 'Europe/Berlin', null)).toEqual(at('2026-06-10T21:00:00Z'));
  });
});
