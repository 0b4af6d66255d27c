import type { AuthUser } from '@app/identity';

/**
 * Which conversations a member may read. Leads, supervisors and admins read the whole workspace; an agent reads
 * what is assigned to them (and, once the responsibility map lands, what is routed to their roles).
 */
export interface ConversationScope {
  workspaceId: string;
  userId: string;
  all: boolean;
  roleIds: string[];
}

export function scopeOf(user: AuthUser, roleIds: string[] = []): ConversationScope {
  return { workspaceId: user.workspaceId, userId: user.id, all: user.access !== 'agent', roleIds };
}

/** The scope as SQL on alias `c`, its parameters appended to params. */
export function scopeSql(scope: ConversationScope, params: unknown[]): string {
  params.push(scope.workspaceId);
  let sql = `c.workspace_id = $${params.length}`;
  if (!scope.all) {
    params.push(scope.userId, scope.roleIds);
    sql += ` AND (c.assignee_id = $${params.length - 1} OR c.role_id = ANY($${params.length}::uuid[]))`;
  }
  return sql;
}
