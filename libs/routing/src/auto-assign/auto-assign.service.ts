import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rows } from '@app/db';
import { ChangeSet, publishChanges } from '@app/inbox';
import { isOpenAt, type WeeklyInterval } from '@app/sla';
import type { AssignmentStrategy } from '../roles/role';
import { stampTurns } from './turns';
import { planAssignments, queueOrder, type Candidate, type QueuedConversation, type QueuePriority } from './assignment-plan';

/** Conversations handed out per transaction: a long queue drains in several short passes, not one long lock. */
export const ASSIGN_BATCH = 200;

export const AUTO_ASSIGNMENT_ACTOR = { type: 'system', id: null, name: 'auto-assignment' } as const;

export interface PassResult {
  assigned: number;
  /** The batch was full: more may be waiting, run another pass. */
  more: boolean;
  /**
   * Someone could still take one, but queued conversations were locked by another transaction (a message being
   * ingested, a lead's change): try the role again shortly.
   */
  contended: boolean;
}

const NOTHING: PassResult = { assigned: 0, more: false, contended: false };

interface RoleRow {
  assignment: AssignmentStrategy;
  hours_id: string | null;
  timezone: string | null;
  weekly: WeeklyInterval[] | null;
  holidays: string[] | null;
}

interface MemberRow {
  user_id: string;
  capacity: number | null;
  load: number;
  /** µs since the epoch, as text: exact, where a JS Date would drop the microseconds that order one pass's members. */
  last_us: string | null;
}

interface QueueRow {
  id: string;
  priority: QueuePriority;
  waiting_us: string | null;
  last_message_us: string;
  avoid: string | null;
}

/** The assignee a conversation was last taken from by escalation, when that is how it came back to the queue. */
const ESCALATED_FROM = `(SELECT CASE WHEN h.type = 'escalated' THEN h.from_state->>'assigneeId' END FROM conversation_history h
   WHERE h.workspace_id = c.workspace_id AND h.conversation_id = c.id ORDER BY h.id DESC LIMIT 1)`;

/**
 * With one member able to take any, the conversations escalated away from that member cannot go anywhere in this
 * pass: left out of the batch (parameter: that member's id, or NULL when several can take), so that they do not
 * fill it and hold back the conversations behind them.
 */
const TAKEABLE = (sole: string) => `(${sole}::text IS NULL OR ${ESCALATED_FROM} IS DISTINCT FROM ${sole}::text)`;

const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;

/**
 * Automatic assignment of one role's queue. The role row is locked FOR NO KEY UPDATE for the pass (the rule every
 * capacity decision follows, agents taking a conversation included), so two workers, or two API instances, decide
 * one role's capacity one after the other and each sees what the other committed: nobody goes over capacity. Not
 * FOR UPDATE: that also conflicts with the KEY SHARE lock that setting conversations.role_id takes on the role
 * (its foreign key), so a message being routed to the role would wait on the pass, or deadlock with it.
 * The queue is locked FOR UPDATE SKIP LOCKED and only unassigned rows are updated, so no conversation is handed
 * out twice even by a lead assigning it at the same moment.
 */
