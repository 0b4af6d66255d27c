import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import type { Audience, ChangeSet, SlaTarget } from '@app/inbox';
import { label } from '../clocks/cycle';
import { SLA_ACTOR } from '../clocks/sla-actor';

/** A target's length as people say it: 30 min, 1 h 30 min, 2 d, 45 s. */
export function humanDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['min', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

/** The history line's and the event's reason: which target, and its length (in business time when the policy has hours). */
export function breachReason(target: SlaTarget, targetSeconds: number, businessHours: boolean): string {
  return `${label(target)} breached (${humanDuration(targetSeconds)}${businessHours ? ' of business hours' : ''})`;
}

interface Placement {
  role_id: string | null;
  assignee_id: string | null;
  escalation_role_id: string | null;
}

interface Breached {
  target: SlaTarget;
  target_seconds: number;
  business_hours_id: string | null;
}

/**
 * A breach under a policy whose breach_action is 'escalate': the conversation leaves its assignee for the queue of its
 * role's escalation role, as the acceptance timer's escalation does (same history type, so automatic
 * assignment never hands it straight back to who let it lapse). A role without an escalation role keeps the
 * conversation where it is: the breach event itself already tells every lead.
 */
@Injectable()
export class BreachEscalation {
  /**
   * Called by SlaEngine.fireDue inside its transaction (the conversation row is locked) when a breach fires under a
   * policy whose breach_action is 'escalate': moves the conversation to its role's escalation role (records history,
   * conversation.assigned with escalated: true). Returns whether it moved.
   */
  async escalate(m: EntityManager, workspaceId: string, conversationId: string, changes: ChangeSet): Promise<boolean> {
    const [row] = await rows<Placement>(
      m,
      `SELECT c.role_id, c.assignee_id, r.escalation_role_id
       FROM conversations c LEFT JOIN roles r ON r.workspace_id = c.workspace_id AND r.id = c.role_id
       WHERE c.workspace_id = $1 AND c.id = $2`,
      [workspaceId, conversationId],
    );
    if (!row || row.role_id === null || row.escalation_role_id === null) return false;
    const from: Audience = { roleId: row.role_id, assigneeId: row.assignee_id };
    const to: Audience = { roleId: row.escalation_role_id, assigneeId: null };
    const reason = await this.reason(m, workspaceId, conversationId, changes);
    // The triggers bump the version, clear assigned_at and the acceptance timer, and wake the new role's queue.
    await m.query(`UPDATE conversations SET role_id = $3, assignee_id = NULL, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      conversationId,
      to.roleId,
    ]);
    changes.conversation(conversationId, 'assigned', from, { by: SLA_ACTOR, reason, escalated: true });
    changes.record({ conversationId, type: 'escalated', actor: { ...SLA_ACTOR }, reason, from, to });
    return true;
  }

  /** The breach being escalated: the last one recorded for this conversation in this transaction, else its latest breached clock. */
  private async reason(m: EntityManager, workspaceId: string, conversationId: string, changes: ChangeSet): Promise<string> {
    const recorded = changes.slas.filter((s) => s.conversationId === conversationId && s.type === 'breached').at(-1);
    const params: unknown[] = [workspaceId, conversationId];
    if (recorded) params.push(recorded.target);
    const [clock] = await rows<Breached>(
      m,
      `SELECT target, target_seconds, business_hours_id FROM sla_clocks
       WHERE workspace_id = $1 AND conversation_id = $2 ${recorded ? 'AND target = $3' : 'AND breached_at IS NOT NULL'}
       ORDER BY breached_at DESC NULLS LAST LIMIT 1`,
      params,
    );
    if (clock) return breachReason(clock.target, clock.target_seconds, clock.business_hours_id !== null);
    return recorded ? `${label(recorded.target)} breached` : 'SLA breached';
  }
}
