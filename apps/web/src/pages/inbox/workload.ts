/** A member's load as `GET /api/workload` lists it (lead, supervisor, admin). */
export interface MemberLoad {
  userId: string;
  name: string;
  presence: 'online' | 'away' | 'offline';
  /** Open conversations held, in any role or none. */
  open: number;
  roles: Array<{ roleId: string; name: string; capacity: number | null; open: number }>;
}

/**
 * Each member's load as the assignment picker shows it beside their name: open conversations against capacity,
 * `3/5`. Capacity is per role, so a member's is the sum over their roles; one role without a cap (or no role at
 * all) makes it unlimited, `3/∞`.
 */
export function loadLabels(members: readonly MemberLoad[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const m of members) {
    const caps = m.roles.map((r) => r.capacity);
    const capacity = caps.length > 0 && caps.every((c): c is number => c !== null) ? String(caps.reduce((a, b) => a + b, 0)) : '∞';
    labels.set(m.userId, `${m.open}/${capacity}`);
  }
  return labels;
}
