import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure } from './chart-figure';
import { durationTicks, labelStride, scale } from './chart-scale';
import type { DateRange } from './report-range';
import type { DayPoint } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const W = 640;
const H = 240;
const M = { top: 12, right: 8, bottom: 28, left: 60 };

/** First-response median and 90th percentile for each day of the range, as paired bars. */
export function ResponseTimeChart({ points, range, tools }: { points: DayPoint[]; range: DateRange; tools?: ReactNode }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const measured = points.filter((p) => p.p90 !== null || p.p50 !== null);
  const max = Math.max(0, ...measured.map((p) => Math.max(p.p90 ?? 0, p.p50 ?? 0)));
  const ticks = durationTicks(max);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, points.length);
  const bar = Math.max(1, Math.min(18, band * 0.36));
  const stride = labelStride(points.length, 8);
  const worst = measured.reduce<DayPoint | null>((w, p) => ((p.p90 ?? 0) > (w?.p90 ?? -1) ? p : w), null);
  const y = (seconds: number) => M.top + plotH - scale(seconds, top, plotH);

  const summary = worst
    ? t('supervisor.chart.response.summary', { days: points.length, measured: measured.length, worst: fmt.duration(worst.p90), day: fmt.longDay(worst.day) })
    : t('supervisor.chart.response.none');

  const table = (
    <table>
      <caption className="visually-hidden">{t('supervisor.chart.response.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.day')}</th>
          <th scope="col">{t('supervisor.col.p50')}</th>
          <th scope="col">{t('supervisor.col.p90')}</th>
          <th scope="col">{t('supervisor.col.met')}</th>
          <th scope="col">{t('supervisor.col.breached')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.day}>
            <th scope="row">{fmt.longDay(p.day)}</th>
            <td>{fmt.duration(p.p50)}</td>
            <td>{fmt.duration(p.p90)}</td>
            <td>{fmt.count(p.met)}</td>
            <td className={p.breached ? 'num-breached' : undefined}>{fmt.count(p.breached)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={t('supervisor.chart.response.title')} tools={tools} table={table} note={t('supervisor.chart.response.note', { from: fmt.longDay(range.from), to: fmt.longDay(range.to) })}>
      <div className="chart-legend" aria-hidden="true">
        <span className="swatch swatch-p50" /> {t('supervisor.col.p50')}
        <span className="swatch swatch-p90" /> {t('supervisor.col.p90')}
      </div>
      {measured.length === 0 ? (
        <ChartEmpty>{summary}</ChartEmpty>
      ) : (
        <svg className="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line className="grid" x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} />
              <text className="axis" x={M.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {fmt.duration(tick)}
              </text>
            </g>
          ))}
          {points.map((p, i) => {
            const x = M.left + i * band + band / 2;
            const title = t('supervisor.chart.response.point', { day: fmt.longDay(p.day), p50: fmt.duration(p.p50), p90: fmt.duration(p.p90) });
            return (
              <g key={p.day}>
                <title>{title}</title>
                {p.p50 !== null && <rect className="bar-p50" x={x - bar} y={y(p.p50)} width={bar} height={M.top + plotH - y(p.p50)} />}
                {p.p90 !== null && <rect className="bar-p90" x={x} y={y(p.p90)} width={bar} height={M.top + plotH - y(p.p90)} />}
                {i % stride === 0 && (
                  <text className="axis" x={x} y={H - M.bottom + 16} textAnchor="middle">
                    {fmt.day(p.day)}
                  </text>
                )}
              </g>
            );
          })}
          <line className="axis-line" x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} />
        </svg>
      )}
    </ChartFigure>
  );
}
