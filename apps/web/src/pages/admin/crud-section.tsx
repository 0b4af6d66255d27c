import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import type { Items } from './admin-types';
import { DeleteAction, FormStatus } from './form-kit';
import { ItemTable, type Column } from './item-table';

type Mode<T> = { kind: 'list' } | { kind: 'create' } | { kind: 'created'; item: T } | { kind: 'edit'; item: T };

type Named = { id: string; name: string };

export interface CrudSectionProps<T extends Named> {
  /** Also the heading's id, which labels the section and its table. */
  id: string;
  title: string;
  intro: ReactNode;
  addLabel: string;
  emptyText: string;
  /** The API collection: GET lists the items, DELETE `<path>/<id>` removes one. */
  path: string;
  columns: Column<T>[];
  /** The create (item undefined) or edit form. */
  form(item: T | undefined, onSaved: (saved: T) => void, onCancel: () => void): ReactNode;
  /** What to show once an item is created; default: a note naming it. */
  created?(item: T, onDone: () => void): ReactNode;
  createdNote(item: T): string;
  /** Shown under the edit form (e.g. a channel's deliveries). */
  editExtra?(item: T): ReactNode;
  /** Offer Delete (the dialog's title and explanation); without it, rows can only be edited. */
  deletion?: { title(item: T): string; explanation: ReactNode };
  /** After any create, edit or delete (e.g. refresh the shared directory). */
  onChanged?(): void;
  /** More buttons beside "add". */
  tools?: ReactNode;
  /** Results of those buttons, shown under the introduction. */
  notices?: ReactNode;
  children?: ReactNode;
}

/**
 * The shape every Administration list shares: a heading with "add", the create or edit form above the table, a note
 * once something is created, and Edit / Delete on each row (Delete asks first).
 */
export function CrudSection<T extends Named>(props: CrudSectionProps<T>) {
  const t = useT();
  const { api } = useSession();
  const { id, path } = props;
  const items = useResource<Items<T>>(path);
  const [mode, setMode] = useState<Mode<T>>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const formArea = useRef<HTMLDivElement>(null);
  const opened = mode.kind === 'edit' ? `edit-${mode.item.id}` : mode.kind;

  // An opened form takes the focus (and so scrolls into view): Edit on a row far down the table opens it up here.
  useEffect(() => {
    if (opened === 'list') return;
    formArea.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus();
  }, [opened]);

  function changed() {
    items.reload();
    props.onChanged?.();
  }
  function onSaved(saved: T) {
    changed();
    if (mode.kind === 'edit') setMode({ kind: 'edit', item: saved });
    else if (props.created) setMode({ kind: 'created', item: saved });
    else {
      setMode({ kind: 'list' });
      setNotice(props.createdNote(saved));
    }
  }
  const close = () => setMode({ kind: 'list' });

  return (
    <section aria-labelledby={id} className="admin-section">
      <div className="section-head">
        <h2 id={id}>{props.title}</h2>
        <button
          type="button"
          className="primary"
          disabled={mode.kind === 'create'}
          onClick={() => {
            setNotice(null);
            setMode({ kind: 'create' });
          }}
        >
          {props.addLabel}
        </button>
        {props.tools}
      </div>
      <p className="muted section-intro">{props.intro}</p>
      {props.notices}
      <div ref={formArea} className="form-area">
        {mode.kind === 'create' && <div key="create">{props.form(undefined, onSaved, close)}</div>}
        {mode.kind === 'created' && props.created?.(mode.item, close)}
        {mode.kind === 'edit' && (
          <div key={`edit-${mode.item.id}`}>
            {props.form(mode.item, onSaved, close)}
            {props.editExtra?.(mode.item)}
          </div>
        )}
      </div>
      <FormStatus error={null} note={notice} />
      <Loaded resource={items}>
        {({ items: list }) => (
          <ItemTable
            items={list}
            columns={props.columns}
            emptyText={props.emptyText}
            labelledBy={id}
            currentId={mode.kind === 'edit' ? mode.item.id : undefined}
            actions={(item) => (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setNotice(null);
                    setMode({ kind: 'edit', item });
                  }}
                  aria-label={t('admin.editNamed', { name: item.name })}
                >
                  {t('app.edit')}
                </button>
                {props.deletion && (
                  <DeleteAction
                    name={item.name}
                    title={props.deletion.title(item)}
                    explanation={props.deletion.explanation}
                    onDelete={async () => {
                      await api(`${path}/${item.id}`, { method: 'DELETE' });
                      if (mode.kind !== 'list' && mode.kind !== 'create' && mode.item.id === item.id) close();
                      changed();
                    }}
                  />
                )}
              </>
            )}
          />
        )}
      </Loaded>
      {props.children}
    </section>
  );
}
