import type { EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';

/** What a conversation's lock answers: its version and where it stands. */
export interface LockedConversation {
  version: number;
  roleId: string | null;
  assigneeId: string | null;
}

/**
 * Optimistic concurrency for edits of one conversation: locks its row for the rest of the transaction and, when
 * the client said which version it edited (If-Match), refuses with 409 if anyone changed it since. The version
 * itself is bumped by a trigger on every change of status, priority, role, assignee, tags or snooze. Null when the
 * workspace has no such conversation.
 */
export async function lockVersion(m: EntityManager, workspaceId: string, conversationId: string, expected: number | undefined): Promise<LockedConversation | null> {
  const [row] = await rows<{ version: number; role_id: string | null; assignee_id: string | null }>(
    m,
    `SELECT version, role_id, assignee_id FROM conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
    [workspaceId, conversationId],
  );
  if (!row) return null;
  checkVersion(row.version, expected);
  return { version: row.version, roleId: row.role_id, assigneeId: row.assignee_id };
}

/**
 * The If-Match check alone, for a caller that must decide something else first (whether the user may see the
 * conversation at all) on the row lockVersion locked without an expected version.
 */
export function checkVersion(actual: number, expected: number | undefined): void {
  if (expected !== undefined && actual !== expected) {
    throw new DomainException('VERSION_CONFLICT', `The conversation changed since version ${expected}: it is now at version ${actual}; reload it and try again`);
  }
}
