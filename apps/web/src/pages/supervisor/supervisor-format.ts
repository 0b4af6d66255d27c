import { useMemo } from 'react';
import { formatDuration } from '../../components/sla-clock-logic';
import { useI18n } from '../../i18n/i18n';

export interface SupervisorFormat {
  count(n: number): string;
  /** A share 0–1 as a percentage; the "no value" mark for null. */
  percent(share: number | null): string;
  /** Seconds as "4m 05s"; the "no value" mark for null. */
  duration(seconds: number | null): string;
  /** Milliseconds left (or late, when negative) as "4m 05s", for countdowns. */
  span(ms: number): string;
  /** A report date `YYYY-MM-DD` as "2 Nov" (the date itself: no time zone shifts it). */
  day(date: string): string;
  /** A report date with its weekday, for tables and summaries. */
  longDay(date: string): string;
  /** An instant as a time of day, with the date when it is not today. */
  dueTime(ms: number, now: number): string;
}

/** Numbers, shares, durations and dates in the chosen language, for the board and the reports. */
export function useSupervisorFormat(): SupervisorFormat {
  const { t, locale, lang } = useI18n();
  return useMemo(() => {
    const none = t('supervisor.noValue');
    const counts = new Intl.NumberFormat(locale);
    const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const longDays = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const dateTimes = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const dateOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
    const span = (ms: number) => formatDuration(ms, lang === 'it' ? 'g' : 'd');
    return {
      count: (n) => counts.format(n),
      percent: (share) => (share === null ? none : percents.format(share)),
      duration: (seconds) => (seconds === null ? none : span(seconds * 1000)),
      span,
      day: (date) => days.format(dateOf(date)),
      longDay: (date) => longDays.format(dateOf(date)),
      dueTime: (ms, now) => (new Date(ms).toDateString() === new Date(now).toDateString() ? times : dateTimes).format(ms),
    };
  }, [t, locale, lang]);
}
