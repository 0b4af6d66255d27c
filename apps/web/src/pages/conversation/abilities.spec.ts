import { abilitiesOf, roleIdsOf, stillReadable } from './abilities';

const care = 'role-care';
const mine = new Set([care]);
const none = new Set<string>();

describe('abilitiesOf', () => {
  it('lets an agent take an unassigned conversation of their role, not one of another role or held by someone', () => {
    const agent = { id: 'a1', access: 'agent' as const };
    expect(abilitiesOf(agent, { roleId: care, assigneeId: null }, mine).takeForMe).toBe(true);
    expect(abilitiesOf(agent, { roleId: 'other', assigneeId: null }, mine).takeForMe).toBe(false);
    expect(abilitiesOf(agent, { roleId: care, assigneeId: 'a2' }, mine).takeForMe).toBe(false);
    expect(abilitiesOf(agent, { roleId: care, assigneeId: null }, mine)).toMatchObject({ reply: true, note: true, reassign: false, decideHeld: false });
  });

  it('lets leads and admins take anything not already theirs, reassign and decide held replies', () => {
    for (const access of ['lead', 'admin'] as const) {
      const me = { id: 'l1', access };
      expect(abilitiesOf(me, { roleId: null, assigneeId: 'a2' }, none)).toMatchObject({ takeForMe: true, reassign: true, decideHeld: true, reply: true });
      expect(abilitiesOf(me, { roleId: null, assigneeId: 'l1' }, none).takeForMe).toBe(false);
    }
  });

  it('lets a supervisor read and leave notes, nothing else', () => {
    expect(abilitiesOf({ id: 's1', access: 'supervisor' }, { roleId: care, assigneeId: null }, mine)).toEqual({
      reply: false,
      note: true,
      changeStatus: false,
      editPriority: false,
      editTags: false,
      takeForMe: false,
      reassign: false,
      decideHeld: false,
    });
  });
});

describe('stillReadable', () => {
  it('is false for an agent once the conversation left them and their roles', () => {
    const agent = { id: 'a1', access: 'agent' as const };
    expect(stillReadable(agent, { roleId: care, assigneeId: 'a2' }, mine)).toBe(true);
    expect(stillReadable(agent, { roleId: 'other', assigneeId: 'a1' }, mine)).toBe(true);
    expect(stillReadable(agent, { roleId: 'other', assigneeId: 'a2' }, mine)).toBe(false);
    expect(stillReadable({ id: 'l1', access: 'lead' }, { roleId: 'other', assigneeId: 'a2' }, none)).toBe(true);
  });
});

describe('roleIdsOf', () => {
  it('lists the roles the user is a member of', () => {
    const roles = [
      { id: 'r1', members: [{ userId: 'a1' }] },
      { id: 'r2', members: [{ userId: 'a2' }] },
    ];
    expect([...roleIdsOf('a1', roles)]).toEqual(['r1']);
  });
});
