import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure } from './chart-figure';
import type { DateRange } from './report-range';
import { SENTIMENTS, sentimentDays, sentimentGroups, sentimentShare, type SentimentBar, type SentimentKey, type SentimentReport, type SentimentSlice } from './report-series';
import { SentimentDayColumns, SentimentGroupRows, SentimentTotalBar } from './sentiment-bars';
import { useSupervisorFormat } from './supervisor-format';

/** The summary read out by a screen reader names this many rows, then says how many more there are. */
const SPOKEN_ROWS = 8;

/**
 * The sentiment of the conversations created in the chosen range: the share over the whole range as one bar, then
 * per day (columns) or per role or channel (rows), with the counts as a table on demand.
 */
export function SentimentChart({ report, range, tools }: { report: SentimentReport; range: DateRange; tools?: ReactNode }) {
  const { t, locale } = useI18n();
  const fmt = useSupervisorFormat();
  const group = report.groupBy;
  const bars = group === 'day' ? sentimentDays(report.rows, range) : sentimentGroups(report.rows);
  const totals = sentimentShare(report.totals);

  const sentimentName = (s: SentimentKey) => t(s === 'unknown' ? 'supervisor.sentiment.unknown' : `sentiment.${s}`);
  const conversations = (n: number) => t(n === 1 ? 'supervisor.chart.sentiment.conversations.one' : 'supervisor.chart.sentiment.conversations.other', { count: fmt.count(n) });
  const partsOf = (slices: SentimentSlice[]) =>
    slices.map((s) => t('supervisor.chart.sentiment.part', { sentiment: sentimentName(s.sentiment), share: fmt.percent(s.share), count: fmt.count(s.count) }));
  const nameOf = (b: SentimentBar) => (group === 'day' ? fmt.longDay(b.key) : (b.label ?? t('supervisor.noRole')));
  const describe = (b: SentimentBar) =>
    b.conversations
      ? t('supervisor.chart.sentiment.spokenRow', { name: nameOf(b), conversations: conversations(b.conversations), parts: partsOf(b.slices).join(', ') })
      : t('supervisor.chart.sentiment.spokenEmpty', { name: nameOf(b) });

  const totalParts = partsOf(totals);
  const summary = t('supervisor.chart.sentiment.summary', { count: fmt.count(report.totals.conversations), parts: totalParts.join(', ') });
  const spoken = bars.filter((b) => b.conversations > 0);
  const more = spoken.length > SPOKEN_ROWS ? ` ${t('supervisor.chart.more', { count: spoken.length - SPOKEN_ROWS })}` : '';
  const breakdown = `${t('supervisor.chart.sentiment.breakdown', { group: t(`supervisor.group.${group}`).toLocaleLowerCase(locale) })} ${spoken.slice(0, SPOKEN_ROWS).map(describe).join('; ')}.${more}`;

  const cells = (slices: SentimentSlice[], total: number) =>
    slices.map((s) => (
      <td key={s.sentiment}>
        {fmt.count(s.count)} <span className="muted">({fmt.percent(total ? s.share : null)})</span>
      </td>
    ));
  const table = (
    <table>
      <caption className="visually-hidden">{t('supervisor.chart.sentiment.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`supervisor.group.${group}`)}</th>
          <th scope="col">{t('supervisor.col.conversations')}</th>
          {SENTIMENTS.map((s) => (
            <th key={s} scope="col">
              {sentimentName(s)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr key={b.key}>
            <th scope="row">{nameOf(b)}</th>
            <td>{fmt.count(b.conversations)}</td>
            {cells(b.slices, b.conversations)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('supervisor.col.total')}</th>
          <td>{fmt.count(report.totals.conversations)}</td>
          {cells(totals, report.totals.conversations)}
        </tr>
      </tfoot>
    </table>
  );

  return (
    <ChartFigure title={t('supervisor.chart.sentiment.title')} tools={tools} table={table} note={t('supervisor.chart.sentiment.note', { timezone: report.timezone })}>
      {report.totals.conversations === 0 ? (
        <ChartEmpty>{t('supervisor.chart.sentiment.none')}</ChartEmpty>
      ) : (
        <>
          <SentimentTotalBar slices={totals} label={summary} titles={totalParts} />
          <ul className="chart-legend sentiment-legend" aria-hidden="true">
            {totals.map((s, i) => (
              <li key={s.sentiment}>
                <span className={`swatch slice-${s.sentiment}`} /> {totalParts[i]}
              </li>
            ))}
          </ul>
          {group === 'day' ? (
            <SentimentDayColumns bars={bars} label={breakdown} titleOf={describe} />
          ) : (
            <SentimentGroupRows bars={bars} label={breakdown} nameOf={nameOf} valueOf={(b) => conversations(b.conversations)} titleOf={describe} />
          )}
        </>
      )}
    </ChartFigure>
  );
}
