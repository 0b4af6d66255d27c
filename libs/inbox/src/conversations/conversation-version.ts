import type { EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';

/**
 * Optimistic concurrency for edits of one conversation: locks its row for the rest of the transaction and, when
 * the client said which version it edited (If-Match), refuses with 409 if anyone changed it since. The version
 * itself is bumped by a trigger on every change of status, priority, role, assignee, tags or snooze.
 */
export async function lockVersion(m: EntityManager, workspaceId: string, conversationId: string, expected: number | undefined): Promise<number | null> {
  const [row] = await rows<{ version: number }>(m, `SELECT version FROM conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [
    workspaceId,
    conversationId,
  ]);
  if (!row) return null;
  if (expected !== undefined && row.version !== expected) {
    throw new DomainException('VERSION_CONFLICT', `The conversation changed since version ${expected}: it is now at version ${row.version}; reload it and try again`);
  }
  return row.version;
}
