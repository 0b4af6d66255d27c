import { businessAcceptanceDue, escalationReason, escalationTarget } from './escalation.service';

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

  describe('in the role\'s working hours', () => {
    // Europe/Rome, Monday to Friday 09:00–18:00 (CET in November: UTC+1).
    const hours = { timezone: 'Europe/Rome', weekly: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, from: '09:00', to: '18:00' })), holidays: [] };
    const rome = (local: string) => new Date(`${local}+01:00`);

    it('moves the due instant on when the hours closed during the wait: 10 minutes from Friday 17:55 end Monday 09:05', () => {
      const row = { ...hours, acceptance_seconds: 600, accept_due_at: rome('2026-11-20T18:05:00'), db_now: rome('2026-11-20T18:05:00') };
      expect(businessAcceptanceDue(row)).toEqual(rome('2026-11-23T09:05:00'));
    });

    it('lets it run out when the hours were open all along, or the role has none', () => {
      expect(businessAcceptanceDue({ ...hours, acceptance_seconds: 600, accept_due_at: rome('2026-11-20T10:10:00'), db_now: rome('2026-11-20T10:10:01') })).toBeNull();
      expect(businessAcceptanceDue({ timezone: null, weekly: null, holidays: null, acceptance_seconds: 600, accept_due_at: rome('2026-11-20T18:05:00'), db_now: rome('2026-11-20T18:05:00') })).toBeNull();
    });
  });
});
