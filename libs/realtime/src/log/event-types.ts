/** The logged events of the contract, plus the task-force changes a desk needs to follow membership live. */
export const LOGGED_EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'message.updated',
  'sla.warning',
  'sla.breached',
  'sla.met',
  'role.members.updated',
  'member.updated',
] as const;
export type LoggedEventType = (typeof LOGGED_EVENT_TYPES)[number];

/**
 * An event about to be logged. `roleIds` and `userIds` are its audience below full access: an agent sees it when
 * one of its roles or its own id is listed. Leads, supervisors and admins see every event of the workspace.
 */
export interface NewEvent {
  type: LoggedEventType;
  conversationId?: string | null;
  roleIds: string[];
  userIds: string[];
  payload: Record<string, unknown>;
}

export interface LoggedEvent {
  workspaceId: string;
  seq: number;
  type: LoggedEventType;
  at: string;
  conversationId: string | null;
  roleIds: string[];
  userIds: string[];
  payload: Record<string, unknown>;
}

/** What a client receives: `{seq, workspaceId, at, type, ...payload}`. */
export function wireBody(e: LoggedEvent): Record<string, unknown> {
  return { ...e.payload, seq: e.seq, workspaceId: e.workspaceId, at: e.at, type: e.type };
}

/** Who may see an event, by the viewer's access: the same rule in memory as `visibleSql` is in SQL. */
export interface Viewer {
  userId: string;
  all: boolean;
  roleIds: ReadonlySet<string>;
}

export function canSee(viewer: Viewer, e: Pick<LoggedEvent, 'roleIds' | 'userIds'>): boolean {
  return viewer.all || e.userIds.includes(viewer.userId) || e.roleIds.some((r) => viewer.roleIds.has(r));
}
