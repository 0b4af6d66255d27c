import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';

export interface Column<T> {
  header: string;
  cell(item: T, index: number): ReactNode;
  className?: string;
}

/**
 * Administration's lists: a column per `columns` entry, then each row's buttons under a heading only screen readers
 * hear; `emptyText` instead of an empty table. `currentId` marks the row being edited.
 */
export function ItemTable<T extends { id: string }>({ items, columns, actions, emptyText, labelledBy, currentId }: { items: readonly T[]; columns: Column<T>[]; actions(item: T): ReactNode; emptyText: string; labelledBy?: string; currentId?: string }) {
  const t = useT();
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <div className="table-scroll">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.id} aria-current={item.id === currentId ? 'true' : undefined}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(item, index)}
                </td>
              ))}
              <td className="row-actions">{actions(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
