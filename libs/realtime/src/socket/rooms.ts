/**
 * Room names. Everyone of a workspace is in `ws`; full-access members (lead, supervisor, admin) in `all`; an
 * agent in each of its roles' rooms; every socket in its member's room; viewers in the conversation's room.
 */
export const rooms = {
  workspace: (workspaceId: string) => `ws:${workspaceId}`,
  all: (workspaceId: string) => `all:${workspaceId}`,
  role: (roleId: string) => `role:${roleId}`,
  user: (workspaceId: string, userId: string) => `user:${workspaceId}:${userId}`,
  conversation: (conversationId: string) => `conv:${conversationId}`,
};

/** The rooms a logged event goes to: full access always, then its audience. */
export function eventRooms(workspaceId: string, roleIds: string[], userIds: string[]): string[] {
  return [rooms.all(workspaceId), ...roleIds.map(rooms.role), ...userIds.map((u) => rooms.user(workspaceId, u))];
}
