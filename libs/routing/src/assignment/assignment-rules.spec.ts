import { agentRefusal, manualChange, nextAssignment, sameAssignment, underCapacity } from './assignment-rules';

const ME = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000002';
const ROLE = 'cccccccc-0000-4000-8000-000000000003';
const ROLE2 = 'dddddddd-0000-4000-8000-000000000004';
const mine = new Set([ROLE]);

describe('nextAssignment', () => {
  it('leaves out what the request leaves out, and clears what it sets to null', () => {
    const current = { roleId: ROLE, assigneeId: OTHER };
    expect(nextAssignment(current, { assigneeId: ME })).toEqual({ roleId: ROLE, assigneeId: ME });
    expect(nextAssignment(current, { roleId: ROLE2 })).toEqual({ roleId: ROLE2, assigneeId: OTHER });
    expect(nextAssignment(current, { assigneeId: null })).toEqual({ roleId: ROLE, assigneeId: null });
    expect(nextAssignment(current, { roleId: null, assigneeId: null })).toEqual({ roleId: null, assigneeId: null });
  });

  it('knows when nothing changes', () => {
    const current = { roleId: ROLE, assigneeId: null };
    expect(sameAssignment(current, nextAssignment(current, { roleId: ROLE }))).toBe(true);
    expect(sameAssignment(current, nextAssignment(current, { assigneeId: ME }))).toBe(false);
  });
});

describe('agentRefusal: an agent only takes an unassigned conversation of their role for themself', () => {
  const unassigned = { roleId: ROLE, assigneeId: null };

  it('lets an agent take an unassigned conversation of their role (naming the same role is fine)', () => {
    expect(agentRefusal(ME, mine, unassigned, { assigneeId: ME })).toBeNull();
    expect(agentRefusal(ME, mine, unassigned, { assigneeId: ME, roleId: ROLE })).toBeNull();
  });

  it('taking what they already hold is allowed (a no-op)', () => {
    expect(agentRefusal(ME, new Set(), { roleId: ROLE2, assigneeId: ME }, { assigneeId: ME })).toBeNull();
  });

  it('refuses assigning someone else, unassigning, or a role change', () => {
    expect(agentRefusal(ME, mine, unassigned, { assigneeId: OTHER })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
    expect(agentRefusal(ME, mine, { roleId: ROLE, assigneeId: ME }, { assigneeId: null })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
    expect(agentRefusal(ME, mine, unassigned, { roleId: ROLE2 })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
    expect(agentRefusal(ME, mine, unassigned, { roleId: ROLE2, assigneeId: ME })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
  });

  it('refuses a conversation someone else holds with a conflict', () => {
    expect(agentRefusal(ME, mine, { roleId: ROLE, assigneeId: OTHER }, { assigneeId: ME })?.code).toBe('CONVERSATION_ALREADY_ASSIGNED');
  });

  it('refuses a conversation of a role they are not in, or of no role', () => {
    expect(agentRefusal(ME, mine, { roleId: ROLE2, assigneeId: null }, { assigneeId: ME })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
    expect(agentRefusal(ME, mine, { roleId: null, assigneeId: null }, { assigneeId: ME })?.code).toBe('ASSIGNMENT_NOT_ALLOWED');
  });
});

describe('manualChange: the history type of a manual change', () => {
  it('a role change is a reassignment, with or without a person', () => {
    expect(manualChange({ roleId: ROLE, assigneeId: ME }, { roleId: ROLE2, assigneeId: ME })).toBe('reassigned');
    expect(manualChange({ roleId: ROLE, assigneeId: null }, { roleId: ROLE2, assigneeId: OTHER })).toBe('reassigned');
    expect(manualChange({ roleId: ROLE, assigneeId: ME }, { roleId: null, assigneeId: null })).toBe('reassigned');
    expect(manualChange({ roleId: null, assigneeId: null }, { roleId: ROLE, assigneeId: null })).toBe('reassigned');
  });

  it('someone given a conversation that had no role is an assignment', () => {
    expect(manualChange({ roleId: null, assigneeId: null }, { roleId: ROLE, assigneeId: ME })).toBe('assigned');
    expect(manualChange({ roleId: null, assigneeId: OTHER }, { roleId: null, assigneeId: ME })).toBe('assigned');
  });

  it('within one role: a person set is assigned, none is unassigned (back to the queue)', () => {
    expect(manualChange({ roleId: ROLE, assigneeId: null }, { roleId: ROLE, assigneeId: ME })).toBe('assigned');
    expect(manualChange({ roleId: ROLE, assigneeId: OTHER }, { roleId: ROLE, assigneeId: ME })).toBe('assigned');
    expect(manualChange({ roleId: ROLE, assigneeId: ME }, { roleId: ROLE, assigneeId: null })).toBe('unassigned');
  });
});

describe('underCapacity', () => {
  it('null is unlimited; otherwise strictly fewer held than the capacity', () => {
    expect(underCapacity(null, 10_000)).toBe(true);
    expect(underCapacity(2, 1)).toBe(true);
    expect(underCapacity(2, 2)).toBe(false);
    expect(underCapacity(0, 0)).toBe(false);
  });
});
