import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure } from './chart-figure';
import { scale, shortLabel } from './chart-scale';
import type { AttainmentBar } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

export type AttainmentGroup = 'role' | 'agent' | 'channel';

const W = 640;
const ROW = 38;
const M = { top: 22, right: 128, bottom: 24, left: 150 };
const AXIS = [0, 0.25, 0.5, 0.75, 1];
/** The summary read out by a screen reader names this many rows, then says how many more there are. */
const SPOKEN_ROWS = 8;

/**
 * First-response attainment (met / (met + breached)) and the consistency ratio for each role, agent or channel, as
 * horizontal bars against the workspace's target line.
 */
export function AttainmentChart({ bars, group, minAttainment, tools }: { bars: AttainmentBar[]; group: AttainmentGroup; minAttainment: number; tools?: ReactNode }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const plotW = W - M.left - M.right;
  const H = M.top + bars.length * ROW + M.bottom;
  const x = (share: number) => M.left + scale(share, 1, plotW);
  const nameOf = (b: AttainmentBar) => (b.unnamed ? t(group === 'agent' ? 'supervisor.unassigned' : 'supervisor.noRole') : b.label);

  const spoken = bars
    .slice(0, SPOKEN_ROWS)
    .map((b) => t('supervisor.chart.attainment.spokenRow', { name: nameOf(b), attainment: fmt.percent(b.attainment), breached: fmt.count(b.breached) }))
    .join('; ');
  const more = bars.length > SPOKEN_ROWS ? ` ${t('supervisor.chart.more', { count: bars.length - SPOKEN_ROWS })}` : '';
  const summary = bars.length
    ? `${t('supervisor.chart.attainment.summary', { group: t(`supervisor.group.${group}`), target: fmt.percent(minAttainment) })} ${spoken}.${more}`
    : t('supervisor.chart.attainment.none');

  const table = (
    <table>
      <caption className="visually-hidden">{t('supervisor.chart.attainment.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`supervisor.group.${group}`)}</th>
          <th scope="col">{t('supervisor.col.met')}</th>
          <th scope="col">{t('supervisor.col.breached')}</th>
          <th scope="col">{t('supervisor.col.attainment')}</th>
          <th scope="col">{t('supervisor.col.consistency')}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr key={b.key}>
            <th scope="row">{nameOf(b)}</th>
            <td>{fmt.count(b.met)}</td>
            <td className={b.breached ? 'num-breached' : undefined}>{fmt.count(b.breached)}</td>
            <td className={b.attainment !== null && b.attainment < minAttainment ? 'num-breached' : undefined}>{fmt.percent(b.attainment)}</td>
            <td>
              {fmt.percent(b.consistency)}{' '}
              <span className="muted">{t('supervisor.chart.attainment.periods', { on: fmt.count(b.periodsOnTarget), of: fmt.count(b.periods) })}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={t('supervisor.chart.attainment.title')} tools={tools} table={table} note={t('supervisor.chart.attainment.note')}>
      <div className="chart-legend" aria-hidden="true">
        <span className="swatch swatch-attainment" /> {t('supervisor.col.attainment')}
        <span className="swatch swatch-consistency" /> {t('supervisor.col.consistency')}
        <span className="swatch swatch-target" /> {t('supervisor.chart.attainment.target', { target: fmt.percent(minAttainment) })}
      </div>
      {bars.length === 0 ? (
        <ChartEmpty>{summary}</ChartEmpty>
      ) : (
        <svg className="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          {AXIS.map((share) => (
            <g key={share}>
              <line className="grid" x1={x(share)} x2={x(share)} y1={M.top} y2={H - M.bottom} />
              <text className="axis" x={x(share)} y={H - M.bottom + 15} textAnchor="middle">
                {fmt.percent(share)}
              </text>
            </g>
          ))}
          {bars.map((b, i) => {
            const top = M.top + i * ROW;
            const below = b.attainment !== null && b.attainment < minAttainment;
            const name = nameOf(b);
            return (
              <g key={b.key} className="attainment-row">
                <title>{`${name}: ${t('supervisor.chart.attainment.spokenRow', { name, attainment: fmt.percent(b.attainment), breached: fmt.count(b.breached) })}`}</title>
                <text className="row-label" x={M.left - 8} y={top + ROW / 2} dy="0.32em" textAnchor="end">
                  {shortLabel(name)}
                </text>
                {b.attainment !== null && <rect className={`bar-attainment ${below ? 'below-target' : 'on-target'}`} x={M.left} y={top + 6} width={Math.max(1, x(b.attainment) - M.left)} height={13} />}
                {b.consistency !== null && <rect className="bar-consistency" x={M.left} y={top + 22} width={Math.max(1, x(b.consistency) - M.left)} height={8} />}
                <text className="row-value" x={W - M.right + 8} y={top + ROW / 2} dy="0.32em">
                  <tspan className={below ? 'value-breached' : undefined}>{fmt.percent(b.attainment)}</tspan>
                  {b.breached > 0 && <tspan className="value-breached">{` · ${t('supervisor.chart.attainment.breachedCount', { count: fmt.count(b.breached) })}`}</tspan>}
                </text>
              </g>
            );
          })}
          <line className="target-line" x1={x(minAttainment)} x2={x(minAttainment)} y1={M.top - 10} y2={H - M.bottom} />
          <text className="target-label" x={x(minAttainment)} y={M.top - 12} textAnchor="middle">
            {fmt.percent(minAttainment)}
          </text>
        </svg>
      )}
    </ChartFigure>
  );
}
