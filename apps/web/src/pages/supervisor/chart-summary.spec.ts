import { SPOKEN_ROWS, spokenSummary } from './chart-summary';

describe('a chart’s spoken summary', () => {
  const more = (count: number) => `And ${count} more.`;

  it('names every row when they fit', () => {
    expect(spokenSummary('Attainment by role:', ['Care 90%', 'PR 50%'], (row) => row, more)).toBe('Attainment by role: Care 90%; PR 50%.');
  });

  it('names the first rows and counts the others', () => {
    const rows = Array.from({ length: SPOKEN_ROWS + 3 }, (_, i) => i + 1);
    expect(spokenSummary('Days:', rows, (n) => `day ${n}`, more)).toBe(`Days: ${rows.slice(0, SPOKEN_ROWS).map((n) => `day ${n}`).join('; ')}. And 3 more.`);
  });
});
