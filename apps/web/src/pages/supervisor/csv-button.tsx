import { useState } from 'react';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { csvFilename, type DateRange, type ReportGroup, type ReportName } from './report-range';
import { reportPath } from './use-report';

/** Hands the browser a text as a file to save, without a round trip (the text is already here). */
function saveAs(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A report's rows as the desk's own CSV (`Accept: text/csv`), saved as <report>-report-<grouping>-<from>-<to>.csv. */
export function CsvButton({ range, groupBy, report = 'sla' }: { range: DateRange | null; groupBy: ReportGroup; report?: ReportName }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const path = reportPath(range, groupBy, report);

  async function download() {
    if (!path || !range) return;
    setBusy(true);
    setError(null);
    try {
      saveAs(await api<string>(path, { accept: 'text/csv' }), csvFilename(groupBy, range, report));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => void download()} disabled={!path || busy} aria-label={t(`supervisor.csv.label.${report}`, { group: t(`supervisor.group.${groupBy}`) })}>
        {t('supervisor.csv.button')}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </>
  );
}
