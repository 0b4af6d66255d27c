import type { AuthUser } from '@app/identity';

/**
 * Which conversations a member may read. Leads, supervisors and admins read the whole workspace; an agent reads
 * what is assigned to them and what is routed to their task-force roles (read at query time, so a change of
 * membership applies at once).
 */
export interface ConversationScope {
  workspaceId: string;
  userId: string;
  all: boolean;
}

export function scopeOf(user: Pick<AuthUser, 'workspaceId' | 'id' | 'access'>): ConversationScope {
  return { workspaceId: user.workspaceId, userId: user.id, all: user.access !== 'agent' };
}

/** The scope as SQL on alias `c`, its parameters appended to params. */
export function scopeSql(scope: ConversationScope, params: unknown[]): string {
  params.push(scope.workspaceId);
  const ws = `$${params.length}`;
  let sql = `c.workspace_id = ${ws}`;
  if (!scope.all) {
    params.push(scope.userId);
    const me = `$${params.length}`;
    sql += ` AND (c.assignee_id = ${me} OR c.role_id IN (SELECT role_id FROM role_members WHERE workspace_id = ${ws} AND user_id = ${me}))`;
  }
  return sql;
}
