import { addHoliday, copyDay, emptyGrid, gridFromIntervals, intervalsFromGrid, normalizeTime, weekdaysGrid, weeklySummary } from './weekly-grid';

const NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

describe('the weekly grid and the API’s intervals', () => {
  it('reads intervals into days, Monday first, each day by start', () => {
    const grid = gridFromIntervals([
      { day: 1, from: '14:00', to: '18:00' },
      { day: 1, from: '09:00', to: '13:00' },
      { day: 7, from: '22:00', to: '02:00' },
    ]);
    expect(grid[0]).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ]);
    expect(grid[6]).toEqual([{ from: '22:00', to: '02:00' }]);
    expect(grid.slice(1, 6).every((d) => d.length === 0)).toBe(true);
  });

  it('writes the grid back as intervals by day then start, dropping blank rows and tidying times', () => {
    const grid = emptyGrid();
    grid[4] = [
      { from: '14', to: '24' },
      { from: '9', to: '1230' },
      { from: ' ', to: '' },
    ];
    expect(intervalsFromGrid(grid)).toEqual([
      { day: 5, from: '09:00', to: '12:30' },
      { day: 5, from: '14:00', to: '24:00' },
    ]);
  });

  it('round-trips what the API answers', () => {
    const intervals = [
      { day: 1, from: '09:00', to: '13:00' },
      { day: 1, from: '14:00', to: '18:00' },
      { day: 5, from: '22:00', to: '02:00' },
      { day: 6, from: '00:00', to: '24:00' },
    ];
    expect(intervalsFromGrid(gridFromIntervals(intervals))).toEqual(intervals);
  });

  it('leaves times it cannot read for the server to name', () => {
    expect(normalizeTime('9.30')).toBe('09:30');
    expect(normalizeTime('25')).toBe('25');
    expect(normalizeTime('9:5')).toBe('9:5');
    expect(normalizeTime('noon')).toBe('noon');
    expect(normalizeTime('18:75')).toBe('18:75');
  });

  it('offers office hours and copies Monday to other days without touching the rest', () => {
    const office = weekdaysGrid();
    expect(intervalsFromGrid(office)).toHaveLength(5);
    expect(office[5]).toEqual([]);
    const grid = emptyGrid();
    grid[0] = [{ from: '08:00', to: '12:00' }];
    grid[6] = [{ from: '10:00', to: '11:00' }];
    const copied = copyDay(grid, 1, [2, 3]);
    expect(copied[1]).toEqual([{ from: '08:00', to: '12:00' }]);
    expect(copied[2]).toEqual([{ from: '08:00', to: '12:00' }]);
    expect(copied[3]).toEqual([]);
    expect(copied[6]).toEqual([{ from: '10:00', to: '11:00' }]);
    copied[1]![0]!.from = '07:00';
    expect(grid[0]![0]!.from).toBe('08:00');
  });

  it('summarizes the week, grouping days with the same hours', () => {
    expect(weeklySummary(intervalsFromGrid(weekdaysGrid()), NAMES)).toBe('Mon–Fri 09:00–18:00');
    expect(
      weeklySummary(
        [
          { day: 1, from: '09:00', to: '13:00' },
          { day: 1, from: '14:00', to: '18:00' },
          { day: 3, from: '09:00', to: '18:00' },
          { day: 6, from: '10:00', to: '12:00' },
          { day: 7, from: '10:00', to: '12:00' },
        ],
        NAMES,
      ),
    ).toBe('Mon 09:00–13:00, 14:00–18:00; Wed 09:00–18:00; Sat–Sun 10:00–12:00');
    expect(weeklySummary([], NAMES)).toBe('');
  });

  it('keeps holidays unique and in date order', () => {
    expect(addHoliday(['2026-12-25'], '2026-01-01')).toEqual(['2026-01-01', '2026-12-25']);
    expect(addHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
    expect(addHoliday(['2026-12-25'], ' ')).toEqual(['2026-12-25']);
  });
});
