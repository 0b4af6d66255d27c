import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { isUniqueViolation, type Queryable } from '@app/db';
import { appendEvents } from '@app/realtime';
import { assertAssignable } from '../people/assignable-people';
import type { NewRole, RolePatch, RoleView } from './role';
import { diffMembers, isNoChange, normalizeMembers, type MemberInput, type RoleMember } from './role-members';
import { RoleRepository } from './role.repository';

const NAME_INDEX = 'roles_name_key';

/**
 * The task force: roles, who is in them, and where they escalate. Membership decides what an agent reads (see
 * conversation-scope), so every membership change is logged as `role.members.updated` for the live layer.
 */
@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly roles: RoleRepository,
  ) {}

  list(workspaceId: string): Promise<RoleView[]> {
    return this.roles.list(this.db, workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<RoleView> {
    const role = await this.roles.find(this.db, workspaceId, id);
    if (!role) throw notFound();
    return role;
  }

  async create(workspaceId: string, input: NewRole): Promise<RoleView> {
    const id = await this.uniqueName(input.name, () =>
      this.db.transaction(async (m) => {
        if (input.escalationRoleId) await this.checkEscalation(m, workspaceId, null, input.escalationRoleId);
        if (input.businessHoursId) await this.checkBusinessHours(m, workspaceId, input.businessHoursId);
        return this.roles.insert(m, workspaceId, {
          name: input.name,
          description: emptyToNull(input.description),
          assignment: input.assignment ?? 'round_robin',
          escalationRoleId: input.escalationRoleId ?? null,
          acceptanceSeconds: input.acceptanceSeconds ?? null,
          businessHoursId: input.businessHoursId ?? null,
        });
      }),
    );
    return this.get(workspaceId, id);
  }

  async update(workspaceId: string, id: string, patch: RolePatch): Promise<RoleView> {
    await this.uniqueName(patch.name, () =>
      this.db.transaction(async (m) => {
        // The escalation target is locked before the role itself, in the order a deletion of the target locks them.
        if (patch.escalationRoleId) {
          if (!(await this.roles.find(m, workspaceId, id))) throw notFound();
          await this.checkEscalation(m, workspaceId, id, patch.escalationRoleId);
        }
        if (patch.businessHoursId) await this.checkBusinessHours(m, workspaceId, patch.businessHoursId);
        if (!(await this.roles.lock(m, workspaceId, id))) throw notFound();
        await this.roles.update(m, workspaceId, id, {
          name: patch.name,
          description: patch.description === undefined ? undefined : emptyToNull(patch.description),
          assignment: patch.assignment,
          escalationRoleId: patch.escalationRoleId,
          acceptanceSeconds: patch.acceptanceSeconds,
          businessHoursId: patch.businessHoursId,
        });
      }),
    );
    return this.get(workspaceId, id);
  }

  /**
   * Its conversations stay, without a role (the foreign key sets role_id null); roles escalating to it no longer
   * escalate. Its former members are told through one `role.members.updated` with everyone removed, so live
   * clients leave the role; no per-conversation events are written.
   */
  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.roles.lock(m, workspaceId, id))) throw notFound();
      const role = (await this.roles.find(m, workspaceId, id))!;
      const before = await this.roles.members(m, workspaceId, id);
      await this.roles.delete(m, workspaceId, id);
      if (before.length > 0) await this.logMembers(m, workspaceId, { ...role, members: [] }, before, []);
    });
  }

  /**
   * Replaces the members (the list is the whole membership). Every user must be an active, non-supervisor member
   * of the workspace: 404 USER_NOT_FOUND names ids that are not members here, 400 VALIDATION_FAILED the others.
   */
  async setMembers(workspaceId: string, id: string, input: MemberInput[]): Promise<RoleView> {
    const { members, duplicates } = normalizeMembers(input);
    if (duplicates.length > 0) throw new DomainException('VALIDATION_FAILED', duplicates.map((u) => `members: ${u} is listed more than once`));
    return this.db.transaction(async (m) => {
      if (!(await this.roles.lock(m, workspaceId, id))) throw notFound();
      await assertAssignable(m, workspaceId, members.map((member, i) => ({ field: `members.${i}.userId`, userId: member.userId })));
      const before = await this.roles.members(m, workspaceId, id);
      await this.roles.replaceMembers(m, workspaceId, id, members);
      const role = (await this.roles.find(m, workspaceId, id))!;
      await this.logMembers(m, workspaceId, role, before, members);
      return role;
    });
  }

  /** Logs `role.members.updated` (last in the transaction), when anything changed; its audience is old and new members. */
  private async logMembers(m: EntityManager, workspaceId: string, role: RoleView, before: RoleMember[], after: RoleMember[]): Promise<void> {
    const diff = diffMembers(before, after);
    if (isNoChange(diff)) return;
    await appendEvents(m, workspaceId, [
      {
        type: 'role.members.updated',
        conversationId: null,
        roleIds: [role.id],
        userIds: [...new Set([...before, ...after].map((x) => x.userId))],
        payload: {
          roleId: role.id,
          role,
          members: after.map((x) => ({ userId: x.userId, capacity: x.capacity })),
          added: diff.added,
          removed: diff.removed,
        },
      },
    ]);
  }

  /** The escalation role exists here, is not the role itself, and does not escalate back to it. */
  private async checkEscalation(m: Queryable, workspaceId: string, roleId: string | null, escalationRoleId: string): Promise<void> {
    if (roleId !== null && escalationRoleId.toLowerCase() === roleId.toLowerCase()) {
      throw new DomainException('VALIDATION_FAILED', ['escalationRoleId must not be the role itself']);
    }
    // One escalation change at a time per workspace, so two changes cannot close a loop between them.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('role-escalation:' || $1))`, [workspaceId]);
    if (!(await this.roles.exists(m, workspaceId, escalationRoleId))) {
      throw new DomainException('ROLE_NOT_FOUND', `escalationRoleId: no role ${escalationRoleId} in this workspace`);
    }
    if (roleId !== null && (await this.roles.escalatesTo(m, workspaceId, escalationRoleId, roleId))) {
      throw new DomainException('VALIDATION_FAILED', ['escalationRoleId would make escalations go round in a loop']);
    }
  }

  private async checkBusinessHours(m: Queryable, workspaceId: string, businessHoursId: string): Promise<void> {
    if (!(await this.roles.businessHoursExist(m, workspaceId, businessHoursId))) {
      throw new DomainException('BUSINESS_HOURS_NOT_FOUND', `businessHoursId: no business hours ${businessHoursId} in this workspace`);
    }
  }

  private async uniqueName<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error, NAME_INDEX)) throw new DomainException('ROLE_NAME_TAKEN', `A role named "${name}" already exists`);
      throw error;
    }
  }
}

function notFound(): DomainException {
  return new DomainException('ROLE_NOT_FOUND', 'Role not found');
}

function emptyToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}
