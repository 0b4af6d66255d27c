import { attainmentBars, daySeries, firstResponseTotals, hourSeries, sentimentDays, sentimentGroups, sentimentShare, type ReportRow } from './report-series';

const stats = (met: number, breached: number, p50: number | null = null, p90: number | null = null) => ({
  count: met + breached,
  p50Seconds: p50,
  p90Seconds: p90,
  met,
  breached,
  attainment: met + breached ? met / (met + breached) : null,
});
const none = stats(0, 0);
const row = (key: ReportRow['key'], label: string, first = none, conversations = first.count, ratio: number | null = null): ReportRow => ({
  key,
  label,
  conversations,
  firstResponse: first,
  nextResponse: none,
  resolution: none,
  consistency: { periods: ratio === null ? 0 : 1, periodsOnTarget: ratio ? 1 : 0, ratio },
});

describe('report series', () => {
  it('has every day of the range, the days without outcomes empty', () => {
    const series = daySeries([row('2026-11-02', '2026-11-02', stats(3, 1, 120, 900))], { from: '2026-11-01', to: '2026-11-03' });
    expect(series).toEqual([
      { day: '2026-11-01', p50: null, p90: null, met: 0, breached: 0 },
      { day: '2026-11-02', p50: 120, p90: 900, met: 3, breached: 1 },
      { day: '2026-11-03', p50: null, p90: null, met: 0, breached: 0 },
    ]);
  });

  it('has all 24 hours', () => {
    const series = hourSeries([row(0, '0', stats(1, 0), 4), row(23, '23', stats(1, 1), 2)]);
    expect(series).toHaveLength(24);
    expect(series[0]).toEqual({ hour: 0, conversations: 4 });
    expect(series[12]).toEqual({ hour: 12, conversations: 0 });
    expect(series[23]).toEqual({ hour: 23, conversations: 2 });
  });

  it('takes attainment and consistency per group, keeping the no-role row apart', () => {
    const bars = attainmentBars([row('r1', 'Care', stats(3, 1), 4, 0.5), row(null, 'No role', stats(0, 2), 2, 0)]);
    expect(bars).toEqual([
      { key: 'r1', label: 'Care', unnamed: false, attainment: 0.75, consistency: 0.5, met: 3, breached: 1, periods: 1, periodsOnTarget: 1 },
      { key: '', label: 'No role', unnamed: true, attainment: 0, consistency: 0, met: 0, breached: 2, periods: 1, periodsOnTarget: 0 },
    ]);
  });

  it('totals the first-response outcomes', () => {
    expect(firstResponseTotals([row('a', 'a', stats(3, 1)), row('b', 'b', stats(0, 4))])).toEqual({ outcomes: 8, met: 3, breached: 5, attainment: 3 / 8 });
    expect(firstResponseTotals([])).toEqual({ outcomes: 0, met: 0, breached: 0, attainment: null });
  });

  it('shares sentiment out, the unclassified as unknown', () => {
    const slices = sentimentShare({ conversations: 4, negative: 2, neutral: 0, positive: 1, unknown: 1 });
    expect(slices).toEqual([
      { sentiment: 'negative', count: 2, share: 0.5 },
      { sentiment: 'neutral', count: 0, share: 0 },
      { sentiment: 'positive', count: 1, share: 0.25 },
      { sentiment: 'unknown', count: 1, share: 0.25 },
    ]);
    expect(sentimentShare({ conversations: 0, negative: 0, neutral: 0, positive: 0, unknown: 0 }).every((s) => s.share === 0)).toBe(true);
  });

  it('has a sentiment bar for every day of the range, the days without new conversations empty', () => {
    const bars = sentimentDays([{ key: '2026-11-02', conversations: 2, negative: 1, neutral: 0, positive: 1, unknown: 0 }], { from: '2026-11-01', to: '2026-11-03' });
    expect(bars.map((b) => [b.key, b.label, b.conversations, b.slices.map((s) => s.share)])).toEqual([
      ['2026-11-01', null, 0, [0, 0, 0, 0]],
      ['2026-11-02', null, 2, [0.5, 0, 0.5, 0]],
      ['2026-11-03', null, 0, [0, 0, 0, 0]],
    ]);
  });

  it('keeps the report’s order of roles, the no-role row without a name', () => {
    const counts = { conversations: 1, negative: 0, neutral: 1, positive: 0, unknown: 0 };
    const bars = sentimentGroups([
      { key: 'r1', label: 'Care', ...counts },
      { key: 'none', label: 'No role', ...counts },
    ]);
    expect(bars.map((b) => [b.key, b.label])).toEqual([
      ['r1', 'Care'],
      ['none', null],
    ]);
    expect(bars[1]!.slices[1]).toEqual({ sentiment: 'neutral', count: 1, share: 1 });
  });
});
