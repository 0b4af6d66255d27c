import { useCallback } from 'react';
import { ValueOptions } from '../../components/options';
import { useT } from '../../i18n/i18n';
import { DURATION_UNITS, splitSeconds, type DurationInput, type DurationUnit } from './durations';
import { Field } from './form-kit';

/** A target typed as an amount in minutes, hours or days; empty means "no target" where that is allowed. */
export function DurationField({ label, hint, value, onChange, required }: { label: string; hint?: string; value: DurationInput; onChange(v: DurationInput): void; required?: boolean }) {
  const t = useT();
  return (
    <Field label={label} hint={hint} required={required}>
      {(p) => (
        <span className="duration-input">
          <input {...p} type="number" min={0} step="any" inputMode="decimal" value={value.amount} onChange={(e) => onChange({ ...value, amount: e.target.value })} />
          <select aria-label={t('admin.duration.unitOf', { name: label })} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })}>
            <ValueOptions values={DURATION_UNITS} label={(u) => t(`admin.duration.unit.${u}`)} />
          </select>
        </span>
      )}
    </Field>
  );
}

/** "30 min", "2 h", "1 d" — or "—" for no target. */
export function useDurationText(): (seconds: number | null) => string {
  const t = useT();
  return useCallback(
    (seconds) => {
      if (seconds === null) return '—';
      const { amount, unit } = splitSeconds(seconds);
      return t(`admin.duration.short.${unit}`, { count: amount });
    },
    [t],
  );
}
