import type { ErrorCode } from '@app/common';

/** Who answers a conversation: the role whose queue it is in and the person holding it. */
export interface Assignment {
  roleId: string | null;
  assigneeId: string | null;
}

/** A field left out stays as it is; null clears it (`assigneeId: null` unassigns, `roleId: null` leaves every queue). */
export interface AssignmentRequest {
  roleId?: string | null;
  assigneeId?: string | null;
}

export function nextAssignment(current: Assignment, request: AssignmentRequest): Assignment {
  return {
    roleId: request.roleId === undefined ? current.roleId : request.roleId,
    assigneeId: request.assigneeId === undefined ? current.assigneeId : request.assigneeId,
  };
}

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  return a.roleId === b.roleId && a.assigneeId === b.assigneeId;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
}

/**
 * The one assignment an agent may make: take an unassigned conversation of one of their roles for themself, the
 * role unchanged. Taking one they already hold is a no-op. Returns why not, or null when allowed.
 */
export function agentRefusal(agentId: string, agentRoleIds: ReadonlySet<string>, current: Assignment, request: AssignmentRequest): Refusal | null {
  if (request.assigneeId !== agentId) {
    return { code: 'ASSIGNMENT_NOT_ALLOWED', message: 'An agent may only take a conversation for themself: assigneeId must be your own id' };
  }
  if (request.roleId !== undefined && request.roleId !== current.roleId) {
    return { code: 'ASSIGNMENT_NOT_ALLOWED', message: "An agent may not change a conversation's role" };
  }
  if (current.assigneeId === agentId) return null;
  if (current.assigneeId !== null) return { code: 'CONVERSATION_ALREADY_ASSIGNED', message: 'The conversation is already assigned to someone else' };
  if (current.roleId === null || !agentRoleIds.has(current.roleId)) {
    return { code: 'ASSIGNMENT_NOT_ALLOWED', message: 'An agent may only take conversations of their own roles' };
  }
  return null;
}

/**
 * The history line a manual change writes (see HistoryEntry): moving it from one role to another (or out of every
 * role) is a reassignment, with or without a person; giving someone a conversation that had no role is an
 * assignment, as within one role; leaving it with nobody in the same role is an unassignment (back to the queue).
 */
export type ManualChange = 'assigned' | 'unassigned' | 'reassigned';

export function manualChange(current: Assignment, next: Assignment): ManualChange {
  if (current.roleId !== next.roleId && (current.roleId !== null || next.assigneeId === null)) return 'reassigned';
  return next.assigneeId === null ? 'unassigned' : 'assigned';
}

/** Under capacity: `capacity` null is unlimited; `held` counts the member's open conversations of the role. */
export function underCapacity(capacity: number | null, held: number): boolean {
  return capacity === null || held < capacity;
}
