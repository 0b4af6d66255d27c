import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';
import type { AuthUser } from '@app/identity';
import { CONVERSATION_COLUMNS, CONVERSATION_FROM, toConversationView, type ConversationRow, type ConversationView } from '@app/inbox';
import { queueOrder } from '../auto-assign/assignment-plan';

export interface MemberLoad {
  userId: string;
  name: string;
  access: string;
  presence: 'online' | 'away' | 'offline';
  /** Open conversations held, in any role or none. */
  open: number;
  roles: Array<{ roleId: string; name: string; capacity: number | null; open: number }>;
}

export interface RoleQueue {
  roleId: string;
  name: string;
  assignment: string;
  /** Open conversations of the role that nobody holds. */
  waiting: number;
  urgent: number;
  high: number;
  /**
   * The longest wait, by the key automatic assignment orders on after priority (`waitingSince`); conversations
   * without one come last there and are left out here. Null when none has one.
   */
  oldestWaitingSince: string | null;
  /** Members who could be handed one now, as automatic assignment counts them: active, not supervisors, online. */
  online: number;
}

/**
 * What a lead watches to run the task force: who holds how much against their capacity, who is present, and
 * how long each role's queue is. Read in two aggregate queries over the conversations' assignee and queue indexes.
 */
@Injectable()
export class WorkloadService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async overview(workspaceId: string): Promise<{ members: MemberLoad[]; queues: RoleQueue[] }> {
    const [members, queues] = await Promise.all([this.members(workspaceId), this.queues(workspaceId)]);
    return { members, queues };
  }

  /**
   * A role's queue in the order automatic assignment hands it out (most urgent, then longest waiting). Agents read
   * the queues of their own roles; another role is not found for them, as its conversations are.
   */
  async queue(reader: AuthUser, roleId: string, limit: number): Promise<ConversationView[]> {
    const [role] = await rows<{ member: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM role_members rm WHERE rm.workspace_id = r.workspace_id AND rm.role_id = r.id AND rm.user_id = $3) AS member
       FROM roles r WHERE r.workspace_id = $1 AND r.id = $2`,
      [reader.workspaceId, roleId, reader.id],
    );
    if (!role || (reader.access === 'agent' && !role.member)) throw new DomainException('ROLE_NOT_FOUND', 'Role not found');
    const found = await rows<ConversationRow>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM}
       WHERE c.workspace_id = $1 AND c.role_id = $2 AND c.assignee_id IS NULL AND c.status = 'open'
       ORDER BY ${queueOrder('c')} LIMIT $3`,
      [reader.workspaceId, roleId, limit],
    );
    return found.map(toConversationView);
  }

  private async members(workspaceId: string): Promise<MemberLoad[]> {
    const found = await rows<{ user_id: string; name: string; access: string; presence: string | null; open: string; roles: MemberLoad['roles'] }>(
      this.db,
      `WITH held AS (
         SELECT assignee_id, role_id, count(*) AS n FROM conversations
         WHERE workspace_id = $1 AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id, role_id)
       SELECT m.user_id, u.name, m.access, p.status AS presence,
         COALESCE((SELECT sum(n) FROM held WHERE held.assignee_id = m.user_id), 0)::text AS open,
         COALESCE((SELECT json_agg(json_build_object('roleId', r.id, 'name', r.name, 'capacity', rm.capacity,
             'open', COALESCE((SELECT n FROM held WHERE held.assignee_id = m.user_id AND held.role_id = r.id), 0)) ORDER BY r.name)
           FROM role_members rm JOIN roles r ON r.id = rm.role_id WHERE rm.workspace_id = $1 AND rm.user_id = m.user_id), '[]') AS roles
       FROM memberships m JOIN users u ON u.id = m.user_id
       LEFT JOIN user_presence p ON p.workspace_id = m.workspace_id AND p.user_id = m.user_id
       WHERE m.workspace_id = $1 AND m.active AND m.access <> 'supervisor'
       ORDER BY u.name, m.user_id`,
      [workspaceId],
    );
    return found.map((r) => ({
      userId: r.user_id,
      name: r.name,
      access: r.access,
      presence: (r.presence ?? 'offline') as MemberLoad['presence'],
      open: Number(r.open),
      roles: r.roles.map((x) => ({ ...x, open: Number(x.open) })),
    }));
  }

  private async queues(workspaceId: string): Promise<RoleQueue[]> {
    const found = await rows<{ id: string; name: string; assignment: string; waiting: string; urgent: string; high: string; oldest: Date | null; online: string }>(
      this.db,
      `SELECT r.id, r.name, r.assignment,
         count(c.id)::text AS waiting,
         count(c.id) FILTER (WHERE c.priority = 'urgent')::text AS urgent,
         count(c.id) FILTER (WHERE c.priority = 'high')::text AS high,
         min(c.waiting_since) AS oldest,
         (SELECT count(*) FROM role_members rm
          JOIN memberships ms ON ms.workspace_id = rm.workspace_id AND ms.user_id = rm.user_id AND ms.active AND ms.access <> 'supervisor'
          JOIN user_presence p ON p.workspace_id = rm.workspace_id AND p.user_id = rm.user_id AND p.status = 'online'
          WHERE rm.workspace_id = r.workspace_id AND rm.role_id = r.id)::text AS online
       FROM roles r
       LEFT JOIN conversations c ON c.workspace_id = r.workspace_id AND c.role_id = r.id AND c.assignee_id IS NULL AND c.status = 'open'
       WHERE r.workspace_id = $1
       GROUP BY r.id ORDER BY r.name`,
      [workspaceId],
    );
    return found.map((r) => ({
      roleId: r.id,
      name: r.name,
      assignment: r.assignment,
      waiting: Number(r.waiting),
      urgent: Number(r.urgent),
      high: Number(r.high),
      oldestWaitingSince: r.oldest ? r.oldest.toISOString() : null,
      online: Number(r.online),
    }));
  }
}
