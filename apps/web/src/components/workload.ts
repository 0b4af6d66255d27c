// A member's load as `GET /api/workload` lists it (leads, supervisors, admins), and the "open/capacity" label the
// assignment picker shows beside each name: one place for the inbox's bulk reassignment and the Team page.

export type PresenceStatus = 'online' | 'away' | 'offline';

export interface RoleLoad {
  roleId: string;
  name: string;
  capacity: number | null;
  open: number;
}
export interface MemberLoad {
  userId: string;
  name: string;
  access: string;
  presence: PresenceStatus;
  /** Open conversations held, in any role or none. */
  open: number;
  roles: RoleLoad[];
}

/** "3/5", or "3/∞" without a capacity. */
export const loadLabel = (open: number, capacity: number | null): string => `${open}/${capacity ?? '∞'}`;

/**
 * A member's capacity over all their roles: capacity is per role, so it is the sum over their roles; one role
 * without a cap (or no role at all) makes it unlimited (null).
 */
export function memberCapacity(member: Pick<MemberLoad, 'roles'>): number | null {
  const limited = member.roles.length > 0 && member.roles.every((r) => r.capacity !== null);
  return limited ? member.roles.reduce((sum, r) => sum + (r.capacity ?? 0), 0) : null;
}

/** Each member's load as the assignment picker shows it beside their name: every open conversation against capacity. */
export function loadLabels(members: readonly Pick<MemberLoad, 'userId' | 'open' | 'roles'>[]): Map<string, string> {
  return new Map(members.map((m) => [m.userId, loadLabel(m.open, memberCapacity(m))]));
}
