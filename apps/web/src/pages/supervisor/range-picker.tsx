import { useI18n } from '../../i18n/i18n';
import { PRESETS, presetOf, presetRange, rangeProblem, type DateRange, type IsoDate } from './report-range';

/** From and to dates (both included) and the usual presets; a range the API would refuse is explained here. */
export function RangePicker({ range, today, onChange }: { range: DateRange; today: IsoDate; onChange(range: DateRange): void }) {
  const { t } = useI18n();
  const active = presetOf(range, today);
  const problem = rangeProblem(range);
  return (
    <div className="range-picker">
      <div className="presets" role="group" aria-label={t('supervisor.range.presets')}>
        {PRESETS.map((p) => (
          <button key={p} type="button" aria-pressed={active === p} className={active === p ? 'pressed' : undefined} onClick={() => onChange(presetRange(p, today))}>
            {t(`supervisor.range.${p}`)}
          </button>
        ))}
      </div>
      <label className="inline-field">
        {t('supervisor.range.from')}
        <input type="date" value={range.from} max={range.to || undefined} onChange={(e) => onChange({ ...range, from: e.target.value })} />
      </label>
      <label className="inline-field">
        {t('supervisor.range.to')}
        <input type="date" value={range.to} min={range.from || undefined} onChange={(e) => onChange({ ...range, to: e.target.value })} />
      </label>
      {problem && (
        <p className="note note-warning" role="alert">
          {t(`supervisor.range.problem.${problem}`)}
        </p>
      )}
    </div>
  );
}
