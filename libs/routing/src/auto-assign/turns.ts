import type { EntityManager } from 'typeorm';

/**
 * Moves members to the back of a role's round-robin line, in the order given (a member listed twice keeps their
 * last place), one microsecond apart and never before the role's latest turn: a transaction that waited for the
 * role's lock must not stamp earlier than the one it waited for (now() is when it began, not when it got the lock).
 * Automatic passes and agents taking a conversation both count as a turn.
 */
export async function stampTurns(m: EntityManager, workspaceId: string, roleId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const turn = new Map<string, number>();
  userIds.forEach((userId, i) => turn.set(userId, i));
  await m.query(
    `WITH base AS (
       SELECT GREATEST(clock_timestamp(), max(last_assigned_at) + interval '1 microsecond') AS t
       FROM role_members WHERE workspace_id = $1 AND role_id = $2
     )
     UPDATE role_members rm SET last_assigned_at = base.t + x.k * interval '1 microsecond'
     FROM base, unnest($3::uuid[], $4::int[]) AS x(user_id, k)
     WHERE rm.workspace_id = $1 AND rm.role_id = $2 AND rm.user_id = x.user_id`,
    [workspaceId, roleId, [...turn.keys()], [...turn.values()]],
  );
}
