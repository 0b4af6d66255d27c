import { DomainException } from '@app/common';
import { addLocalDays, boundForFilename, isLocalMidnight, localMidnight, parseReportQuery, startOfNextLocalDay, type ReportQuery } from './report-range';

const ROME = 'Europe/Rome';
const NOW = new Date('2026-03-04T12:00:00Z'); // Wednesday 13:00 in Rome
const parse = (q: ReportQuery, tz = ROME) => parseReportQuery(q, tz, NOW);
const iso = (q: ReportQuery, tz = ROME) => {
  const r = parse(q, tz);
  return { from: r.from.toISOString(), to: r.to.toISOString(), groupBy: r.groupBy };
};
function failure(q: ReportQuery): { code: string; message: string[] } {
  try {
    parse(q);
  } catch (e) {
    if (!(e instanceof DomainException)) throw e;
    return { code: e.code, message: (e.getResponse() as { message: string[] }).message };
  }
  throw new Error('expected a failure');
}

describe('report range', () => {
  it('reads dates as the local midnight starting them, from inclusive and to exclusive', () => {
    // Rome is UTC+1 in winter: local midnight is 23:00 UTC the day before.
    expect(iso({ from: '2026-03-02', to: '2026-03-05', groupBy: 'role' })).toEqual({ from: '2026-03-01T23:00:00.000Z', to: '2026-03-04T23:00:00.000Z', groupBy: 'role' });
  });

  it('takes instants with Z or an offset as given, fractions cut to milliseconds', () => {
    expect(iso({ from: '2026-03-02T10:00Z', to: '2026-03-03T09:00:00.123456+01:00' })).toEqual({
      from: '2026-03-02T10:00:00.000Z',
      to: '2026-03-03T08:00:00.123Z',
      groupBy: 'day',
    });
  });

  it('is DST-correct: a spring day lasts 23 hours, an autumn day 25', () => {
    expect(iso({ from: '2026-03-29', to: '2026-03-30' })).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(iso({ from: '2026-10-25', to: '2026-10-26' })).toMatchObject({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    // Sydney's clocks go the other way round the year (UTC+11 in January, +10 in July).
    expect(localMidnight('Australia/Sydney', '2026-01-15').toISOString()).toBe('2026-01-14T13:00:00.000Z');
    expect(localMidnight('Australia/Sydney', '2026-07-15').toISOString()).toBe('2026-07-14T14:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at the change, and one whose midnight repeats at the first', () => {
    // Chile jumps from 24:00 to 01:00 on 6 September 2026: the day starts at 01:00 -03 = 04:00 UTC.
    expect(localMidnight('America/Santiago', '2026-09-06').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // Cuba goes back from 01:00 to 00:00 on 1 November 2026: midnight happens at 04:00 and 05:00 UTC; the first counts.
    expect(localMidnight('America/Havana', '2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(isLocalMidnight('America/Havana', new Date('2026-11-01T04:00:00Z'))).toBe(true);
    expect(isLocalMidnight('America/Havana', new Date('2026-11-01T05:00:00Z'))).toBe(false);
  });

  it('defaults to today and the 6 days before it, on the local calendar', () => {
    expect(iso({})).toEqual({ from: '2026-02-25T23:00:00.000Z', to: '2026-03-04T23:00:00.000Z', groupBy: 'day' });
    // In UTC the same instant is still 4 March: the range is 26 February to the end of 4 March, UTC.
    expect(iso({}, 'UTC')).toMatchObject({ from: '2026-02-26T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z' });
    // Only `to`: 7 local days before it, across the spring change (7 × 24 h − 1 h).
    expect(iso({ to: '2026-04-01' })).toMatchObject({ from: '2026-03-24T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    // Only `from`: up to the end of today.
    expect(iso({ from: '2026-03-01' })).toMatchObject({ from: '2026-02-28T23:00:00.000Z', to: '2026-03-04T23:00:00.000Z' });
    expect(startOfNextLocalDay(ROME, new Date('2026-03-04T23:30:00Z')).toISOString()).toBe('2026-03-05T23:00:00.000Z');
  });

  it('allows exactly 400 local days, across DST changes, and no more', () => {
    expect(iso({ from: '2025-03-01', to: '2026-04-05' })).toMatchObject({ from: '2025-02-28T23:00:00.000Z', to: '2026-04-04T22:00:00.000Z' });
    expect(failure({ from: '2025-03-01', to: '2026-04-06' })).toEqual({ code: 'REPORT_RANGE_INVALID', message: ['the range may cover at most 400 days (got 401)'] });
    expect(addLocalDays(ROME, new Date('2026-03-28T12:00:00Z'), 1).toISOString()).toBe('2026-03-29T11:00:00.000Z');
  });

  it('names every range problem at once', () => {
    expect(failure({ from: 'garbage', to: '2026-02-30' })).toEqual({
      code: 'REPORT_RANGE_INVALID',
      message: [
        'from must be a date YYYY-MM-DD or an ISO 8601 instant with Z or an offset, such as 2026-03-01T08:00:00Z (got "garbage")',
        'to must be a date YYYY-MM-DD or an ISO 8601 instant with Z or an offset, such as 2026-03-01T08:00:00Z (got "2026-02-30")',
      ],
    });
    for (const bad of ['2026-03-01T10:00:00', '2026-03-01T25:00Z', '2026-3-1', '2026-03-01T10:00+1:00', '1772000000000', ''])
      expect(failure({ from: bad, to: '2026-03-05' }).code).toBe('REPORT_RANGE_INVALID');
    expect(failure({ from: ['2026-03-01', '2026-03-02'] }).message).toEqual(['from must be given once, as text']);
    expect(failure({ from: '2026-03-05', to: '2026-03-05' })).toEqual({
      code: 'REPORT_RANGE_INVALID',
      message: ['from must be before to (got from 2026-03-04T23:00:00.000Z, to 2026-03-04T23:00:00.000Z)'],
    });
    expect(failure({ from: '2026-03-06', to: '2026-03-05' }).code).toBe('REPORT_RANGE_INVALID');
  });

  it('refuses an unknown or repeated groupBy as a validation failure, listing range problems too', () => {
    expect(failure({ groupBy: 'foo', from: 'x' })).toEqual({
      code: 'VALIDATION_FAILED',
      message: [
        'groupBy must be one of role, agent, channel, day, hour (got "foo")',
        'from must be a date YYYY-MM-DD or an ISO 8601 instant with Z or an offset, such as 2026-03-01T08:00:00Z (got "x")',
      ],
    });
    expect(failure({ groupBy: ['role', 'day'] })).toEqual({ code: 'VALIDATION_FAILED', message: ['groupBy must be given once, as text'] });
    for (const g of ['role', 'agent', 'channel', 'day', 'hour'] as const) expect(parse({ groupBy: g }).groupBy).toBe(g);
  });

  it('takes a report’s own groupings, day still the default', () => {
    const groups = ['day', 'role', 'channel'] as const;
    expect(parseReportQuery({}, ROME, NOW, groups).groupBy).toBe('day');
    expect(parseReportQuery({ groupBy: 'channel' }, ROME, NOW, groups).groupBy).toBe('channel');
    expect(() => parseReportQuery({ groupBy: 'agent' }, ROME, NOW, groups)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', response: expect.objectContaining({ message: ['groupBy must be one of day, role, channel (got "agent")'] }) }),
    );
  });

  it('names a bound in a file name by its local date when it is a local midnight, else by its UTC instant', () => {
    expect(boundForFilename(ROME, '2026-03-01T23:00:00.000Z')).toBe('2026-03-02');
    expect(boundForFilename(ROME, '2026-03-02T00:00:00.000Z')).toBe('20260302T000000Z');
  });
});
