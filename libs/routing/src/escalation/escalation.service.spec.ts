import { escalationReason, escalationTarget } from './escalation.service';

const FRONT = 'aaaaaaaa-0000-4000-8000-000000000001';
const SENIORS = 'bbbbbbbb-0000-4000-8000-000000000002';

describe('escalation', () => {
  it("goes to the escalation role's queue, else back to the role's own queue, unassigned either way", () => {
    expect(escalationTarget({ role_id: FRONT, escalation_role_id: SENIORS })).toEqual({ roleId: SENIORS, assigneeId: null });
    expect(escalationTarget({ role_id: FRONT, escalation_role_id: null })).toEqual({ roleId: FRONT, assigneeId: null });
  });

  it('says who did not answer within how long', () => {
    expect(escalationReason({ acceptance_seconds: 300, assignee_name: 'Giulia' })).toBe('not answered within 300 s by Giulia');
    expect(escalationReason({ acceptance_seconds: null, assignee_name: null })).toBe('not answered within the acceptance time by the assignee');
  });
});
