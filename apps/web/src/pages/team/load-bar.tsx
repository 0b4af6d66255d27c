import { useT } from '../../i18n/i18n';
import { loadOf } from './workload-logic';

/** One role's open conversations against the member's capacity in it: a bar that turns red at capacity. */
export function LoadBar({ role, open, capacity }: { role: string; open: number; capacity: number | null }) {
  const t = useT();
  const load = loadOf(open, capacity);
  const state = load.tone === 'full' ? t('team.load.full') : load.tone === 'unlimited' ? t('team.load.unlimited') : '';
  const label = t('team.load.label', { role, label: load.label }) + (state ? ` (${state})` : '');
  return (
    <div className={`load load-${load.tone}`} data-load-tone={load.tone}>
      <span className="load-role">{role}</span>
      <span
        className="load-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={capacity ?? undefined}
        aria-valuenow={open}
        aria-valuetext={label}
      >
        <span className="load-fill" style={{ width: `${Math.round(load.share * 100)}%` }} />
      </span>
      <span className="load-count">
        {load.label}
        {load.tone === 'full' && <span className="load-flag">{t('team.load.full')}</span>}
      </span>
    </div>
  );
}
