import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure, ChartTable } from './chart-figure';
import { CHART_WIDTH as W, NamedRow } from './chart-parts';
import { scale } from './chart-scale';
import { spokenSummary } from './chart-summary';
import type { AttainmentBar } from './report-series';
import { useSupervisorFormat } from './supervisor-format';

export type AttainmentGroup = 'role' | 'agent' | 'channel';

const ROW = 38;
const M = { top: 22, right: 128, bottom: 24, left: 150 };
const AXIS = [0, 0.25, 0.5, 0.75, 1];

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

  const describe = (b: AttainmentBar) => t('supervisor.chart.attainment.spokenRow', { name: nameOf(b), attainment: fmt.percent(b.attainment), breached: fmt.count(b.breached) });
  const summary = bars.length
    ? spokenSummary(t('supervisor.chart.attainment.summary', { group: t(`supervisor.group.${group}`), target: fmt.percent(minAttainment) }), bars, describe, (count) => t('supervisor.chart.more', { count }))
    : t('supervisor.chart.attainment.none');

  const table = (
    <ChartTable
      headings={[t(`supervisor.group.${group}`), t('supervisor.col.met'), t('supervisor.col.breached'), t('supervisor.col.attainment'), t('supervisor.col.consistency')]}
      rows={bars.map((b) => ({
        key: b.key,
        name: nameOf(b),
        cells: (
          <>
            <td>{fmt.count(b.met)}</td>
            <td className={b.breached ? 'num-breached' : undefined}>{fmt.count(b.breached)}</td>
            <td className={b.attainment !== null && b.attainment < minAttainment ? 'num-breached' : undefined}>{fmt.percent(b.attainment)}</td>
            <td>
              {fmt.percent(b.consistency)}{' '}
              <span className="muted">{t('supervisor.chart.attainment.periods', { on: fmt.count(b.periodsOnTarget), of: fmt.count(b.periods) })}</span>
            </td>
          </>
        ),
      }))}
    />
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
              <NamedRow
                key={b.key}
                className="attainment-row"
                margin={M}
                top={top}
                height={ROW}
                title={`${name}: ${describe(b)}`}
                name={name}
                value={
                  <>
                    <tspan className={below ? 'value-breached' : undefined}>{fmt.percent(b.attainment)}</tspan>
                    {b.breached > 0 && <tspan className="value-breached">{` · ${t('supervisor.chart.attainment.breachedCount', { count: fmt.count(b.breached) })}`}</tspan>}
                  </>
                }
              >
                {b.attainment !== null && <rect className={`bar-attainment ${below ? 'below-target' : 'on-target'}`} x={M.left} y={top + 6} width={Math.max(1, x(b.attainment) - M.left)} height={13} />}
                {b.consistency !== null && <rect className="bar-consistency" x={M.left} y={top + 22} width={Math.max(1, x(b.consistency) - M.left)} height={8} />}
              </NamedRow>
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
