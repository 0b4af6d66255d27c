import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure, ChartTable } from './chart-figure';
import { Column, ColumnBar, ColumnChart, columnPlot, columnX } from './chart-parts';
import { durationTicks, labelStride } from './chart-scale';
import type { DateRange } from './report-range';
import type { DayPoint } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const MARGIN = { top: 12, right: 8, bottom: 28, left: 60 };

/** First-response median and 90th percentile for each day of the range, as paired bars. */
export function ResponseTimeChart({ points, range, tools }: { points: DayPoint[]; range: DateRange; tools?: ReactNode }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const measured = points.filter((p) => p.p90 !== null || p.p50 !== null);
  const max = Math.max(0, ...measured.map((p) => Math.max(p.p90 ?? 0, p.p50 ?? 0)));
  const ticks = durationTicks(max);
  const plot = columnPlot({ height: 240, margin: MARGIN, columns: points.length, ticks });
  const bar = Math.max(1, Math.min(18, plot.band * 0.36));
  const stride = labelStride(points.length, 8);
  const worst = measured.reduce<DayPoint | null>((w, p) => ((p.p90 ?? 0) > (w?.p90 ?? -1) ? p : w), null);

  const summary = worst
    ? t('supervisor.chart.response.summary', { days: points.length, measured: measured.length, worst: fmt.duration(worst.p90), day: fmt.longDay(worst.day) })
    : t('supervisor.chart.response.none');

  const table = (
    <ChartTable
      headings={[t('supervisor.col.day'), t('supervisor.col.p50'), t('supervisor.col.p90'), t('supervisor.col.met'), t('supervisor.col.breached')]}
      rows={points.map((p) => ({
        key: p.day,
        name: fmt.longDay(p.day),
        cells: (
          <>
            <td>{fmt.duration(p.p50)}</td>
            <td>{fmt.duration(p.p90)}</td>
            <td>{fmt.count(p.met)}</td>
            <td className={p.breached ? 'num-breached' : undefined}>{fmt.count(p.breached)}</td>
          </>
        ),
      }))}
    />
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
        <ColumnChart plot={plot} ticks={ticks} tickLabel={fmt.duration} label={summary}>
          {points.map((p, i) => {
            const x = columnX(plot, i);
            const middle = x + plot.band / 2;
            const title = t('supervisor.chart.response.point', { day: fmt.longDay(p.day), p50: fmt.duration(p.p50), p90: fmt.duration(p.p90) });
            return (
              <Column key={p.day} plot={plot} x={x} title={title} name={i % stride === 0 ? fmt.day(p.day) : undefined}>
                {p.p50 !== null && <ColumnBar plot={plot} className="bar-p50" x={middle - bar} width={bar} value={p.p50} />}
                {p.p90 !== null && <ColumnBar plot={plot} className="bar-p90" x={middle} width={bar} value={p.p90} />}
              </Column>
            );
          })}
        </ColumnChart>
      )}
    </ChartFigure>
  );
}
