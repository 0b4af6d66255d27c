import { useEffect, useMemo, useState } from 'react';
import { ErrorNote, Loading } from '../../components/feedback';
import { ValueOptions } from '../../components/options';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import { AttainmentChart, type AttainmentGroup } from './attainment-chart';
import { ConsistencyTarget } from './consistency-target';
import { CsvButton } from './csv-button';
import { RangePicker } from './range-picker';
import { ReportDefinitions } from './report-definitions';
import { presetRange, rangeProblem, todayIn, type DateRange } from './report-range';
import { attainmentBars, daySeries, firstResponseTotals, hourSeries, type SentimentGroup } from './report-series';
import { ResponseTimeChart } from './response-time-chart';
import { SentimentChart } from './sentiment-chart';
import { useSupervisorFormat } from './supervisor-format';
import { useReport, type WorkspaceSettings } from './use-report';
import { useSentimentReport } from './use-sentiment-report';
import { VolumeChart } from './volume-chart';
import './supervisor.css';

const GROUPS: AttainmentGroup[] = ['role', 'agent', 'channel'];
const SENTIMENT_GROUPS: SentimentGroup[] = ['day', 'role', 'channel'];
/** Used only when the workspace's settings cannot be read: the report itself still uses the workspace's zone. */
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ReportsPage() {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const settings = useResource<WorkspaceSettings>('/api/workspace/settings');
  const timezone = settings.data?.timezone ?? (settings.error ? BROWSER_ZONE : null);
  // "Today" is the workspace's: the report reads dates in its time zone, not the browser's.
  const today = timezone ? todayIn(timezone) : null;
  const [range, setRange] = useState<DateRange | null>(null);
  const [group, setGroup] = useState<AttainmentGroup>('role');
  const [sentimentGroup, setSentimentGroup] = useState<SentimentGroup>('day');

  useEffect(() => {
    if (today && !range) setRange(presetRange('last7', today));
  }, [today, range]);

  const byDay = useReport(range, 'day');
  const byGroup = useReport(range, group);
  const byHour = useReport(range, 'hour');
  const sentiment = useSentimentReport(range, sentimentGroup);
  const valid = range !== null && rangeProblem(range) === null;

  const days = useMemo(() => (byDay.data && range ? daySeries(byDay.data.rows, range) : []), [byDay.data, range]);
  const totals = useMemo(() => firstResponseTotals(byDay.data?.rows ?? []), [byDay.data]);
  const bars = useMemo(() => attainmentBars(byGroup.data?.rows ?? []), [byGroup.data]);
  const hours = useMemo(() => hourSeries(byHour.data?.rows ?? []), [byHour.data]);
  const target = byGroup.data?.consistency ?? byDay.data?.consistency ?? settings.data?.consistency;

  function refresh() {
    byDay.reload();
    byGroup.reload();
    byHour.reload();
    sentiment.reload();
  }

  // The zone the report was read in (the settings' until it arrives), never the browser's fallback.
  const reportZone = byDay.data?.timezone ?? settings.data?.timezone;
  const loading = byDay.loading || byGroup.loading || byHour.loading || sentiment.loading;
  const reportError = byDay.error ?? byGroup.error ?? byHour.error;

  return (
    <div className="reports" aria-busy={loading}>
      <div className="reports-head">
        <h1>{t('supervisor.reports.title')}</h1>
        {range && today && <RangePicker range={range} today={today} onChange={setRange} />}
        <button type="button" onClick={refresh} disabled={!valid}>
          {t('supervisor.reports.refresh')}
        </button>
      </div>
      {reportZone && <p className="muted reports-zone">{t('supervisor.reports.timezone', { timezone: reportZone })}</p>}
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      <ErrorNote error={reportError} onRetry={refresh} />
      {!range && !settings.error && <Loading />}

      {valid && byDay.data && (
        <dl className="summary-tiles report-tiles" aria-label={t('supervisor.reports.totals')}>
          <div className="tile">
            <dt>{t('supervisor.reports.outcomes')}</dt>
            <dd data-testid="report-outcomes">{fmt.count(totals.outcomes)}</dd>
          </div>
          <div className="tile">
            <dt>{t('supervisor.col.met')}</dt>
            <dd>{fmt.count(totals.met)}</dd>
          </div>
          <div className={`tile ${totals.breached ? 'tile-breached' : ''}`}>
            <dt>{t('supervisor.col.breached')}</dt>
            <dd data-testid="report-breached" className={totals.breached ? 'num-breached' : undefined}>
              {fmt.count(totals.breached)}
            </dd>
          </div>
          <div className={`tile ${target && totals.attainment !== null && totals.attainment < target.minAttainment ? 'tile-breached' : ''}`}>
            <dt>{t('supervisor.col.attainment')}</dt>
            <dd data-testid="report-attainment">{fmt.percent(totals.attainment)}</dd>
          </div>
          {target && (
            <div className="tile">
              <dt>{t('supervisor.reports.target')}</dt>
              <dd>{t(`supervisor.reports.targetValue.${target.period}`, { share: fmt.percent(target.minAttainment) })}</dd>
            </div>
          )}
        </dl>
      )}

      {valid && range && (
        <div className="report-grid">
          {byDay.data && <ResponseTimeChart points={days} range={range} tools={<CsvButton range={range} groupBy="day" />} />}
          {byGroup.data && target && (
            <AttainmentChart
              bars={bars}
              group={group}
              minAttainment={target.minAttainment}
              tools={
                <>
                  <label className="inline-field">
                    {t('supervisor.group.by')}
                    <select value={group} onChange={(e) => setGroup(e.target.value as AttainmentGroup)}>
                      <ValueOptions values={GROUPS} label={(g) => t(`supervisor.group.${g}`)} />
                    </select>
                  </label>
                  <CsvButton range={range} groupBy={group} />
                </>
              }
            />
          )}
          {byHour.data && <VolumeChart hours={hours} timezone={byHour.data.timezone} tools={<CsvButton range={range} groupBy="hour" />} />}
          {sentiment.data && (
            <SentimentChart
              report={sentiment.data}
              range={range}
              tools={
                <>
                  <label className="inline-field">
                    {t('supervisor.group.by')}
                    <select aria-label={t('supervisor.chart.sentiment.groupBy')} value={sentimentGroup} onChange={(e) => setSentimentGroup(e.target.value as SentimentGroup)}>
                      <ValueOptions values={SENTIMENT_GROUPS} label={(g) => t(`supervisor.group.${g}`)} />
                    </select>
                  </label>
                  <CsvButton range={range} groupBy={sentimentGroup} report="sentiment" />
                </>
              }
            />
          )}
          {sentiment.error && <ErrorNote error={sentiment.error} onRetry={sentiment.reload} />}
        </div>
      )}

      <div className="report-grid report-help">
        {byDay.data && <ReportDefinitions definitions={byDay.data.definitions} />}
        {settings.data && <ConsistencyTarget settings={settings.data} />}
      </div>
    </div>
  );
}
