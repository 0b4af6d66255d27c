import type { Access } from '../entities/access';

/** Who is calling, in which workspace: what the JWT strategy puts on the request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  access: Access;
  workspaceId: string;
}

export interface TokenPayload {
  sub: string;
  wid: string;
}
