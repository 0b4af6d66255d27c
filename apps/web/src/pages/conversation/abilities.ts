import type { Access, Conversation } from '../../api/types';

/** What the signed-in member may do on one conversation, mirroring the API's rules so the pane offers only those. */
export interface Abilities {
  /** Answer the customer (agents, leads, admins: supervisors read and leave notes, they do not reply). */
  reply: boolean;
  /** Internal notes: every member who reads the conversation. */
  note: boolean;
  changeStatus: boolean;
  editPriority: boolean;
  editTags: boolean;
  /** "Assign to me": an agent taking an unassigned conversation of one of their roles; a lead or admin, any. */
  takeForMe: boolean;
  /** Move it to any role or person (leads, admins). */
  reassign: boolean;
  /** Approve or reject replies the reply policy held (leads, admins). */
  decideHeld: boolean;
}

type Member = { id: string; access: Access };
type Assignment = Pick<Conversation, 'roleId' | 'assigneeId'>;

export function abilitiesOf(me: Member, conversation: Assignment, myRoleIds: ReadonlySet<string>): Abilities {
  const answers = me.access !== 'supervisor';
  const runs = me.access === 'lead' || me.access === 'admin';
  const ownRole = conversation.roleId !== null && myRoleIds.has(conversation.roleId);
  return {
    reply: answers,
    note: true,
    changeStatus: answers,
    editPriority: answers,
    editTags: answers,
    takeForMe: runs ? conversation.assigneeId !== me.id : me.access === 'agent' && conversation.assigneeId === null && ownRole,
    reassign: runs,
    decideHeld: runs,
  };
}

/**
 * Whether an agent still reads a conversation after it moved (assigned to someone else, outside their roles): the
 * pane then says so instead of offering actions the server would refuse. Everyone else reads the whole workspace.
 */
export function stillReadable(me: Member, conversation: Assignment, myRoleIds: ReadonlySet<string>): boolean {
  if (me.access !== 'agent') return true;
  return conversation.assigneeId === me.id || (conversation.roleId !== null && myRoleIds.has(conversation.roleId));
}

/** The roles the member belongs to, from the directory's roles and their members. */
export function roleIdsOf(userId: string, roles: ReadonlyArray<{ id: string; members: ReadonlyArray<{ userId: string }> }>): Set<string> {
  return new Set(roles.filter((r) => r.members.some((m) => m.userId === userId)).map((r) => r.id));
}
