import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure } from './chart-figure';
import { niceTicks, scale } from './chart-scale';
import type { HourPoint } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const W = 640;
const H = 220;
const M = { top: 12, right: 8, bottom: 28, left: 44 };

/** Conversations by the local hour their clock started, 0–23, over every day of the range. */
export function VolumeChart({ hours, timezone, tools }: { hours: HourPoint[]; timezone: string; tools?: ReactNode }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const max = Math.max(0, ...hours.map((h) => h.conversations));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / 24;
  const y = (n: number) => M.top + plotH - scale(n, top, plotH);
  const busiest = hours.reduce((b, h) => (h.conversations > b.conversations ? h : b), hours[0]!);
  const hourLabel = (hour: number) => t('supervisor.chart.volume.hour', { hour: String(hour).padStart(2, '0') });
  const summary = max
    ? t('supervisor.chart.volume.summary', { hour: hourLabel(busiest.hour), count: fmt.count(busiest.conversations), quiet: fmt.count(hours.filter((h) => !h.conversations).length) })
    : t('supervisor.chart.volume.none');

  const table = (
    <table>
      <caption className="visually-hidden">{t('supervisor.chart.volume.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.hour')}</th>
          <th scope="col">{t('supervisor.col.conversations')}</th>
        </tr>
      </thead>
      <tbody>
        {hours.map((h) => (
          <tr key={h.hour}>
            <th scope="row">{hourLabel(h.hour)}</th>
            <td>{fmt.count(h.conversations)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={t('supervisor.chart.volume.title')} tools={tools} table={table} note={t('supervisor.chart.volume.note', { timezone })}>
      {max === 0 ? (
        <ChartEmpty>{summary}</ChartEmpty>
      ) : (
        <svg className="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line className="grid" x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} />
              <text className="axis" x={M.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {fmt.count(tick)}
              </text>
            </g>
          ))}
          {hours.map((h) => {
            const x = M.left + h.hour * band;
            return (
              <g key={h.hour}>
                <title>{`${hourLabel(h.hour)}: ${fmt.count(h.conversations)}`}</title>
                {h.conversations > 0 && <rect className="bar-volume" x={x + band * 0.15} y={y(h.conversations)} width={band * 0.7} height={M.top + plotH - y(h.conversations)} />}
                {h.hour % 3 === 0 && (
                  <text className="axis" x={x + band / 2} y={H - M.bottom + 16} textAnchor="middle">
                    {String(h.hour).padStart(2, '0')}
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
