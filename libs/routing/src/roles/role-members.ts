/** Membership of one role: pure helpers for the replace-all semantics of PUT /api/roles/:id/members. */
export interface RoleMember {
  userId: string;
  capacity: number | null;
}

export interface MemberInput {
  userId: string;
  capacity?: number | null;
}

/** The requested members with capacity defaulted to unlimited, plus the user ids that were listed more than once. */
export function normalizeMembers(input: MemberInput[]): { members: RoleMember[]; duplicates: string[] } {
  const seen = new Map<string, RoleMember>();
  const duplicates = new Set<string>();
  for (const m of input) {
    const userId = m.userId.toLowerCase();
    if (seen.has(userId)) duplicates.add(userId);
    else seen.set(userId, { userId, capacity: m.capacity ?? null });
  }
  return { members: [...seen.values()], duplicates: [...duplicates] };
}

export interface MemberDiff {
  added: string[];
  removed: string[];
  /** Kept members whose capacity changed. */
  changed: string[];
}

export function diffMembers(before: RoleMember[], after: RoleMember[]): MemberDiff {
  const old = new Map(before.map((m) => [m.userId, m.capacity]));
  const next = new Map(after.map((m) => [m.userId, m.capacity]));
  return {
    added: after.filter((m) => !old.has(m.userId)).map((m) => m.userId),
    removed: before.filter((m) => !next.has(m.userId)).map((m) => m.userId),
    changed: after.filter((m) => old.has(m.userId) && old.get(m.userId) !== m.capacity).map((m) => m.userId),
  };
}

export function isNoChange(diff: MemberDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
