import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';
import type { AuthUser } from '@app/identity';
import { ChangeSet, CONVERSATION_COLUMNS, CONVERSATION_FROM, publishChanges, toConversationView, type ConversationRow, type ConversationView } from '@app/inbox';
import { assertAssignable } from '../people/assignable-people';
import { RoleRepository } from '../roles/role.repository';
import { agentRefusal, nextAssignment, sameAssignment, type Assignment, type AssignmentRequest } from './assignment-rules';

export interface AssignmentInput extends AssignmentRequest {
  reason?: string | null;
}

export const MAX_BULK_ASSIGNMENT = 1000;

/**
 * Manual assignment: a lead or admin moves conversations between roles and people; an agent takes an unassigned
 * conversation of one of their roles. The conversation row is locked for the change, so concurrent assignments of
 * one conversation serialize (the later one sees the earlier one's result), and the change and its
 * `conversation.assigned` event commit together. Nothing is written when nothing changes.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly roles: RoleRepository,
  ) {}

  async assign(actor: AuthUser, conversationId: string, input: AssignmentInput): Promise<ConversationView> {
    const request = normalize(input);
    const workspaceId = actor.workspaceId;
    return this.db.transaction(async (m) => {
      // Targets first: a role is share-locked before the conversation, the order in which deleting a role locks them.
      if (actor.access !== 'agent') await this.checkTargets(m, workspaceId, request);
      const [row] = await rows<{ role_id: string | null; assignee_id: string | null }>(
        m,
        `SELECT role_id, assignee_id FROM conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
        [workspaceId, conversationId],
      );
      if (!row) throw conversationNotFound();
      const current: Assignment = { roleId: row.role_id, assigneeId: row.assignee_id };
      if (actor.access === 'agent') {
        const mine = await this.roleIdsOf(m, workspaceId, actor.id);
        // What an agent may not read does not exist for them (the same rule as conversation-scope).
        if (current.assigneeId !== actor.id && !(current.roleId !== null && mine.has(current.roleId))) throw conversationNotFound();
        const refusal = agentRefusal(actor.id, mine, current, request);
        if (refusal) throw new DomainException(refusal.code, refusal.message);
      }
      const next = nextAssignment(current, request);
      if (sameAssignment(current, next)) return this.view(m, workspaceId, conversationId);
      await m.query(`UPDATE conversations SET role_id = $3, assignee_id = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
        workspaceId,
        conversationId,
        next.roleId,
        next.assigneeId,
      ]);
      const view = await this.view(m, workspaceId, conversationId);
      await publishChanges(m, workspaceId, new ChangeSet().conversation(conversationId, 'assigned', current, context(actor, request.reason)));
      return view;
    });
  }

  /**
   * One transaction, one event per changed conversation. Ids that are not conversations of the caller's workspace
   * (unknown, or another workspace's) are skipped, not refused; `updated` counts the conversations that changed.
   */
  async bulkAssign(actor: AuthUser, conversationIds: string[], input: AssignmentInput): Promise<{ updated: number }> {
    const request = normalize(input);
    const workspaceId = actor.workspaceId;
    const ids = [...new Set(conversationIds.map((id) => id.toLowerCase()))];
    return this.db.transaction(async (m) => {
      await this.checkTargets(m, workspaceId, request);
      // Locked in id order, so two bulk assignments over overlapping sets cannot deadlock.
      const found = await rows<{ id: string; role_id: string | null; assignee_id: string | null }>(
        m,
        `SELECT id, role_id, assignee_id FROM conversations WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
        [workspaceId, ids],
      );
      const changes = new ChangeSet();
      const changed: string[] = [];
      const why = context(actor, request.reason);
      for (const r of found) {
        const current: Assignment = { roleId: r.role_id, assigneeId: r.assignee_id };
        if (sameAssignment(current, nextAssignment(current, request))) continue;
        changed.push(r.id);
        changes.conversation(r.id, 'assigned', current, why);
      }
      if (changed.length === 0) return { updated: 0 };
      const params: unknown[] = [workspaceId, changed];
      const sets = ['updated_at = now()'];
      if (request.roleId !== undefined) sets.push(`role_id = $${params.push(request.roleId)}`);
      if (request.assigneeId !== undefined) sets.push(`assignee_id = $${params.push(request.assigneeId)}`);
      await m.query(`UPDATE conversations SET ${sets.join(', ')} WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, params);
      await publishChanges(m, workspaceId, changes);
      return { updated: changed.length };
    });
  }

  /** A lead's targets: the role exists in this workspace; the assignee is an active member who answers customers. */
  private async checkTargets(m: EntityManager, workspaceId: string, request: AssignmentRequest): Promise<void> {
    if (request.roleId && !(await this.roles.exists(m, workspaceId, request.roleId))) {
      throw new DomainException('ROLE_NOT_FOUND', `roleId: no role ${request.roleId} in this workspace`);
    }
    if (request.assigneeId) await assertAssignable(m, workspaceId, [{ field: 'assigneeId', userId: request.assigneeId }]);
  }

  private async roleIdsOf(m: EntityManager, workspaceId: string, userId: string): Promise<Set<string>> {
    const found = await rows<{ role_id: string }>(m, `SELECT role_id FROM role_members WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, userId]);
    return new Set(found.map((r) => r.role_id));
  }

  private async view(m: EntityManager, workspaceId: string, id: string): Promise<ConversationView> {
    const [row] = await rows<ConversationRow>(m, `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.id = $2`, [
      workspaceId,
      id,
    ]);
    return toConversationView(row!);
  }
}

/** Ids lower-cased (PostgreSQL answers them so), a blank reason none; at least one of roleId and assigneeId. */
function normalize(input: AssignmentInput): AssignmentInput {
  if (input.roleId === undefined && input.assigneeId === undefined) {
    throw new DomainException('VALIDATION_FAILED', ['roleId or assigneeId is required (null clears it)']);
  }
  const lower = (v: string | null | undefined) => (typeof v === 'string' ? v.toLowerCase() : v);
  const reason = typeof input.reason === 'string' && input.reason.trim() !== '' ? input.reason.trim() : null;
  return { roleId: lower(input.roleId), assigneeId: lower(input.assigneeId), reason };
}

function context(actor: AuthUser, reason: string | null | undefined): Record<string, unknown> {
  return { by: { type: 'user', id: actor.id, name: actor.name }, reason: reason ?? null };
}

function conversationNotFound(): DomainException {
  return new DomainException('CONVERSATION_NOT_FOUND', 'Conversation not found');
}