@Injectable()
export class AutoAssignService {
  private readonly logger = new Logger('AutoAssignment');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One pass over the head of the role's queue; a role deleted meanwhile, `manual`, or closed now does nothing. */
  assignRole(workspaceId: string, roleId: string, now = new Date()): Promise<PassResult> {
    return this.db.transaction(async (m) => {
      const [role] = await rows<RoleRow>(
        m,
        `SELECT r.assignment, bh.id AS hours_id, bh.timezone, bh.weekly, bh.holidays
         FROM roles r LEFT JOIN business_hours bh ON bh.id = r.business_hours_id AND bh.workspace_id = r.workspace_id
         WHERE r.workspace_id = $1 AND r.id = $2 FOR NO KEY UPDATE OF r`,
        [workspaceId, roleId],
      );
      if (!role || role.assignment === 'manual' || !this.open(role, now)) return NOTHING;

      const members = await this.candidates(m, workspaceId, roleId);
      const free = members.reduce((sum, c) => sum + (c.capacity === null ? Infinity : Math.max(0, c.capacity - c.load)), 0);
      if (free === 0) return NOTHING;
      const limit = Math.min(ASSIGN_BATCH, free);
      const takers = members.filter((c) => c.capacity === null || c.load < c.capacity);
      const sole = takers.length === 1 ? takers[0]!.userId : null;
      const queue = await rows<QueueRow>(
        m,
        `SELECT id, priority, ${micros('waiting_since')} AS waiting_us, ${micros('last_message_at')} AS last_message_us, ${ESCALATED_FROM} AS avoid
         FROM conversations c
         WHERE workspace_id = $1 AND role_id = $2 AND assignee_id IS NULL AND status = 'open' AND ${TAKEABLE('$4')}
         ORDER BY ${queueOrder('c')} LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [workspaceId, roleId, limit, sole],
      );
      const plan = planAssignments(role.assignment, queue.map(toQueued), members);
      const contended = queue.length < limit && (await this.lockedElsewhere(m, workspaceId, roleId, sole, queue.map((q) => q.id)));
      if (plan.length === 0) return { ...NOTHING, contended };

      const assigned = await rows<{ id: string }>(
        m,
        `UPDATE conversations c SET assignee_id = x.user_id, updated_at = now()
         FROM unnest($3::uuid[], $4::uuid[]) AS x(id, user_id)
         WHERE c.workspace_id = $1 AND c.id = x.id AND c.role_id = $2 AND c.assignee_id IS NULL AND c.status = 'open'
         RETURNING c.id`,
        [workspaceId, roleId, plan.map((p) => p.conversationId), plan.map((p) => p.userId)],
      );
      await stampTurns(m, workspaceId, roleId, plan.map((p) => p.userId));

      const reason = role.assignment;
      const changes = new ChangeSet();
      const done = new Set(assigned.map((a) => a.id));
      // In the order they were dealt (most urgent first), which RETURNING does not keep.
      for (const p of plan.filter((p) => done.has(p.conversationId))) {
        const from = { roleId, assigneeId: null };
        const to = { roleId, assigneeId: p.userId };
        changes.conversation(p.conversationId, 'assigned', from, { by: AUTO_ASSIGNMENT_ACTOR, reason });
        changes.record({ conversationId: p.conversationId, type: 'assigned', actor: AUTO_ASSIGNMENT_ACTOR, reason: `${reason}: online and under capacity`, from, to });
      }
      await publishChanges(m, workspaceId, changes);
      // A full batch may have more behind it; so may one whose escalated conversations could not go to who was left.
      const more = assigned.length > 0 && queue.length === limit && (limit === ASSIGN_BATCH || plan.length < queue.length);
      return { assigned: assigned.length, more, contended };
    });
  }

  /** Runs passes until the role's queue or its members' capacity is exhausted. */
  async drainRole(workspaceId: string, roleId: string): Promise<PassResult> {
    const total: PassResult = { ...NOTHING };
    for (;;) {
      const pass = await this.assignRole(workspaceId, roleId);
      total.assigned += pass.assigned;
      total.contended = pass.contended;
      if (!pass.more) return total;
    }
  }

  /**
   * Active members who answer customers (not supervisors) and are online now; `away` and `offline` get nothing.
   * Loads count in SQL after the role lock, so they include every pass committed before this one.
   */
  private async candidates(m: EntityManager, workspaceId: string, roleId: string): Promise<Candidate[]> {
    const found = await rows<MemberRow>(
      m,
      `SELECT rm.user_id, rm.capacity, ${micros('rm.last_assigned_at')} AS last_us,
         (SELECT count(*)::int FROM conversations c
          WHERE c.workspace_id = rm.workspace_id AND c.assignee_id = rm.user_id AND c.role_id = rm.role_id AND c.status = 'open') AS load
       FROM role_members rm
       JOIN memberships ms ON ms.workspace_id = rm.workspace_id AND ms.user_id = rm.user_id AND ms.active AND ms.access <> 'supervisor'
       JOIN user_presence p ON p.workspace_id = rm.workspace_id AND p.user_id = rm.user_id AND p.status = 'online'
       WHERE rm.workspace_id = $1 AND rm.role_id = $2`,
      [workspaceId, roleId],
    );
    return found.map((r) => ({ userId: r.user_id, capacity: r.capacity, load: r.load, lastAssignedAt: r.last_us === null ? null : Number(r.last_us) }));
  }

  /** Queued conversations this pass would have taken but did not lock: another transaction holds them. */
  private async lockedElsewhere(m: EntityManager, workspaceId: string, roleId: string, sole: string | null, taken: string[]): Promise<boolean> {
    const found = await rows(
      m,
      `SELECT 1 FROM conversations c
       WHERE workspace_id = $1 AND role_id = $2 AND assignee_id IS NULL AND status = 'open' AND NOT (id = ANY($3::uuid[])) AND ${TAKEABLE('$4')}
       LIMIT 1`,
      [workspaceId, roleId, taken, sole],
    );
    return found.length > 0;
  }

  /** A role without working hours is always open. A calendar that cannot be read does not stop the desk. */
  private open(role: RoleRow, now: Date): boolean {
    if (role.hours_id === null) return true;
    try {
      return isOpenAt({ timezone: role.timezone!, weekly: role.weekly ?? [], holidays: role.holidays ?? [] }, now);
    } catch (err) {
      this.logger.warn(`business hours ${role.hours_id} cannot be read (${(err as Error).message}): assigning as if open`);
      return true;
    }
  }
}

function toQueued(r: QueueRow): QueuedConversation {
  return {
    id: r.id,
    priority: r.priority,
    waitingSince: r.waiting_us === null ? null : Number(r.waiting_us),
    lastMessageAt: Number(r.last_message_us),
    avoid: r.avoid,
  };
}
