import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure } from './chart-figure';
import type { SentimentSlice } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

const W = 640;
const H = 56;
const BAR = 28;

/**
 * The share of each sentiment among the open conversations, as one stacked bar. The SLA report has no sentiment,
 * so this reads the open conversations as they are now, and says so.
 */
export function SentimentChart({ slices, sample, truncated }: { slices: SentimentSlice[]; sample: number; truncated: boolean }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const name = (s: SentimentSlice) => t(s.sentiment === 'unknown' ? 'supervisor.sentiment.unknown' : `sentiment.${s.sentiment}`);
  const parts = slices.map((s) => t('supervisor.chart.sentiment.part', { sentiment: name(s), share: fmt.percent(s.share), count: fmt.count(s.count) }));
  const summary = sample ? t('supervisor.chart.sentiment.summary', { count: fmt.count(sample), parts: parts.join(', ') }) : t('supervisor.chart.sentiment.none');
  let x = 0;

  const table = (
    <table>
      <caption className="visually-hidden">{t('supervisor.chart.sentiment.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.sentiment')}</th>
          <th scope="col">{t('supervisor.col.conversations')}</th>
          <th scope="col">{t('supervisor.col.share')}</th>
        </tr>
      </thead>
      <tbody>
        {slices.map((s) => (
          <tr key={s.sentiment}>
            <th scope="row">{name(s)}</th>
            <td>{fmt.count(s.count)}</td>
            <td>{fmt.percent(s.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure
      title={t('supervisor.chart.sentiment.title')}
      table={table}
      note={t(truncated ? 'supervisor.chart.sentiment.noteTruncated' : 'supervisor.chart.sentiment.note', { count: fmt.count(sample) })}
    >
      {sample === 0 ? (
        <ChartEmpty>{summary}</ChartEmpty>
      ) : (
        <>
          <svg className="chart-svg sentiment-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
            {slices.map((s, i) => {
              const width = s.share * W;
              const rect = (
                <g key={s.sentiment}>
                  <title>{parts[i]}</title>
                  {width > 0 && <rect className={`slice slice-${s.sentiment}`} x={x} y={(H - BAR) / 2} width={width} height={BAR} />}
                  {width > 44 && (
                    <text className="slice-label" x={x + width / 2} y={H / 2} dy="0.32em" textAnchor="middle">
                      {fmt.percent(s.share)}
                    </text>
                  )}
                </g>
              );
              x += width;
              return rect;
            })}
          </svg>
          <ul className="chart-legend sentiment-legend" aria-hidden="true">
            {slices.map((s, i) => (
              <li key={s.sentiment}>
                <span className={`swatch slice-${s.sentiment}`} /> {parts[i]}
              </li>
            ))}
          </ul>
        </>
      )}
    </ChartFigure>
  );
}
