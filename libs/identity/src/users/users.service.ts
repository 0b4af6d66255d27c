import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
// The log writer alone: the realtime module itself depends on identity.
import { appendEvents } from '@app/realtime/log/event-log';
import type { Access } from '../entities/access';
import type { AuthUser } from '../auth/auth-user';
import { PasswordHasher } from '../auth/password-hasher';
import { MembershipRepository } from '../repositories/membership.repository';
import { UserRepository } from '../repositories/user.repository';
import type { Member } from '../repositories/member';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  access: Access;
}

export interface UserPatch {
  name?: string;
  password?: string;
  access?: Access;
  active?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * A new person joins the workspace. Someone who already has an account (in another workspace) is added as a
   * member with their own name and password unchanged: an admin of one workspace never sets another's credentials.
   */
  async create(workspaceId: string, input: NewUser): Promise<Member> {
    const passwordHash = await this.hasher.hash(input.password);
    const userId = await this.dataSource.transaction(async (m) => {
      // Serialises two concurrent creations of one e-mail; the unique index is the last word either way.
      await m.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [input.email]);
      const existing = await this.users.findIdByEmail(input.email, m);
      const id = existing ?? (await this.users.create({ email: input.email, name: input.name, passwordHash }, m));
      if (existing && (await m.query('SELECT 1 FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspaceId, existing])).length) {
        throw new DomainException('USER_ALREADY_MEMBER', `${input.email} is already a member of this workspace`);
      }
      await this.memberships.create(workspaceId, id, input.access, m);
      return id;
    });
    return (await this.memberships.findMember(workspaceId, userId))!;
  }

  list(workspaceId: string): Promise<Member[]> {
    return this.memberships.listMembers(workspaceId);
  }

  async get(workspaceId: string, userId: string): Promise<Member> {
    const member = await this.memberships.findMember(workspaceId, userId);
    if (!member) throw new DomainException('USER_NOT_FOUND', 'User not found');
    return member;
  }

  async update(actor: AuthUser, workspaceId: string, userId: string, patch: UserPatch): Promise<Member> {
    const target = await this.get(workspaceId, userId);
    await this.dataSource.transaction(async (m) => {
      if (patch.name !== undefined || patch.password !== undefined) {
        const elsewhere = (await this.memberships.countWorkspacesOf(userId, m)) > 1;
        if (elsewhere && actor.id !== userId) {
          throw new DomainException('USER_MANAGED_ELSEWHERE', 'This person belongs to other workspaces too; only they can change their name or password');
        }
        await this.users.update(userId, {
          name: patch.name,
          passwordHash: patch.password === undefined ? undefined : await this.hasher.hash(patch.password),
        }, m);
      }
      const losesAdmin =
        target.access === 'admin' && target.active && ((patch.access && patch.access !== 'admin') || patch.active === false);
      if (losesAdmin) {
        const admins = await this.memberships.lockActiveAdmins(workspaceId, m);
        if (admins.filter((id) => id !== userId).length === 0) {
          throw new DomainException('LAST_ADMIN', 'A workspace keeps at least one active admin');
        }
      }
      await this.memberships.update(workspaceId, userId, stripUndefined({ access: patch.access, active: patch.active }), m);
      const access = patch.access ?? target.access;
      const active = patch.active ?? target.active;
      if (access !== target.access || active !== target.active) {
        // Open connections follow at once: a new access level changes what they receive, a deactivation closes them.
        await appendEvents(m, workspaceId, [{ type: 'member.updated', roleIds: [], userIds: [userId], payload: { userId, access, active } }]);
      }
    });
    return this.get(workspaceId, userId);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
