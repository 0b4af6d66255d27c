import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure, ChartTable } from './chart-figure';
import { Column, ColumnBar, ColumnChart, columnPlot, columnX } from './chart-parts';
import { niceTicks } from './chart-scale';
import type { HourPoint } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const MARGIN = { top: 12, right: 8, bottom: 28, left: 44 };
const HOURS = 24;

/** Conversations by the local hour their clock started, 0–23, over every day of the range. */
export function VolumeChart({ hours, timezone, tools }: { hours: HourPoint[]; timezone: string; tools?: ReactNode }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const max = Math.max(0, ...hours.map((h) => h.conversations));
  const ticks = niceTicks(max);
  const plot = columnPlot({ height: 220, margin: MARGIN, columns: HOURS, ticks });
  const busiest = hours.reduce((b, h) => (h.conversations > b.conversations ? h : b), hours[0]!);
  const hourLabel = (hour: number) => t('supervisor.chart.volume.hour', { hour: String(hour).padStart(2, '0') });
  const summary = max
    ? t('supervisor.chart.volume.summary', { hour: hourLabel(busiest.hour), count: fmt.count(busiest.conversations), quiet: fmt.count(hours.filter((h) => !h.conversations).length) })
    : t('supervisor.chart.volume.none');

  const table = (
    <ChartTable headings={[t('supervisor.col.hour'), t('supervisor.col.conversations')]} rows={hours.map((h) => ({ key: h.hour, name: hourLabel(h.hour), cells: <td>{fmt.count(h.conversations)}</td> }))} />
  );

  return (
    <ChartFigure title={t('supervisor.chart.volume.title')} tools={tools} table={table} note={t('supervisor.chart.volume.note', { timezone })}>
      {max === 0 ? (
        <ChartEmpty>{summary}</ChartEmpty>
      ) : (
        <ColumnChart plot={plot} ticks={ticks} tickLabel={fmt.count} label={summary}>
          {hours.map((h) => {
            const x = columnX(plot, h.hour);
            return (
              <Column key={h.hour} plot={plot} x={x} title={`${hourLabel(h.hour)}: ${fmt.count(h.conversations)}`} name={h.hour % 3 === 0 ? String(h.hour).padStart(2, '0') : undefined}>
                {h.conversations > 0 && <ColumnBar plot={plot} className="bar-volume" x={x + plot.band * 0.15} width={plot.band * 0.7} value={h.conversations} />}
              </Column>
            );
          })}
        </ColumnChart>
      )}
    </ChartFigure>
  );
}
