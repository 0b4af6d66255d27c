import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { RoleMember } from './role-members';
import type { AssignmentStrategy, NewRole, RoleMemberView, RolePatch, RoleView } from './role';

const ROLE_SELECT = `SELECT r.id, r.name, r.description, r.assignment, r.escalation_role_id, r.acceptance_seconds, r.business_hours_id, r.created_at, r.updated_at,
  COALESCE((SELECT json_agg(json_build_object('userId', rm.user_id, 'name', u.name, 'capacity', rm.capacity) ORDER BY lower(u.name), rm.user_id)
            FROM role_members rm JOIN users u ON u.id = rm.user_id
            WHERE rm.workspace_id = r.workspace_id AND rm.role_id = r.id), '[]'::json) AS members
  FROM roles r`;

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  assignment: AssignmentStrategy;
  escalation_role_id: string | null;
  acceptance_seconds: number | null;
  business_hours_id: string | null;
  created_at: Date;
  updated_at: Date;
  members: RoleMemberView[];
}

/** Roles and their members. Every statement names the workspace, so no query can cross tenants. */
@Injectable()
export class RoleRepository {
  async list(db: Queryable, workspaceId: string): Promise<RoleView[]> {
    return (await rows<RoleRow>(db, `${ROLE_SELECT} WHERE r.workspace_id = $1 ORDER BY lower(r.name), r.id`, [workspaceId])).map(toView);
  }

  async find(db: Queryable, workspaceId: string, id: string): Promise<RoleView | null> {
    const [row] = await rows<RoleRow>(db, `${ROLE_SELECT} WHERE r.workspace_id = $1 AND r.id = $2`, [workspaceId, id]);
    return row ? toView(row) : null;
  }

  /** Locks the role row until the transaction ends: membership and escalation changes of one role serialize. */
  async lock(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `SELECT id FROM roles WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [workspaceId, id])).length > 0;
  }

  /**
   * True when the role exists; inside a transaction it then stays until commit (KEY SHARE blocks its deletion), so a
   * reference written to it next cannot fail on a role deleted meanwhile.
   */
  async exists(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `SELECT 1 FROM roles WHERE workspace_id = $1 AND id = $2 FOR KEY SHARE`, [workspaceId, id])).length > 0;
  }

  /** Every field given: the service has applied the defaults. */
  async insert(db: Queryable, workspaceId: string, role: Required<NewRole>): Promise<string> {
    const [row] = await rows<{ id: string }>(
      db,
      `INSERT INTO roles (workspace_id, name, description, assignment, escalation_role_id, acceptance_seconds, business_hours_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [workspaceId, role.name, role.description, role.assignment, role.escalationRoleId, role.acceptanceSeconds, role.businessHoursId],
    );
    return row!.id;
  }

  async update(db: Queryable, workspaceId: string, id: string, patch: RolePatch): Promise<void> {
    const columns: Array<[string, unknown]> = [];
    if (patch.name !== undefined) columns.push(['name', patch.name]);
    if (patch.description !== undefined) columns.push(['description', patch.description]);
    if (patch.assignment !== undefined) columns.push(['assignment', patch.assignment]);
    if (patch.escalationRoleId !== undefined) columns.push(['escalation_role_id', patch.escalationRoleId]);
    if (patch.acceptanceSeconds !== undefined) columns.push(['acceptance_seconds', patch.acceptanceSeconds]);
    if (patch.businessHoursId !== undefined) columns.push(['business_hours_id', patch.businessHoursId]);
    if (columns.length === 0) return;
    const sets = columns.map(([column], i) => `${column} = $${i + 3}`);
    await db.query(`UPDATE roles SET ${sets.join(', ')}, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      ...columns.map(([, value]) => value),
    ]);
  }

  /** True when the working-hours calendar is the workspace's; KEY SHARE keeps it until commit, as for roles. */
  async businessHoursExist(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `SELECT 1 FROM business_hours WHERE workspace_id = $1 AND id = $2 FOR KEY SHARE`, [workspaceId, id])).length > 0;
  }

  /** True when following escalations from `from` leads back to `roleId` (or `from` is `roleId`). */
  async escalatesTo(db: Queryable, workspaceId: string, from: string, roleId: string): Promise<boolean> {
    const found = await rows(
      db,
      `WITH RECURSIVE chain(id) AS (
         SELECT $2::uuid
         UNION
         SELECT r.escalation_role_id FROM roles r JOIN chain ON r.id = chain.id
         WHERE r.workspace_id = $1 AND r.escalation_role_id IS NOT NULL
       )
       SELECT 1 FROM chain WHERE id = $3::uuid`,
      [workspaceId, from, roleId],
    );
    return found.length > 0;
  }

  async delete(db: Queryable, workspaceId: string, id: string): Promise<void> {
    await db.query(`DELETE FROM roles WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  }

  async members(db: Queryable, workspaceId: string, roleId: string): Promise<RoleMember[]> {
    const found = await rows<{ user_id: string; capacity: number | null }>(
      db,
      `SELECT user_id, capacity FROM role_members WHERE workspace_id = $1 AND role_id = $2 ORDER BY created_at, user_id`,
      [workspaceId, roleId],
    );
    return found.map((r) => ({ userId: r.user_id, capacity: r.capacity }));
  }

  /** Makes the members exactly `members`: others leave, kept ones keep their join time, capacities are replaced. */
  async replaceMembers(db: Queryable, workspaceId: string, roleId: string, members: RoleMember[]): Promise<void> {
    const ids = members.map((m) => m.userId);
    await db.query(`DELETE FROM role_members WHERE workspace_id = $1 AND role_id = $2 AND NOT (user_id = ANY($3::uuid[]))`, [workspaceId, roleId, ids]);
    if (members.length === 0) return;
    await db.query(
      `INSERT INTO role_members (workspace_id, role_id, user_id, capacity)
       SELECT $1, $2, u, c FROM unnest($3::uuid[], $4::int[]) AS x(u, c)
       ON CONFLICT (role_id, user_id) DO UPDATE SET capacity = EXCLUDED.capacity`,
      [workspaceId, roleId, ids, members.map((m) => m.capacity)],
    );
  }
}

function toView(r: RoleRow): RoleView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    assignment: r.assignment,
    escalationRoleId: r.escalation_role_id,
    acceptanceSeconds: r.acceptance_seconds,
    businessHoursId: r.business_hours_id,
    members: r.members.map((m) => ({ userId: m.userId, name: m.name, capacity: m.capacity })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
