import type { Role, RoleMember } from '../../components/directory';
import type { Strategy } from './team-types';

export type DurationUnit = 'seconds' | 'minutes' | 'hours';
export const DURATION_UNITS: readonly DurationUnit[] = ['seconds', 'minutes', 'hours'];
const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };
/** The API's bounds for the acceptance timer (1 s to a week). */
export const MAX_ACCEPTANCE_SECONDS = 7 * 24 * 3600;
/** The API's bound for a capacity. */
export const MAX_CAPACITY = 100_000;

/** The role form as typed: text fields stay text until saved, so a half-typed number is not lost. */
export interface RoleDraft {
  name: string;
  description: string;
  assignment: Strategy;
  /** '' for none. */
  escalationRoleId: string;
  /** '' for no acceptance timer. */
  acceptance: string;
  acceptanceUnit: DurationUnit;
  /** '' for always (no working hours). */
  businessHoursId: string;
}

export interface RoleBody {
  name: string;
  description: string | null;
  assignment: Strategy;
  escalationRoleId: string | null;
  acceptanceSeconds: number | null;
  businessHoursId: string | null;
}

export type RoleFieldProblem = 'required' | 'integer' | 'range';

export const emptyRoleDraft = (): RoleDraft => ({
  name: '',
  description: '',
  assignment: 'round_robin',
  escalationRoleId: '',
  acceptance: '',
  acceptanceUnit: 'minutes',
  businessHoursId: '',
});

/** Seconds shown in the largest unit that holds them exactly: 900 → 15 minutes, 90 → 90 seconds. */
export function splitDuration(seconds: number): { value: string; unit: DurationUnit } {
  for (const unit of ['hours', 'minutes'] as const) if (seconds % UNIT_SECONDS[unit] === 0) return { value: String(seconds / UNIT_SECONDS[unit]), unit };
  return { value: String(seconds), unit: 'seconds' };
}

export function roleToDraft(role: Role): RoleDraft {
  const timer = role.acceptanceSeconds === null ? { value: '', unit: 'minutes' as const } : splitDuration(role.acceptanceSeconds);
  return {
    name: role.name,
    description: role.description ?? '',
    assignment: role.assignment,
    escalationRoleId: role.escalationRoleId ?? '',
    acceptance: timer.value,
    acceptanceUnit: timer.unit,
    businessHoursId: role.businessHoursId ?? '',
  };
}

/** The body for POST or PATCH (every field, `null` clearing), or what the lead must fix first. */
export function draftToRoleBody(draft: RoleDraft): { ok: true; body: RoleBody } | { ok: false; problems: Partial<Record<'name' | 'acceptance', RoleFieldProblem>> } {
  const problems: Partial<Record<'name' | 'acceptance', RoleFieldProblem>> = {};
  const name = draft.name.trim();
  if (name === '') problems.name = 'required';
  let acceptanceSeconds: number | null = null;
  const timer = draft.acceptance.trim();
  if (timer !== '') {
    if (!/^\d+$/.test(timer)) problems.acceptance = 'integer';
    else {
      acceptanceSeconds = Number(timer) * UNIT_SECONDS[draft.acceptanceUnit];
      if (acceptanceSeconds < 1 || acceptanceSeconds > MAX_ACCEPTANCE_SECONDS) problems.acceptance = 'range';
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const description = draft.description.trim();
  return {
    ok: true,
    body: {
      name,
      description: description === '' ? null : description,
      assignment: draft.assignment,
      escalationRoleId: draft.escalationRoleId || null,
      acceptanceSeconds,
      businessHoursId: draft.businessHoursId || null,
    },
  };
}

/**
 * Roles carry no version: before saving, the form compares the role as it is now with the one it opened, so a
 * lead never silently overwrites another lead's change.
 */
export function roleChanged(opened: Role, now: Role): boolean {
  return (
    opened.name !== now.name ||
    (opened.description ?? null) !== (now.description ?? null) ||
    opened.assignment !== now.assignment ||
    opened.escalationRoleId !== now.escalationRoleId ||
    opened.acceptanceSeconds !== now.acceptanceSeconds ||
    opened.businessHoursId !== now.businessHoursId
  );
}

export function membersChanged(opened: readonly RoleMember[], now: readonly RoleMember[]): boolean {
  const key = (list: readonly RoleMember[]) => list.map((m) => `${m.userId}:${m.capacity ?? '-'}`).sort().join(',');
  return key(opened) !== key(now);
}

/** Per person: in the role or not, and the capacity as typed ('' for unlimited). */
export type MembersDraft = Record<string, { member: boolean; capacity: string }>;

export function membersToDraft(members: readonly RoleMember[]): MembersDraft {
  const draft: MembersDraft = {};
  for (const m of members) draft[m.userId] = { member: true, capacity: m.capacity === null ? '' : String(m.capacity) };
  return draft;
}

/** The PUT body's members, or the people whose capacity is not a whole number from 0 to the limit. */
export function draftToMembers(draft: MembersDraft): { ok: true; members: Array<{ userId: string; capacity: number | null }> } | { ok: false; invalid: string[] } {
  const members: Array<{ userId: string; capacity: number | null }> = [];
  const invalid: string[] = [];
  for (const [userId, row] of Object.entries(draft)) {
    if (!row.member) continue;
    const text = row.capacity.trim();
    if (text === '') members.push({ userId, capacity: null });
    else if (/^\d+$/.test(text) && Number(text) <= MAX_CAPACITY) members.push({ userId, capacity: Number(text) });
    else invalid.push(userId);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, members };
}
