import { Fragment, useState } from 'react';
import { query } from '../../api/client';
import type { Access } from '../../api/types';
import { ErrorNote, Loading } from '../../components/feedback';
import { formatDuration } from '../../components/sla-clock-logic';
import { useNow } from '../../components/use-now';
import { useResource } from '../../components/use-resource';
import { loadLabels, type MemberLoad } from '../../components/workload';
import { useI18n } from '../../i18n/i18n';
import { useLiveEvents } from '../../live/live';
import { ConversationPicklist, PICKLIST_LIMIT } from './conversation-picklist';
import { LoadBar } from './load-bar';
import type { RoleQueue, Workload } from './team-types';
import { useCoalesced } from '../../components/use-coalesced';
import { useOnReconnect } from './use-on-reconnect';
import { usePresence } from './use-presence';
import { presenceOf } from './workload-logic';

/** What the lead opened below a row: an agent's conversations or a role's queue. */
type Focus = { kind: 'agent'; id: string } | { kind: 'queue'; id: string } | null;

const REFRESH_MS = 1000;

/**
 * Each agent's presence and load against capacity, and each role's queue; a lead moves work from here. Every
 * assignment, new conversation and presence change anywhere refreshes it within a second.
 */
export function WorkloadView() {
  const { t } = useI18n();
  const workload = useResource<Workload>('/api/workload');
  const presence = usePresence();
  const [focus, setFocus] = useState<Focus>(null);
  const [round, setRound] = useState(0);
  const { reload } = workload;

  const refresh = useCoalesced(() => {
    reload();
    setRound((r) => r + 1);
  }, REFRESH_MS);
  useLiveEvents(['conversation.assigned', 'conversation.updated', 'conversation.created', 'presence.updated', 'live.resync'], refresh);
  useOnReconnect(refresh);

  if (workload.loading && !workload.data) return <Loading />;
  if (!workload.data) return <ErrorNote error={workload.error} onRetry={reload} />;
  const { members, queues } = workload.data;
  const load = loadLabels(members);
  const focusedQueue = focus?.kind === 'queue' ? queues.find((q) => q.roleId === focus.id) : undefined;
  const toggle = (next: Exclude<Focus, null>) => setFocus((f) => (f?.kind === next.kind && f.id === next.id ? null : next));

  return (
    <div className="workload">
      <ErrorNote error={workload.error} onRetry={reload} />
      <section className="workload-queues" aria-labelledby="team-queues">
        <h2 id="team-queues">{t('team.queues.title')}</h2>
        {queues.length === 0 && <p className="muted">{t('team.queues.none')}</p>}
        <div className="queue-grid">
          {queues.map((q) => (
            <QueueCard key={q.roleId} queue={q} open={focusedQueue?.roleId === q.roleId} onToggle={() => toggle({ kind: 'queue', id: q.roleId })} />
          ))}
        </div>
        {focusedQueue && (
          <div className="card queue-panel" id={`queue-${focusedQueue.roleId}`}>
            <h3>{t('team.queues.queueOf', { name: focusedQueue.name })}</h3>
            <ConversationPicklist
              path={`/api/roles/${focusedQueue.roleId}/queue${query({ limit: PICKLIST_LIMIT })}`}
              label={t('team.queues.queueOf', { name: focusedQueue.name })}
              refreshKey={round}
              load={load}
              onReassigned={refresh}
            />
          </div>
        )}
      </section>
      <section className="card workload-agents" aria-labelledby="team-agents">
        <h2 id="team-agents">{t('team.agents.title')}</h2>
        {members.length === 0 ? (
          <p className="muted">{t('team.agents.none')}</p>
        ) : (
          <table className="agents-table">
            <thead>
              <tr>
                <th scope="col">{t('team.agents.name')}</th>
                <th scope="col">{t('team.agents.presence')}</th>
                <th scope="col">{t('team.agents.load')}</th>
                <th scope="col">{t('team.agents.open')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('team.agents.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <AgentRow
                  key={m.userId}
                  member={m}
                  status={presenceOf(m, presence)}
                  open={focus?.kind === 'agent' && focus.id === m.userId}
                  onToggle={() => toggle({ kind: 'agent', id: m.userId })}
                  refreshKey={round}
                  load={load}
                  onReassigned={refresh}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

interface AgentRowProps {
  member: MemberLoad;
  status: MemberLoad['presence'];
  open: boolean;
  onToggle(): void;
  refreshKey: number;
  load: Map<string, string>;
  onReassigned(): void;
}

function AgentRow({ member, status, open, onToggle, refreshKey, load, onReassigned }: AgentRowProps) {
  const { t } = useI18n();
  const panel = `agent-${member.userId}`;
  return (
    <Fragment>
      <tr className={open ? 'agent-row expanded' : 'agent-row'} data-agent={member.name}>
        <th scope="row">
          {member.name}
          {member.access !== 'agent' && <span className="muted access"> · {t(`access.${member.access as Access}`)}</span>}
        </th>
        <td>
          <span className={`presence presence-${status}`} data-presence={status}>
            {t(`presence.${status}`)}
          </span>
        </td>
        <td>
          <div className="loads">
            {member.roles.length === 0 ? <span className="muted">{t('team.agents.noRole')}</span> : member.roles.map((r) => <LoadBar key={r.roleId} role={r.name} open={r.open} capacity={r.capacity} />)}
          </div>
        </td>
        <td className="open-count">{member.open}</td>
        <td>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? panel : undefined}
            onClick={onToggle}
            disabled={member.open === 0 && !open}
            aria-label={t(open ? 'team.agents.hide' : 'team.agents.show', { name: member.name })}
          >
            {t(open ? 'team.hide' : 'team.agents.showShort')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="agent-detail">
          <td colSpan={5} id={panel}>
            <ConversationPicklist
              path={`/api/conversations${query({ assigneeId: member.userId, status: 'open', limit: PICKLIST_LIMIT })}`}
              label={t('team.agents.conversationsOf', { name: member.name })}
              refreshKey={refreshKey}
              load={load}
              onReassigned={onReassigned}
            />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function QueueCard({ queue, open, onToggle }: { queue: RoleQueue; open: boolean; onToggle(): void }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const heading = `queue-title-${queue.roleId}`;
  const oldest = queue.oldestWaitingSince ? formatDuration(now - Date.parse(queue.oldestWaitingSince), lang === 'it' ? 'g' : 'd') : null;
  // Waiting work that no automatic assignment will hand out: a manual role, or nobody of the role online.
  const stuck = queue.waiting > 0 && (queue.assignment === 'manual' || queue.online === 0);
  return (
    <article className={`card queue${stuck ? ' queue-stuck' : ''}`} aria-labelledby={heading} data-queue={queue.name}>
      <header className="queue-head">
        <h3 id={heading}>{queue.name}</h3>
        <span className="pill">{t(`team.strategy.${queue.assignment}`)}</span>
      </header>
      <dl className="queue-facts">
        <div>
          <dt>{t('team.queues.waiting')}</dt>
          <dd className="queue-waiting" data-testid="queue-waiting">
            {queue.waiting}
          </dd>
        </div>
        <div>
          <dt>{t('team.queues.urgentHigh')}</dt>
          <dd>
            {queue.urgent} / {queue.high}
          </dd>
        </div>
        <div>
          <dt>{t('team.queues.oldest')}</dt>
          <dd>{oldest ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('team.queues.online')}</dt>
          <dd>{queue.online}</dd>
        </div>
      </dl>
      {stuck && <p className="note note-warning">{t(queue.assignment === 'manual' ? 'team.queues.manual' : 'team.queues.nobody')}</p>}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? `queue-${queue.roleId}` : undefined}
        onClick={onToggle}
        disabled={queue.waiting === 0 && !open}
        aria-label={t(open ? 'team.queues.hide' : 'team.queues.show', { name: queue.name })}
      >
        {t(open ? 'team.hide' : 'team.queues.showShort')}
      </button>
    </article>
  );
}
