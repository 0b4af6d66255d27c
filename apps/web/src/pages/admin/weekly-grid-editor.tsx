import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { DAYS, copyDay, weekdaysGrid, emptyGrid, type Day, type Span, type WeeklyGrid } from './weekly-grid';

/** What each end of an interval looks like, as a hint in its empty field. */
const PLACEHOLDER = { from: '09:00', to: '18:00' } as const;

/** Day names in the chosen language, Monday first (1 January 2024 was a Monday). */
export function useDayNames(style: 'long' | 'short'): string[] {
  const { locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
    return DAYS.map((d) => format.format(Date.UTC(2024, 0, d)));
  }, [locale, style]);
}

/**
 * The week as rows of days, each with any number of open intervals (`HH:MM`; `24:00` ends the day; an end before the
 * start runs past midnight). Text fields rather than time pickers, since pickers cannot say `24:00`.
 */
export function WeeklyGridEditor({ grid, onChange }: { grid: WeeklyGrid; onChange(grid: WeeklyGrid): void }) {
  const { t } = useI18n();
  const days = useDayNames('long');

  const update = (day: number, spans: Span[]) => onChange(grid.map((s, i) => (i === day - 1 ? spans : s)));
  const setSpan = (day: number, index: number, span: Span) => update(day, grid[day - 1]!.map((s, i) => (i === index ? span : s)));

  return (
    <fieldset className="weekly-grid">
      <legend>{t('admin.hours.weekly')}</legend>
      <small className="muted">{t('admin.hours.weeklyHint')}</small>
      <div className="grid-tools">
        <button type="button" onClick={() => onChange(weekdaysGrid())}>
          {t('admin.hours.presetOffice')}
        </button>
        <button type="button" onClick={() => onChange(copyDay(grid, 1, [2, 3, 4, 5] as Day[]))}>
          {t('admin.hours.copyMonday')}
        </button>
        <button type="button" onClick={() => onChange(emptyGrid())}>
          {t('admin.hours.clear')}
        </button>
      </div>
      <table className="grid-table">
        <tbody>
          {DAYS.map((day) => {
            const spans = grid[day - 1] ?? [];
            const dayName = days[day - 1]!;
            return (
              <tr key={day}>
                <th scope="row">{dayName}</th>
                <td>
                  {spans.length === 0 && <span className="muted">{t('admin.hours.closed')}</span>}
                  {spans.map((span, index) => {
                    const n = index + 1;
                    const time = (end: 'from' | 'to') => (
                      <input
                        className="time"
                        value={span[end]}
                        placeholder={PLACEHOLDER[end]}
                        inputMode="numeric"
                        aria-label={t(`admin.hours.${end}`, { day: dayName, n })}
                        onChange={(e) => setSpan(day, index, { ...span, [end]: e.target.value })}
                      />
                    );
                    return (
                      <span className="span-row" key={index}>
                        {time('from')}
                        <span aria-hidden="true">–</span>
                        {time('to')}
                        <button type="button" className="icon" aria-label={t('admin.hours.removeSpan', { day: dayName, n })} title={t('admin.hours.removeSpan', { day: dayName, n })} onClick={() => update(day, spans.filter((_, i) => i !== index))}>
                          ×
                        </button>
                      </span>
                    );
                  })}
                </td>
                <td>
                  <button type="button" onClick={() => update(day, [...spans, { from: '', to: '' }])} aria-label={t('admin.hours.addSpan', { day: dayName })}>
                    {t('admin.hours.addSpanShort')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
