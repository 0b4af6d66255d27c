import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import type { SlaState, SlaTarget } from '@app/inbox';
import type { SlaClock } from './sla-clock';
import type { CycleState, OutcomeWrite } from './cycle';

/** The conversation facts an SLA step needs besides its clocks. */
export interface TimedConversation extends Omit<CycleState, 'clocks'> {
  id: string;
  workspaceId: string;
  channelId: string;
  channelType: string;
  kind: string;
  priority: string;
  roleId: string | null;
  /** Since when the customer waits for an answer (null when answered). */
  waitingSince: Date | null;
}

export const CONVERSATION_COLUMNS = `id, workspace_id, channel_id, channel_type, kind, status, priority, role_id, assignee_id, sla_policy_id, sla_cycle,
  sla_cycle_started_at, sla_round, sla_first_responded_at, sla_state, waiting_since`;

/**
 * Reads (and locks, FOR NO KEY UPDATE: foreign-key checks of new messages still pass) the conversations whose clocks
 * are about to move. Every writer of sla_clocks holds its conversation's lock first, so clocks read after it are current.
 */
export async function lockConversations(m: EntityManager, workspaceId: string, ids: string[]): Promise<TimedConversation[]> {
  const found = await rows<Record<string, unknown>>(
    m,
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [workspaceId, ids],
  );
  return found.map(toConversation);
}

