import { CHART_WIDTH as W, Column, ColumnChart, columnPlot, columnX, NamedRow } from './chart-parts';
import { labelStride } from './chart-scale';
import type { SentimentBar, SentimentSlice } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const SHARE_TICKS = [0, 0.5, 1];

/** One 100 % bar split by sentiment, along x (horizontal) or up from the bottom (vertical). */
function Slices({ slices, x, y, length, thickness, vertical = false }: { slices: SentimentSlice[]; x: number; y: number; length: number; thickness: number; vertical?: boolean }) {
  let at = 0;
  return (
    <>
      {slices.map((s) => {
        const size = s.share * length;
        const start = at;
        at += size;
        if (size <= 0) return null;
        return vertical ? (
          <rect key={s.sentiment} className={`slice slice-${s.sentiment}`} x={x} y={y + length - start - size} width={thickness} height={size} />
        ) : (
          <rect key={s.sentiment} className={`slice slice-${s.sentiment}`} x={x + start} y={y} width={size} height={thickness} />
        );
      })}
    </>
  );
}

/** The range's share as one horizontal bar, each share written on its slice when there is room. */
export function SentimentTotalBar({ slices, label, titles }: { slices: SentimentSlice[]; label: string; titles: string[] }) {
  const fmt = useSupervisorFormat();
  const H = 56;
  const BAR = 28;
  let x = 0;
  return (
    <svg className="chart-svg sentiment-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {slices.map((s, i) => {
        const width = s.share * W;
        const start = x;
        x += width;
        if (width <= 0) return null;
        return (
          <g key={s.sentiment}>
            <title>{titles[i]}</title>
            <rect className={`slice slice-${s.sentiment}`} x={start} y={(H - BAR) / 2} width={width} height={BAR} />
            {width > 44 && (
              <text className="slice-label" x={start + width / 2} y={H / 2} dy="0.32em" textAnchor="middle">
                {fmt.percent(s.share)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The share of each day of the range as a column; a day without new conversations is an empty gap. */
export function SentimentDayColumns({ bars, label, titleOf }: { bars: SentimentBar[]; label: string; titleOf(bar: SentimentBar): string }) {
  const fmt = useSupervisorFormat();
  const plot = columnPlot({ height: 200, margin: { top: 8, right: 8, bottom: 28, left: 44 }, columns: bars.length, ticks: SHARE_TICKS });
  const stride = labelStride(bars.length, 8);
  return (
    <ColumnChart plot={plot} ticks={SHARE_TICKS} tickLabel={fmt.percent} label={label}>
      {bars.map((b, i) => {
        const x = columnX(plot, i);
        return (
          <Column key={b.key} plot={plot} x={x} title={titleOf(b)} name={i % stride === 0 ? fmt.day(b.key) : undefined}>
            {b.conversations > 0 && <Slices slices={b.slices} x={x + plot.band * 0.15} y={plot.margin.top} length={plot.plotH} thickness={Math.max(1, plot.band * 0.7)} vertical />}
          </Column>
        );
      })}
    </ColumnChart>
  );
}

/** The share of each role or channel as a horizontal bar, its name on the left and its conversations on the right. */
export function SentimentGroupRows({
  bars,
  label,
  nameOf,
  valueOf,
  titleOf,
}: {
  bars: SentimentBar[];
  label: string;
  nameOf(bar: SentimentBar): string;
  valueOf(bar: SentimentBar): string;
  titleOf(bar: SentimentBar): string;
}) {
  const ROW = 30;
  const M = { top: 4, right: 110, bottom: 4, left: 150 };
  const plotW = W - M.left - M.right;
  const H = M.top + bars.length * ROW + M.bottom;
  return (
    <svg className="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {bars.map((b, i) => {
        const top = M.top + i * ROW;
        return (
          <NamedRow key={b.key} margin={M} top={top} height={ROW} title={titleOf(b)} name={nameOf(b)} value={valueOf(b)}>
            <Slices slices={b.slices} x={M.left} y={top + 7} length={plotW} thickness={ROW - 14} />
          </NamedRow>
        );
      })}
    </svg>
  );
}
