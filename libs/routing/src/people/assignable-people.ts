import { DomainException } from '@app/common';
import { rows, type Queryable } from '@app/db';
import type { Access } from '@app/identity';

/** A user id named by a request, with the field that named it (`assigneeId`, `members.2.userId`). */
export interface PersonRef {
  field: string;
  userId: string;
}

export interface MembershipFact {
  userId: string;
  access: Access;
  active: boolean;
}

/**
 * Who may hold conversations: an active member of the workspace who answers customers. Supervisors read and
 * measure but do not reply, so they are neither assignees nor role members. Pure: the facts come from the caller.
 */
export function judgePeople(refs: PersonRef[], facts: MembershipFact[]): { unknown: string[]; invalid: string[] } {
  const byId = new Map(facts.map((f) => [f.userId, f]));
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const { field, userId } of refs) {
    const fact = byId.get(userId.toLowerCase());
    if (!fact) unknown.push(`${field}: ${userId} is not a member of this workspace`);
    else if (!fact.active) invalid.push(`${field}: ${userId} is deactivated in this workspace`);
    else if (fact.access === 'supervisor') invalid.push(`${field}: ${userId} is a supervisor, and supervisors do not answer conversations`);
  }
  return { unknown, invalid };
}

/**
 * Throws 404 USER_NOT_FOUND naming every id that is not a member of the workspace (another workspace's people do
 * not exist here), else 400 VALIDATION_FAILED naming every deactivated member or supervisor.
 */
export async function assertAssignable(db: Queryable, workspaceId: string, refs: PersonRef[]): Promise<void> {
  if (refs.length === 0) return;
  const facts = await rows<{ user_id: string; access: Access; active: boolean }>(
    db,
    `SELECT user_id, access, active FROM memberships WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])`,
    [workspaceId, [...new Set(refs.map((r) => r.userId))]],
  );
  const { unknown, invalid } = judgePeople(
    refs,
    facts.map((f) => ({ userId: f.user_id, access: f.access, active: f.active })),
  );
  if (unknown.length > 0) throw new DomainException('USER_NOT_FOUND', unknown);
  if (invalid.length > 0) throw new DomainException('VALIDATION_FAILED', invalid);
}
