import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';
import type { AuthUser } from '@app/identity';
import {
  ChangeSet,
  checkVersion,
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  lockVersion,
  publishChanges,
  toConversationView,
  type ConversationRow,
  type ConversationView,
} from '@app/inbox';
import { stampTurns } from '../auto-assign/turns';
import { assertAssignable } from '../people/assignable-people';
import { RoleRepository } from '../roles/role.repository';
import { agentRefusal, manualChange, nextAssignment, sameAssignment, underCapacity, type Assignment, type AssignmentRequest } from './assignment-rules';

export interface AssignmentInput extends AssignmentRequest {
  reason?: string | null;
}

export const MAX_BULK_ASSIGNMENT = 1000;

/** The history reason of an agent taking a conversation without saying why. */
export const TAKEN_REASON = 'taken by the agent';

/** How often an agent's take starts over when a lead moved the conversation to another role meanwhile. */
const TAKE_ATTEMPTS = 3;

/** Thrown inside a take's transaction to roll it back and start over: the role locked is no longer the conversation's. */
class RoleMoved extends Error {}

/**
 * Manual assignment: a lead or admin moves conversations between roles and people; an agent takes an unassigned
 * conversation of one of their roles. The conversation row is locked for the change, so concurrent assignments of
 * one conversation serialize (the later one sees the earlier one's result), and the change, its history line and
 * its `conversation.assigned` event commit together. Nothing is written when nothing changes.
 *
 * `expectedVersion` (If-Match) makes a change conditional: 409 VERSION_CONFLICT when the conversation changed since.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly roles: RoleRepository,
  ) {}

  async assign(actor: AuthUser, conversationId: string, input: AssignmentInput, expectedVersion?: number): Promise<ConversationView> {
    const request = normalize(input);
    if (actor.access === 'agent') return this.take(actor, conversationId, request, expectedVersion);
    const workspaceId = actor.workspaceId;
    return this.db.transaction(async (m) => {
      // Targets first: a role is share-locked before the conversation, the order in which deleting a role locks them.
      await this.checkTargets(m, workspaceId, request);
      const row = await lockVersion(m, workspaceId, conversationId, expectedVersion);
      if (!row) throw conversationNotFound();
      const current: Assignment = { roleId: row.roleId, assigneeId: row.assigneeId };
      const next = nextAssignment(current, request);
      if (sameAssignment(current, next)) return this.view(m, workspaceId, conversationId);
      // A lead's choice stands over capacity: they see the whole desk and decide who carries more.
      return this.apply(m, actor, conversationId, current, next, manualChange(current, next), request.reason ?? null);
    });
  }

  /**
   * An agent taking an unassigned conversation of one of their roles, within their capacity. The role is locked
   * before the conversation (`SELECT ... FROM roles ... FOR NO KEY UPDATE`), as automatic assignment does: that
   * serializes every capacity decision of the role, so an agent can never go over capacity by taking and being
   * assigned at once. NO KEY UPDATE, not UPDATE: it must not conflict with the KEY SHARE lock a transaction routing
   * a conversation to the role holds (the foreign key of conversations.role_id), with which it deadlocked.
   */
  private async take(actor: AuthUser, conversationId: string, request: AssignmentInput, expectedVersion: number | undefined): Promise<ConversationView> {
    const workspaceId = actor.workspaceId;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (m) => {
          const [peek] = await rows<{ role_id: string | null }>(m, `SELECT role_id FROM conversations WHERE workspace_id = $1 AND id = $2`, [
            workspaceId,
            conversationId,
          ]);
          if (!peek) throw conversationNotFound();
          if (peek.role_id !== null) await m.query(`SELECT 1 FROM roles WHERE workspace_id = $1 AND id = $2 FOR NO KEY UPDATE`, [workspaceId, peek.role_id]);
          // The version is checked below, once the agent is known to see the conversation: a 404 must not become a 409.
          const row = await lockVersion(m, workspaceId, conversationId, undefined);
          if (!row) throw conversationNotFound();
          if (row.roleId !== peek.role_id) throw new RoleMoved();
          const current: Assignment = { roleId: row.roleId, assigneeId: row.assigneeId };
          const mine = await this.roleIdsOf(m, workspaceId, actor.id);
          // What an agent may not read does not exist for them (the same rule as conversation-scope).
          if (current.assigneeId !== actor.id && !(current.roleId !== null && mine.has(current.roleId))) throw conversationNotFound();
          checkVersion(row.version, expectedVersion);
          const refusal = agentRefusal(actor.id, mine, current, request);
          if (refusal) throw new DomainException(refusal.code, refusal.message);
          const next = nextAssignment(current, request);
          if (sameAssignment(current, next)) return this.view(m, workspaceId, conversationId);
          await this.checkCapacity(m, workspaceId, current.roleId!, actor.id);
          // Taking one is the agent's turn in the role's round robin, as if it had been dealt to them.
          await stampTurns(m, workspaceId, current.roleId!, [actor.id]);
          return this.apply(m, actor, conversationId, current, next, 'assigned', request.reason ?? TAKEN_REASON);
        });
      } catch (error) {
        if (!(error instanceof RoleMoved)) throw error;
        if (attempt >= TAKE_ATTEMPTS) throw new DomainException('VERSION_CONFLICT', 'The conversation is being moved between roles; reload it and try again');
      }
    }
  }

  /**
   * One transaction, one event and one history line per changed conversation. Ids that are not conversations of
   * the caller's workspace (unknown, or another workspace's) are skipped, not refused; `updated` counts the
   * conversations that changed.
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
      const reason = request.reason ?? null;
      const why = context(actor, reason);
      for (const r of found) {
        const current: Assignment = { roleId: r.role_id, assigneeId: r.assignee_id };
        const next = nextAssignment(current, request);
        if (sameAssignment(current, next)) continue;
        changed.push(r.id);
        changes.conversation(r.id, 'assigned', current, why);
        changes.record({ conversationId: r.id, type: manualChange(current, next), actor: userActor(actor), reason, from: current, to: next });
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

  private async apply(
    m: EntityManager,
    actor: AuthUser,
    conversationId: string,
    current: Assignment,
    next: Assignment,
    type: string,
    reason: string | null,
  ): Promise<ConversationView> {
    const workspaceId = actor.workspaceId;
    await m.query(`UPDATE conversations SET role_id = $3, assignee_id = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      conversationId,
      next.roleId,
      next.assigneeId,
    ]);
    const changes = new ChangeSet()
      .conversation(conversationId, 'assigned', current, context(actor, reason))
      .record({ conversationId, type, actor: userActor(actor), reason, from: current, to: next });
    await publishChanges(m, workspaceId, changes);
    return this.view(m, workspaceId, conversationId);
  }

  /** Capacity counts the member's `open` conversations of the role; the caller holds the role's lock. */
  private async checkCapacity(m: EntityManager, workspaceId: string, roleId: string, userId: string): Promise<void> {
    const [row] = await rows<{ capacity: number | null; held: number }>(
      m,
      `SELECT rm.capacity,
              (SELECT count(*)::int FROM conversations c
               WHERE c.workspace_id = $1 AND c.role_id = $2 AND c.assignee_id = $3 AND c.status = 'open') AS held
       FROM role_members rm WHERE rm.workspace_id = $1 AND rm.role_id = $2 AND rm.user_id = $3`,
      [workspaceId, roleId, userId],
    );
    if (row && !underCapacity(row.capacity, row.held)) {
      throw new DomainException('CAPACITY_REACHED', `You already hold ${row.held} open conversations of this role, your capacity; finish one first or ask a lead`);
    }
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

function userActor(actor: AuthUser): { type: 'user'; id: string; name: string } {
  return { type: 'user', id: actor.id, name: actor.name };
}

function context(actor: AuthUser, reason: string | null): Record<string, unknown> {
  return { by: userActor(actor), reason };
}

function conversationNotFound(): DomainException {
  return new DomainException('CONVERSATION_NOT_FOUND', 'Conversation not found');
}
