import type { Access } from '../entities/access';

/** A user as seen inside one workspace: the person plus their membership there. */
export interface Member {
  id: string;
  email: string;
  name: string;
  access: Access;
  active: boolean;
  workspaceId: string;
  joinedAt: Date;
}
