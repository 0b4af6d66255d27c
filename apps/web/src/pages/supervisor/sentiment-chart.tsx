import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChartEmpty, ChartFigure, ChartTable } from './chart-figure';
import { spokenSummary } from './chart-summary';
import type { DateRange } from './report-range';
import { SENTIMENT_KEYS, sentimentDays, sentimentGroups, sentimentShare, type SentimentBar, type SentimentKey, type SentimentReport, type SentimentSlice } from './report-series';
import { SentimentDayColumns, SentimentGroupRows, SentimentTotalBar } from './sentiment-bars';
import { useSupervisorFormat } from './supervisor-format';

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
  const breakdown = spokenSummary(
    t('supervisor.chart.sentiment.breakdown', { group: t(`supervisor.group.${group}`).toLocaleLowerCase(locale) }),
    bars.filter((b) => b.conversations > 0),
    describe,
    (count) => t('supervisor.chart.more', { count }),
  );

  const cells = (slices: SentimentSlice[], total: number) => (
    <>
      <td>{fmt.count(total)}</td>
      {slices.map((s) => (
        <td key={s.sentiment}>
          {fmt.count(s.count)} <span className="muted">({fmt.percent(total ? s.share : null)})</span>
        </td>
      ))}
    </>
  );
  const table = (
    <ChartTable
      headings={[t(`supervisor.group.${group}`), t('supervisor.col.conversations'), ...SENTIMENT_KEYS.map(sentimentName)]}
      rows={bars.map((b) => ({ key: b.key, name: nameOf(b), cells: cells(b.slices, b.conversations) }))}
      total={{ name: t('supervisor.col.total'), cells: cells(totals, report.totals.conversations) }}
    />
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