export function toConversation(r: Record<string, unknown>): TimedConversation {
  return {
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    channelId: r.channel_id as string,
    channelType: r.channel_type as string,
    kind: r.kind as string,
    status: r.status as TimedConversation['status'],
    priority: r.priority as string,
    roleId: (r.role_id as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    policyId: (r.sla_policy_id as string | null) ?? null,
    cycle: r.sla_cycle as number,
    cycleStartedAt: (r.sla_cycle_started_at as Date | null) ?? null,
    round: r.sla_round as number,
    firstRespondedAt: (r.sla_first_responded_at as Date | null) ?? null,
    state: r.sla_state as SlaState,
    waitingSince: (r.waiting_since as Date | null) ?? null,
  };
}

export const CLOCK_COLUMNS = `conversation_id, target, cycle, round, policy_id, target_seconds, warn_at_percent, business_hours_id, started_at,
  elapsed_seconds, running_since, due_at, warn_at, warned_at, breached_at, next_fire_at`;

export async function loadClocks(m: EntityManager, workspaceId: string, conversationIds: string[]): Promise<Map<string, SlaClock[]>> {
  const found = await rows<Record<string, unknown>>(m, `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE workspace_id = $1 AND conversation_id = ANY($2::uuid[])`, [
    workspaceId,
    conversationIds,
  ]);
  const byConversation = new Map<string, SlaClock[]>(conversationIds.map((id) => [id, []]));
  for (const r of found) byConversation.get(r.conversation_id as string)?.push(toClock(r));
  return byConversation;
}

export function toClock(r: Record<string, unknown>): SlaClock {
  const at = (v: unknown) => (v as Date | null) ?? null;
  return {
    target: r.target as SlaTarget,
    cycle: r.cycle as number,
    round: r.round as number,
    policyId: r.policy_id as string,
    targetSeconds: r.target_seconds as number,
    warnAtPercent: r.warn_at_percent as number,
    businessHoursId: (r.business_hours_id as string | null) ?? null,
    startedAt: r.started_at as Date,
    elapsedSeconds: Number(r.elapsed_seconds),
    runningSince: at(r.running_since),
    dueAt: at(r.due_at),
    warnAt: at(r.warn_at),
    warnedAt: at(r.warned_at),
    breachedAt: at(r.breached_at),
    nextFireAt: at(r.next_fire_at),
  };
}

/**
 * Replaces the conversation's clocks (`previous`, read under the conversation's lock) with `next.clocks` (targets not
 * in it are deleted) and stores its cycle and due times.
 */
export async function saveCycle(m: EntityManager, c: TimedConversation, next: CycleState, previous: SlaClock[]): Promise<void> {
  const kept = next.clocks.map((k) => k.target);
  // Skipped when nothing goes, as for every new conversation: one statement less on the ingestion path.
  if (previous.some((k) => !kept.includes(k.target))) {
    await m.query(`DELETE FROM sla_clocks WHERE workspace_id = $1 AND conversation_id = $2 AND NOT (target = ANY($3::text[]))`, [c.workspaceId, c.id, kept]);
  }
  if (next.clocks.length > 0) {
    await m.query(
      `INSERT INTO sla_clocks (workspace_id, ${CLOCK_COLUMNS})
       SELECT $1, $2, x.target, x.cycle, x.round, x.policy_id, x.target_seconds, x.warn_at_percent, x.business_hours_id, x.started_at,
              x.elapsed_seconds, x.running_since, x.due_at, x.warn_at, x.warned_at, x.breached_at, x.next_fire_at
       FROM jsonb_to_recordset($3::jsonb) AS x(target text, cycle int, round int, policy_id uuid, target_seconds int, warn_at_percent int,
         business_hours_id uuid, started_at timestamptz, elapsed_seconds float8, running_since timestamptz, due_at timestamptz, warn_at timestamptz,
         warned_at timestamptz, breached_at timestamptz, next_fire_at timestamptz)
       ON CONFLICT (conversation_id, target) DO UPDATE SET cycle = EXCLUDED.cycle, round = EXCLUDED.round, policy_id = EXCLUDED.policy_id,
         target_seconds = EXCLUDED.target_seconds, warn_at_percent = EXCLUDED.warn_at_percent, business_hours_id = EXCLUDED.business_hours_id,
         started_at = EXCLUDED.started_at, elapsed_seconds = EXCLUDED.elapsed_seconds, running_since = EXCLUDED.running_since,
         due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, warned_at = EXCLUDED.warned_at, breached_at = EXCLUDED.breached_at,
         next_fire_at = EXCLUDED.next_fire_at`,
      [c.workspaceId, c.id, JSON.stringify(next.clocks.map(clockRecord))],
    );
  }
  const due = (t: SlaTarget) => next.clocks.find((k) => k.target === t)?.dueAt ?? null;
  await m.query(
    `UPDATE conversations SET sla_policy_id = $3, sla_cycle = $4, sla_cycle_started_at = $5, sla_round = $6, sla_first_responded_at = $7,
       sla_first_response_due_at = $8, sla_next_response_due_at = $9, sla_resolution_due_at = $10, sla_state = $11
     WHERE workspace_id = $1 AND id = $2`,
    [c.workspaceId, c.id, next.policyId, next.cycle, next.cycleStartedAt, next.round, next.firstRespondedAt, due('first_response'), due('next_response'), due('resolution'), next.state],
  );
}

export function clockRecord(k: SlaClock): Record<string, unknown> {
  return {
    target: k.target,
    cycle: k.cycle,
    round: k.round,
    policy_id: k.policyId,
    target_seconds: k.targetSeconds,
    warn_at_percent: k.warnAtPercent,
    business_hours_id: k.businessHoursId,
    started_at: k.startedAt,
    elapsed_seconds: k.elapsedSeconds,
    running_since: k.runningSince,
    due_at: k.dueAt,
    warn_at: k.warnAt,
    warned_at: k.warnedAt,
    breached_at: k.breachedAt,
    next_fire_at: k.nextFireAt,
  };
}

/**
 * A concluded target: a new row, or the completion of the breach's row (its seconds, its end; who answered only when
 * nobody held it at the breach: a breach stays with the role and agent who let it run out, not who rescued it).
 */
export async function recordOutcome(m: EntityManager, c: TimedConversation, o: OutcomeWrite): Promise<void> {
  const k = o.clock;
  await m.query(
    `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, policy_id, channel_id, role_id, agent_id, started_at, due_at,
       ended_at, target_seconds, met, business_seconds, wall_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (conversation_id, cycle, target, round) DO UPDATE
       SET ended_at = EXCLUDED.ended_at, business_seconds = EXCLUDED.business_seconds, wall_seconds = EXCLUDED.wall_seconds, met = EXCLUDED.met,
           agent_id = COALESCE(sla_outcomes.agent_id, EXCLUDED.agent_id), role_id = COALESCE(sla_outcomes.role_id, EXCLUDED.role_id)
       WHERE sla_outcomes.ended_at IS NULL`,
    [c.workspaceId, c.id, k.cycle, k.round, k.target, k.policyId, c.channelId, c.roleId, o.agentId, k.startedAt, k.dueAt, o.endedAt, k.targetSeconds, o.met, o.businessSeconds, o.wallSeconds],
  );
}
