import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rows } from '@app/db';
import { ChangeSet, publishEach, type Audience } from '@app/inbox';
import { addBusinessSeconds, type WeeklyInterval } from '@app/sla';

/** Conversations escalated per transaction: a backlog after downtime drains in several short transactions. */
const BATCH = 200;

export const ESCALATION_ACTOR = { type: 'system', id: null, name: 'escalation' } as const;

interface DueRow {
  id: string;
  workspace_id: string;
  status: string;
  role_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  escalation_role_id: string | null;
  acceptance_seconds: number | null;
  accept_due_at: Date;
  /** The role's working hours, when it has them: the timer counts only their open time. */
  timezone: string | null;
  weekly: WeeklyInterval[] | null;
  holidays: string[] | null;
  db_now: Date;
}

/**
 * When the acceptance time really runs out, counted in the role's working hours. The trigger that sets
 * accept_due_at counts wall-clock time (now() + acceptance_seconds), which is the earliest the working-hours due can
 * be: so the timer is checked when that comes, and only then moved on to the business-time instant if the hours were
 * closed meanwhile. Null when it has run out (or the role has no hours, or they never open).
 */
export function businessAcceptanceDue(row: Pick<DueRow, 'acceptance_seconds' | 'accept_due_at' | 'timezone' | 'weekly' | 'holidays' | 'db_now'>): Date | null {
  if (row.acceptance_seconds === null || !row.timezone || !row.weekly) return null;
  const started = new Date(row.accept_due_at.getTime() - row.acceptance_seconds * 1000);
  let due: Date;
  try {
    due = addBusinessSeconds({ timezone: row.timezone, weekly: row.weekly, holidays: row.holidays ?? [] }, started, row.acceptance_seconds);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  return due.getTime() > row.db_now.getTime() ? due : null;
}

/** Where an unanswered conversation goes: the escalation role's queue when the role has one, else its own queue. */
export function escalationTarget(row: Pick<DueRow, 'role_id' | 'escalation_role_id'>): Audience {
  return { roleId: row.escalation_role_id ?? row.role_id, assigneeId: null };
}

export function escalationReason(row: Pick<DueRow, 'acceptance_seconds' | 'assignee_name'>): string {
  // The role's timer may have been removed since it was set; the deadline still held.
  const within = row.acceptance_seconds === null ? 'the acceptance time' : `${row.acceptance_seconds} s`;
  return `not answered within ${within} by ${row.assignee_name ?? 'the assignee'}`;
}

/** Escalates only what someone holds, open, in a role; otherwise nobody is waiting on an assignee and the timer just stops. */
function escalates(row: DueRow): boolean {
  return row.status === 'open' && row.assignee_id !== null && row.role_id !== null;
}

/**
 * The acceptance timer. Assigning someone sets accept_due_at (a trigger: now() + the role's acceptance_seconds);
 * any reply clears it. A role with working hours counts only their open time (businessAcceptanceDue). When it runs out, the conversation leaves its assignee for the escalation role's queue (or
 * its own role's queue), with a history line and a `conversation.assigned` event marked `escalated: true`, which
 * every lead receives live. Rows are claimed FOR UPDATE SKIP LOCKED, so several workers never escalate one
 * conversation twice, and a reply in flight (which holds the row) wins over the timer.
 */
@Injectable()
export class EscalationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Escalates one batch of conversations whose timer ran out; returns how many it handled. */
  tick(): Promise<number> {
    return this.db.transaction(async (m) => {
      const due = await rows<DueRow>(
        m,
        `SELECT c.id, c.workspace_id, c.status, c.role_id, c.assignee_id, u.name AS assignee_name, r.escalation_role_id, r.acceptance_seconds,
                c.accept_due_at, bh.timezone, bh.weekly, bh.holidays, now() AS db_now
         FROM conversations c
         LEFT JOIN roles r ON r.workspace_id = c.workspace_id AND r.id = c.role_id
         LEFT JOIN business_hours bh ON bh.workspace_id = r.workspace_id AND bh.id = r.business_hours_id
         LEFT JOIN memberships ms ON ms.workspace_id = c.workspace_id AND ms.user_id = c.assignee_id
         LEFT JOIN users u ON u.id = ms.user_id
         WHERE c.accept_due_at <= now()
         ORDER BY c.accept_due_at
         LIMIT ${BATCH}
         FOR UPDATE OF c SKIP LOCKED`,
      );
      if (due.length === 0) return 0;
      const later = due.filter(escalates).map((r) => ({ row: r, at: businessAcceptanceDue(r) })).filter((x) => x.at !== null);
      if (later.length > 0) {
        // The role's hours were closed for part of the wait: the time is not up yet.
        await m.query(
          `UPDATE conversations c SET accept_due_at = x.at FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS x(workspace_id, id, at)
           WHERE c.workspace_id = x.workspace_id AND c.id = x.id`,
          [later.map((x) => x.row.workspace_id), later.map((x) => x.row.id), later.map((x) => x.at)],
        );
      }
      const postponed = new Set(later.map((x) => x.row.id));
      const idle = due.filter((r) => !escalates(r));
      if (idle.length > 0) {
        await m.query(
          `UPDATE conversations c SET accept_due_at = NULL FROM unnest($1::uuid[], $2::uuid[]) AS x(workspace_id, id)
           WHERE c.workspace_id = x.workspace_id AND c.id = x.id`,
          [idle.map((r) => r.workspace_id), idle.map((r) => r.id)],
        );
      }
      const byWorkspace = new Map<string, DueRow[]>();
      for (const r of due.filter((r) => escalates(r) && !postponed.has(r.id))) byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), r]);
      const published = new Map<string, ChangeSet>();
      for (const [workspaceId, list] of byWorkspace) published.set(workspaceId, await this.escalate(m, workspaceId, list));
      await publishEach(m, published);
      return due.length;
    });
  }

  /** Moves the workspace's due conversations; answers the changes to publish. */
  private async escalate(m: EntityManager, workspaceId: string, due: DueRow[]): Promise<ChangeSet> {
    const changes = new ChangeSet();
    const targets = due.map((r) => ({ row: r, to: escalationTarget(r), reason: escalationReason(r) }));
    await m.query(
      `UPDATE conversations c SET role_id = x.role_id, assignee_id = NULL, accept_due_at = NULL, updated_at = now()
       FROM unnest($2::uuid[], $3::uuid[]) AS x(id, role_id)
       WHERE c.workspace_id = $1 AND c.id = x.id`,
      [workspaceId, targets.map((t) => t.row.id), targets.map((t) => t.to.roleId)],
    );
    for (const { row, to, reason } of targets) {
      const from: Audience = { roleId: row.role_id, assigneeId: row.assignee_id };
      changes.conversation(row.id, 'assigned', from, { by: ESCALATION_ACTOR, reason, escalated: true });
      changes.record({ conversationId: row.id, type: 'escalated', actor: { ...ESCALATION_ACTOR }, reason, from, to });
    }
    return changes;
  }
}
