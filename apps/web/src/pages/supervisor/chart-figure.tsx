import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * A chart card: title, tools (grouping, CSV), the picture, and the same numbers as a table on demand, for whoever
 * cannot see the picture or wants the exact values (`table`: its head and body; the caption is the title).
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
        {showTable && (
          <table>
            <caption className="visually-hidden">{title}</caption>
            {table}
          </table>
        )}
      </div>
      {note && <figcaption className="muted chart-note">{note}</figcaption>}
    </figure>
  );
}

export interface ChartTableRow {
  key: string | number;
  /** The row's heading: a day, an hour, a role... */
  name: ReactNode;
  /** Its `<td>`s, one per heading after the first. */
  cells: ReactNode;
}

/** A chart's numbers for ChartFigure's `table`: a column per heading, a row per point led by its name, a total row. */
export function ChartTable({ headings, rows, total }: { headings: ReactNode[]; rows: ChartTableRow[]; total?: Omit<ChartTableRow, 'key'> }) {
  const row = ({ name, cells }: Omit<ChartTableRow, 'key'>) => (
    <>
      <th scope="row">{name}</th>
      {cells}
    </>
  );
  return (
    <>
      <thead>
        <tr>
          {headings.map((heading, i) => (
            <th key={i} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>{row(r)}</tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr>{row(total)}</tr>
        </tfoot>
      )}
    </>
  );
}

/** A chart with nothing to draw says so instead of showing empty axes. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return <p className="chart-empty muted">{children}</p>;
}
