import { useLayoutEffect, useRef } from 'react';
import { href, navigate } from '../../app/router';
import { useDirectory } from '../../components/directory';
import type { SlaTone } from '../../components/sla-clock-logic';
import { useI18n } from '../../i18n/i18n';
import { findAnchor, rowTone, type BoardRow, type ScrollAnchor } from './board-logic';
import { useSupervisorFormat } from './supervisor-format';

/** The countdown of one row: time left, or how late, coloured by its tone. */
function Countdown({ row, tone, now }: { row: BoardRow; tone: SlaTone; now: number }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const left = row.dueAt - now;
  const time = fmt.span(left);
  // The server's breach can land up to a tick before this second's `now` passes the due instant: red reads overdue.
  const text = left > 0 && tone !== 'breached' ? t('sla.dueIn', { time }) : t('sla.overdue', { time: left > 0 ? fmt.span(0) : time });
  const label = `${t(`sla.target.${row.target}`)}: ${text} (${t(`sla.${tone === 'breached' ? 'breached' : tone === 'warning' ? 'warning' : 'ok'}`)})`;
  return (
    <span className={`sla-clock sla-${tone}`} data-sla-tone={tone} role="timer" aria-label={label} title={label}>
      {text}
    </span>
  );
}

/**
 * The running clocks, soonest first. The table scrolls on its own under a fixed header; when a refresh adds or
 * removes rows above what the reader is looking at, the row at the top of the view stays where it was.
 */
export function BoardTable({ rows, now }: { rows: BoardRow[]; now: number }) {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const { roleName, personName, channelName } = useDirectory();
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<ScrollAnchor | null>(null);

  function rememberAnchor() {
    const box = scroller.current;
    if (!box) return;
    const boxTop = box.getBoundingClientRect().top - box.scrollTop;
    const positions = [...box.querySelectorAll<HTMLTableRowElement>('tbody tr[data-key]')].map((tr) => {
      const rect = tr.getBoundingClientRect();
      return { key: tr.dataset.key!, top: rect.top - boxTop, bottom: rect.bottom - boxTop };
    });
    anchor.current = findAnchor(positions, box.scrollTop);
  }

  useLayoutEffect(() => {
    const box = scroller.current;
    const kept = anchor.current;
    if (!box || !kept) return;
    const tr = [...box.querySelectorAll<HTMLTableRowElement>('tbody tr[data-key]')].find((r) => r.dataset.key === kept.key);
    if (!tr) return;
    const top = tr.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = top - kept.offset;
  }, [rows]);

  return (
    <div className="board-scroll" ref={scroller} onScroll={rememberAnchor} tabIndex={0} role="region" aria-label={t('supervisor.board.listLabel')}>
      <table className="board-table">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.board.col.countdown')}</th>
            <th scope="col">{t('supervisor.board.col.target')}</th>
            <th scope="col">{t('supervisor.board.col.conversation')}</th>
            <th scope="col">{t('supervisor.board.col.channel')}</th>
            <th scope="col">{t('supervisor.board.col.role')}</th>
            <th scope="col">{t('supervisor.board.col.assignee')}</th>
            <th scope="col">{t('supervisor.board.col.due')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const c = row.conversation;
            const tone = rowTone(row, now);
            const firstLine = c.preview ?? c.subject ?? t('supervisor.board.noText');
            const contact = c.contact?.name ?? (c.contact?.username ? `@${c.contact.username}` : t('supervisor.board.unknownContact'));
            return (
              <tr
                key={row.key}
                data-key={row.key}
                data-sla-state={c.sla.state}
                className={`board-row tone-${tone}`}
                onClick={(e) => {
                  // The link handles its own click (and middle-click, new tab); the rest of the row is a bigger target.
                  if (!(e.target as HTMLElement).closest('a')) navigate(`/inbox/${c.id}`);
                }}
              >
                <td>
                  <Countdown row={row} tone={tone} now={now} />
                </td>
                <td>{t(`sla.target.${row.target}`)}</td>
                <td className="board-conversation">
                  <a href={href(`/inbox/${c.id}`)} className="board-first-line">
                    {firstLine}
                  </a>
                  <span className="muted">
                    {contact} · {t(`kind.${c.kind}`)}
                  </span>
                </td>
                <td>{channelName(c.channelId) ?? t(`channel.${c.channelType}`)}</td>
                <td>{roleName(c.roleId) ?? <span className="muted">{t('supervisor.noRole')}</span>}</td>
                <td>{personName(c.assigneeId) ?? <span className="muted">{t('supervisor.unassigned')}</span>}</td>
                <td className="board-due">
                  <time dateTime={new Date(row.dueAt).toISOString()}>{fmt.dueTime(row.dueAt, now)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
