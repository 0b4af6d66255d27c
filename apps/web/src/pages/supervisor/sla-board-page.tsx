import { useMemo, useState } from 'react';
import { useDirectory } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { NamedOptions, ValueOptions } from '../../components/options';
import type { SlaTarget } from '../../components/sla-clock-logic';
import { useNow } from '../../components/use-now';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import { useLiveEvents, type LiveEventName } from '../../live/live';
import { ANY_FILTER, filterRows, NO_ROLE, summarize, toBoardRows, type BoardFilter, type BoardItem } from './board-logic';
import { BoardTable } from './board-table';
import { useSupervisorFormat } from './supervisor-format';
import { useCoalesced } from '../../components/use-coalesced';
import './supervisor.css';

/** The most clocks the board asks for (the API allows 500): the soonest are the ones that matter. */
const BOARD_LIMIT = 200;
const TARGETS: SlaTarget[] = ['first_response', 'next_response', 'resolution'];
/** Whatever can start, stop, colour or move a clock, or change what a row shows. */
const BOARD_EVENTS: LiveEventName[] = ['sla.warning', 'sla.breached', 'sla.met', 'conversation.created', 'conversation.updated', 'conversation.assigned', 'message.created', 'live.resync'];

export function SlaBoardPage() {
  const { t } = useI18n();
  const fmt = useSupervisorFormat();
  const { roles, channels } = useDirectory();
  const board = useResource<{ items: BoardItem[] }>(`/api/sla/board?limit=${BOARD_LIMIT}`);
  const [filter, setFilter] = useState<BoardFilter>(ANY_FILTER);
  const now = useNow();

  // Refetching beats patching rows from events: one event can start, end or re-time several clocks.
  const refresh = useCoalesced(board.reload, 500);
  useLiveEvents(BOARD_EVENTS, refresh);

  // Date.now() here: the due instants are put on this browser's clock when the answer arrives.
  const rows = useMemo(() => (board.data ? toBoardRows(board.data.items, Date.now()) : []), [board.data]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const summary = summarize(shown, now);
  const filtered = filter.roleId !== '' || filter.channelId !== '' || filter.target !== '';

  return (
    <div className="sla-board">
      <div className="board-head">
        <h1>{t('supervisor.board.title')}</h1>
        <dl className="summary-tiles" aria-label={t('supervisor.board.summary')}>
          <div className="tile">
            <dt>{t('supervisor.board.running')}</dt>
            <dd data-testid="board-running">{fmt.count(summary.running)}</dd>
          </div>
          <div className={`tile ${summary.atRisk ? 'tile-warning' : ''}`}>
            <dt>{t('supervisor.board.atRisk')}</dt>
            <dd data-testid="board-at-risk">{fmt.count(summary.atRisk)}</dd>
          </div>
          <div className={`tile ${summary.breached ? 'tile-breached' : ''}`} aria-live="polite">
            <dt>{t('supervisor.board.breached')}</dt>
            <dd data-testid="board-breached">{fmt.count(summary.breached)}</dd>
          </div>
        </dl>
      </div>

      <form className="board-filters" aria-label={t('supervisor.board.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">
          {t('supervisor.filter.role')}
          <select value={filter.roleId} onChange={(e) => setFilter({ ...filter, roleId: e.target.value })}>
            <option value="">{t('supervisor.filter.anyRole')}</option>
            <option value={NO_ROLE}>{t('supervisor.noRole')}</option>
            <NamedOptions items={roles} />
          </select>
        </label>
        <label className="inline-field">
          {t('supervisor.filter.channel')}
          <select value={filter.channelId} onChange={(e) => setFilter({ ...filter, channelId: e.target.value })}>
            <option value="">{t('supervisor.filter.anyChannel')}</option>
            <NamedOptions items={channels} label={(c) => `${c.name} (${t(`channel.${c.type}`)})`} />
          </select>
        </label>
        <label className="inline-field">
          {t('supervisor.filter.target')}
          <select value={filter.target} onChange={(e) => setFilter({ ...filter, target: e.target.value as BoardFilter['target'] })}>
            <option value="">{t('supervisor.filter.anyTarget')}</option>
            <ValueOptions values={TARGETS} label={(target) => t(`sla.target.${target}`)} />
          </select>
        </label>
        {filtered && (
          <button type="button" className="link" onClick={() => setFilter(ANY_FILTER)}>
            {t('supervisor.filter.clear')}
          </button>
        )}
      </form>

      <ErrorNote error={board.error} onRetry={board.reload} />
      {!board.data && board.loading && <Loading />}
      {board.data && shown.length === 0 && <p className="board-empty muted">{t(filtered ? 'supervisor.board.emptyFiltered' : 'supervisor.board.empty')}</p>}
      {shown.length > 0 && <BoardTable rows={shown} now={now} />}
      {board.data && board.data.items.length >= BOARD_LIMIT && <p className="muted">{t('supervisor.board.limited', { count: BOARD_LIMIT })}</p>}
    </div>
  );
}
