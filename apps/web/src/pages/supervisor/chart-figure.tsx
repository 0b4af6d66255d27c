import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * A chart card: title, tools (grouping, CSV), the picture, and the same numbers as a table on demand, for whoever
 * cannot see the picture or wants the exact values.
 */
export function ChartFigure({ title, tools, note, table, children }: { title: string; tools?: ReactNode; note?: ReactNode; table: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <figure className="card chart" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="chart-tools">
          {tools}
          <button type="button" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((s) => !s)}>
            {showTable ? t('supervisor.chart.hideTable') : t('supervisor.chart.showTable')}
          </button>
        </div>
      </div>
      {children}
      <div id={`${id}-table`} className="chart-table" hidden={!showTable}>
        {showTable && table}
      </div>
      {note && <figcaption className="muted chart-note">{note}</figcaption>}
    </figure>
  );
}

/** A chart with nothing to draw says so instead of showing empty axes. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return <p className="chart-empty muted">{children}</p>;
}
