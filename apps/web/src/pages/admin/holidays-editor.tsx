import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { addHoliday } from './weekly-grid';

/** Dates on which the calendar stays closed all day (local dates in its time zone). */
export function HolidaysEditor({ holidays, onChange }: { holidays: string[]; onChange(next: string[]): void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [date, setDate] = useState('');
  const show = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  return (
    <fieldset className="holidays">
      <legend>{t('admin.hours.holidays')}</legend>
      <small className="muted">{t('admin.hours.holidaysHint')}</small>
      <div className="copy-row">
        <label htmlFor={id} className="visually-hidden">
          {t('admin.hours.holidayDate')}
        </label>
        <input id={id} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button
          type="button"
          disabled={!date}
          onClick={() => {
            onChange(addHoliday(holidays, date));
            setDate('');
          }}
        >
          {t('admin.hours.addHoliday')}
        </button>
      </div>
      {holidays.length === 0 ? (
        <p className="muted">{t('admin.hours.noHolidays')}</p>
      ) : (
        <ul className="holiday-list">
          {holidays.map((d) => (
            <li key={d}>
              <time dateTime={d}>{/^\d{4}-\d{2}-\d{2}$/.test(d) ? show(d) : d}</time>
              <button type="button" className="link" aria-label={t('admin.hours.removeHoliday', { date: d })} onClick={() => onChange(holidays.filter((h) => h !== d))}>
                {t('admin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
