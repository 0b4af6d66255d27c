import type { Role } from '../../components/directory';
import { draftToMembers, draftToRoleBody, emptyRoleDraft, membersChanged, membersToDraft, roleChanged, roleToDraft, splitDuration } from './role-form-logic';

const role = (over: Partial<Role> = {}): Role => ({
  id: 'r1',
  name: 'Customer care',
  description: null,
  assignment: 'round_robin',
  escalationRoleId: null,
  acceptanceSeconds: null,
  businessHoursId: null,
  members: [],
  ...over,
});

describe('the role form', () => {
  it('shows a timer in the largest unit that holds it exactly', () => {
    expect(splitDuration(900)).toEqual({ value: '15', unit: 'minutes' });
    expect(splitDuration(7200)).toEqual({ value: '2', unit: 'hours' });
    expect(splitDuration(90)).toEqual({ value: '90', unit: 'seconds' });
  });

  it('round-trips a role through the form to the same body', () => {
    const saved = role({ description: 'Refunds and complaints', assignment: 'least_busy', escalationRoleId: 'r2', acceptanceSeconds: 600, businessHoursId: 'bh' });
    expect(draftToRoleBody(roleToDraft(saved))).toEqual({
      ok: true,
      body: { name: 'Customer care', description: 'Refunds and complaints', assignment: 'least_busy', escalationRoleId: 'r2', acceptanceSeconds: 600, businessHoursId: 'bh' },
    });
  });

  it('sends null for what the lead left empty, so a PATCH clears it', () => {
    const draft = { ...roleToDraft(role({ description: 'x', escalationRoleId: 'r2', acceptanceSeconds: 60, businessHoursId: 'bh' })), description: '  ', escalationRoleId: '', acceptance: '', businessHoursId: '' };
    expect(draftToRoleBody(draft)).toMatchObject({ ok: true, body: { description: null, escalationRoleId: null, acceptanceSeconds: null, businessHoursId: null } });
  });

  it('asks for a name and a whole, bounded timer', () => {
    expect(draftToRoleBody({ ...emptyRoleDraft(), name: ' ', acceptance: '1.5' })).toEqual({ ok: false, problems: { name: 'required', acceptance: 'integer' } });
    expect(draftToRoleBody({ ...emptyRoleDraft(), name: 'PR', acceptance: '0' })).toEqual({ ok: false, problems: { acceptance: 'range' } });
    expect(draftToRoleBody({ ...emptyRoleDraft(), name: 'PR', acceptance: '169', acceptanceUnit: 'hours' })).toEqual({ ok: false, problems: { acceptance: 'range' } });
    expect(draftToRoleBody({ ...emptyRoleDraft(), name: 'PR', acceptance: '168', acceptanceUnit: 'hours' })).toMatchObject({ ok: true, body: { acceptanceSeconds: 604800 } });
  });

  it('notices another lead’s change to the role or its members', () => {
    expect(roleChanged(role(), role({ members: [{ userId: 'u', name: 'U', capacity: 1 }] }))).toBe(false);
    expect(roleChanged(role(), role({ acceptanceSeconds: 60 }))).toBe(true);
    expect(roleChanged(role(), role({ name: 'Care' }))).toBe(true);
    const a = { userId: 'a', name: 'A', capacity: 2 };
    const b = { userId: 'b', name: 'B', capacity: null };
    expect(membersChanged([a, b], [b, a])).toBe(false);
    expect(membersChanged([a, b], [a, { ...b, capacity: 3 }])).toBe(true);
    expect(membersChanged([a], [a, b])).toBe(true);
  });
});

describe('the members editor', () => {
  it('turns the ticked people into the PUT body, empty capacity meaning unlimited', () => {
    const draft = { ...membersToDraft([{ userId: 'a', name: 'A', capacity: 2 }]), b: { member: true, capacity: '' }, c: { member: false, capacity: '4' } };
    expect(draftToMembers(draft)).toEqual({ ok: true, members: [{ userId: 'a', capacity: 2 }, { userId: 'b', capacity: null }] });
  });

  it('names the people whose capacity is not a whole number within the limit', () => {
    expect(draftToMembers({ a: { member: true, capacity: '-1' }, b: { member: true, capacity: '2.5' }, c: { member: true, capacity: '100001' }, d: { member: false, capacity: 'x' } })).toEqual({
      ok: false,
      invalid: ['a', 'b', 'c'],
    });
  });
});
