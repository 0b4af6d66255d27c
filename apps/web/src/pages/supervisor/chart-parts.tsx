import type { ReactNode } from 'react';
import { scale, shortLabel } from './chart-scale';

// The SVG pieces the report charts share: columns over a value axis (response times, volume, sentiment per day) and
// named horizontal rows (attainment, sentiment per role or channel). Each chart keeps only what it draws in them.

/** Every chart is drawn on this width and scaled to its card. */
export const CHART_WIDTH = 640;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A column chart's frame: where the plot sits, each column's slot (`band`) and a value's height (`y`). */
export interface ColumnPlot {
  height: number;
  margin: Margin;
  plotH: number;
  /** The y of the base line (value 0). */
  baseY: number;
  band: number;
  /** The y of a value on the axis, which runs from 0 to the last tick. */
  y(value: number): number;
}

export function columnPlot({ height, margin, columns, ticks }: { height: number; margin: Margin; columns: number; ticks: readonly number[] }): ColumnPlot {
  const plotH = height - margin.top - margin.bottom;
  const top = ticks[ticks.length - 1]!;
  const baseY = margin.top + plotH;
  return { height, margin, plotH, baseY, band: (CHART_WIDTH - margin.left - margin.right) / Math.max(1, columns), y: (value) => baseY - scale(value, top, plotH) };
}

/** The picture: grid lines with their values on the left, the columns, and the base line over them. */
export function ColumnChart({ plot, ticks, tickLabel, label, children }: { plot: ColumnPlot; ticks: readonly number[]; tickLabel(tick: number): string; label: string; children: ReactNode }) {
  const { margin, y } = plot;
  return (
    <svg className="chart-svg" viewBox={`0 0 ${CHART_WIDTH} ${plot.height}`} role="img" aria-label={label}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="grid" x1={margin.left} x2={CHART_WIDTH - margin.right} y1={y(tick)} y2={y(tick)} />
          <text className="axis" x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {tickLabel(tick)}
          </text>
        </g>
      ))}
      {children}
      <line className="axis-line" x1={margin.left} x2={CHART_WIDTH - margin.right} y1={plot.baseY} y2={plot.baseY} />
    </svg>
  );
}

/** The left edge of the column in slot `index`. */
export const columnX = (plot: ColumnPlot, index: number) => plot.margin.left + index * plot.band;

/** One column's slot starting at `x`: its tooltip, its bars, and its name under the axis (unless left out to fit). */
export function Column({ plot, x, title, name, children }: { plot: ColumnPlot; x: number; title: string; name?: string; children: ReactNode }) {
  return (
    <g>
      <title>{title}</title>
      {children}
      {name !== undefined && (
        <text className="axis" x={x + plot.band / 2} y={plot.height - plot.margin.bottom + 16} textAnchor="middle">
          {name}
        </text>
      )}
    </g>
  );
}

/** A bar standing on the base line up to `value`. */
export function ColumnBar({ plot, className, x, width, value }: { plot: ColumnPlot; className: string; x: number; width: number; value: number }) {
  return <rect className={className} x={x} y={plot.y(value)} width={width} height={plot.baseY - plot.y(value)} />;
}

/**
 * One horizontal row `height` px tall from `top`: its tooltip, its name left of the plot (cut to fit; the full name
 * is in the tooltip and the table), its bars, and its value right of the plot.
 */
export function NamedRow({ margin, top, height, title, name, value, className, children }: { margin: Margin; top: number; height: number; title: string; name: string; value: ReactNode; className?: string; children: ReactNode }) {
  const middle = top + height / 2;
  return (
    <g className={className}>
      <title>{title}</title>
      <text className="row-label" x={margin.left - 8} y={middle} dy="0.32em" textAnchor="end">
        {shortLabel(name)}
      </text>
      {children}
      <text className="row-value" x={CHART_WIDTH - margin.right + 8} y={middle} dy="0.32em">
        {value}
      </text>
    </g>
  );
}
