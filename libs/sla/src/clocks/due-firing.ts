import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import type { ChangeSet } from '@app/inbox';
import { fire } from './clock-rules';
import { CLOCK_COLUMNS, CONVERSATION_COLUMNS, clockRecord, toClock, toConversation, type TimedConversation } from './clock-store';
import { label, stateOf } from './cycle';
import { SLA_ACTOR } from './sla-actor';
import type { Fired, SlaClock } from './sla-clock';

/** One fired clock, with its conversation as it was claimed. */
export interface Firing {
  conversation: TimedConversation;
  clock: SlaClock;
  kind: Fired;
}

/**
 * Claims up to `limit` due clocks and fires them, set-based: a handful of statements per batch, whatever its size, so
 * a burst of deadlines drains at database speed. The claim locks the conversations (FOR NO KEY UPDATE SKIP LOCKED) in
 * the statement that picks the soonest deadlines: several workers take different rows instead of queueing on the
 * same ones, and a reply in flight (which holds its conversation) goes first. Returns what fired and how many clocks
 * were claimed (the caller goes on while that is `limit`).
 */
export async function fireDueClocks(m: EntityManager, now: Date, limit: number): Promise<{ claimed: number; fired: Firing[] }> {
  const claimed = await rows<{ workspace_id: string; conversation_id: string }>(
    m,
    `SELECT c.workspace_id, k.conversation_id FROM sla_clocks k JOIN conversations c ON c.id = k.conversation_id
     WHERE k.next_fire_at <= $1 ORDER BY k.next_fire_at LIMIT $2 FOR NO KEY UPDATE OF c SKIP LOCKED`,
    [now, limit],
  );
  if (claimed.length === 0) return { claimed: 0, fired: [] };
  const pairs = uniquePairs(claimed);
  // The locks are held: what is read now is current (every writer of a clock holds its conversation first).
  const conversations = await rows<Record<string, unknown>>(
    m,
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE (workspace_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  const clocks = await rows<Record<string, unknown>>(
    m,
    `SELECT workspace_id, ${CLOCK_COLUMNS} FROM sla_clocks WHERE (workspace_id, conversation_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  const byConversation = new Map<string, SlaClock[]>();
  for (const r of clocks) byConversation.set(r.conversation_id as string, [...(byConversation.get(r.conversation_id as string) ?? []), toClock(r)]);

  const fired: Firing[] = [];
  const changedClocks: Array<{ conversationId: string; clock: SlaClock }> = [];
  const states: Array<{ workspace_id: string; id: string; state: string }> = [];
  for (const row of conversations) {
    const conversation = toConversation(row);
    const next = (byConversation.get(conversation.id) ?? []).map((k) => {
      if (!k.nextFireAt || k.nextFireAt.getTime() > now.getTime()) return k;
      const r = fire(k, now);
      if (r.fired) fired.push({ conversation, clock: r.clock, kind: r.fired });
      changedClocks.push({ conversationId: conversation.id, clock: r.clock });
      return r.clock;
    });
    const state = stateOf({ next: { ...conversation, clocks: next }, outcomes: [] }, conversation.state);
    if (state !== conversation.state) states.push({ workspace_id: conversation.workspaceId, id: conversation.id, state });
  }
  await saveFired(m, changedClocks, states);
  await recordBreaches(m, fired.filter((f) => f.kind === 'breached'));
  return { claimed: claimed.length, fired };
}

/** History lines and live events for what fired: `sla_warning` / `sla_breached`, `sla.warning` / `sla.breached`. */
export function describeFiring(f: Firing, onBreach: string | null, changes: ChangeSet): void {
  const { clock, kind } = f;
  const reason = `${label(clock.target)} ${kind === 'breached' ? 'breached' : 'at risk'}: due ${clock.dueAt?.toISOString()} (target ${clock.targetSeconds} s)`;
  changes.record({ conversationId: f.conversation.id, type: `sla_${kind}`, actor: SLA_ACTOR, reason, from: null, to: null });
  changes.sla({
    conversationId: f.conversation.id,
    type: kind,
    target: clock.target,
    dueAt: clock.dueAt?.toISOString() ?? null,
    detail: { policyId: clock.policyId, ...(kind === 'breached' ? { onBreach: onBreach ?? 'notify' } : {}) },
  });
}

function uniquePairs(claimed: Array<{ workspace_id: string; conversation_id: string }>): Array<[string, string]> {
  const seen = new Map<string, [string, string]>();
  for (const r of claimed) seen.set(r.conversation_id, [r.workspace_id, r.conversation_id]);
  return [...seen.values()];
}

async function saveFired(m: EntityManager, changed: Array<{ conversationId: string; clock: SlaClock }>, states: Array<{ workspace_id: string; id: string; state: string }>): Promise<void> {
  if (changed.length > 0) {
    await m.query(
      `UPDATE sla_clocks k SET warn_at = x.warn_at, warned_at = x.warned_at, breached_at = x.breached_at, next_fire_at = x.next_fire_at
       FROM jsonb_to_recordset($1::jsonb) AS x(conversation_id uuid, target text, warn_at timestamptz, warned_at timestamptz, breached_at timestamptz, next_fire_at timestamptz)
       WHERE k.conversation_id = x.conversation_id AND k.target = x.target`,
      [JSON.stringify(changed.map((c) => ({ conversation_id: c.conversationId, ...clockRecord(c.clock) })))],
    );
  }
  if (states.length > 0) {
    await m.query(
      `UPDATE conversations c SET sla_state = x.state FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id uuid, id uuid, state text)
       WHERE c.workspace_id = x.workspace_id AND c.id = x.id`,
      [JSON.stringify(states)],
    );
  }
}

/** Breaches on record the moment they fire, once per target and round (see recordBreach). */
export async function recordBreaches(m: EntityManager, breaches: Firing[]): Promise<void> {
  if (breaches.length === 0) return;
  const lines = breaches.map(({ conversation: c, clock: k }) => ({
    workspace_id: c.workspaceId,
    conversation_id: c.id,
    cycle: k.cycle,
    round: k.round,
    target: k.target,
    policy_id: k.policyId,
    channel_id: c.channelId,
    role_id: c.roleId,
    agent_id: c.assigneeId,
    started_at: k.startedAt,
    due_at: k.dueAt,
    target_seconds: k.targetSeconds,
  }));
  await m.query(
    `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, policy_id, channel_id, role_id, agent_id, started_at, due_at, target_seconds, met)
     SELECT x.workspace_id, x.conversation_id, x.cycle, x.round, x.target, x.policy_id, x.channel_id, x.role_id, x.agent_id, x.started_at, x.due_at, x.target_seconds, false
     FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id uuid, conversation_id uuid, cycle int, round int, target text, policy_id uuid, channel_id uuid,
       role_id uuid, agent_id uuid, started_at timestamptz, due_at timestamptz, target_seconds int)
     ON CONFLICT (conversation_id, cycle, target, round) DO NOTHING`,
    [JSON.stringify(lines)],
  );
}
