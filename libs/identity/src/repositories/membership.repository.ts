import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Access } from '../entities/access';
import { MembershipEntity } from '../entities/membership.entity';
import type { Member } from './member';

/** Members of a workspace. Every read and write names the workspace, so no query can cross tenants. */
@Injectable()
export class MembershipRepository {
  constructor(@InjectRepository(MembershipEntity) private readonly repo: Repository<MembershipEntity>) {}

  async findMember(workspaceId: string, userId: string): Promise<Member | null> {
    const row = await this.repo.findOne({ where: { workspaceId, userId }, relations: { user: true } });
    return row ? toMember(row) : null;
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    const rows = await this.repo.find({ where: { workspaceId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return rows.map(toMember);
  }

  async create(workspaceId: string, userId: string, access: Access, manager?: EntityManager): Promise<void> {
    await (manager ?? this.repo.manager).insert(MembershipEntity, { workspaceId, userId, access, active: true });
  }

  async update(workspaceId: string, userId: string, patch: { access?: Access; active?: boolean }, manager?: EntityManager): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await (manager ?? this.repo.manager).update(MembershipEntity, { workspaceId, userId }, patch);
  }

  /** Active admins, locked for the caller's transaction so that two demotions cannot both pass the last-admin check. */
  async lockActiveAdmins(workspaceId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(MembershipEntity, 'm')
      .select('m.userId', 'userId')
      .where('m.workspaceId = :workspaceId AND m.access = :access AND m.active', { workspaceId, access: 'admin' })
      .setLock('pessimistic_write')
      .getRawMany<{ userId: string }>();
    return rows.map((r) => r.userId);
  }

  /** The workspaces of one user, oldest membership first: the user's own view, never another tenant's data. */
  async listForUser(userId: string): Promise<Array<{ workspaceId: string; name: string; access: Access; active: boolean }>> {
    const rows = await this.repo.find({ where: { userId }, relations: { workspace: true }, order: { createdAt: 'ASC' } });
    return rows.map((m) => ({ workspaceId: m.workspaceId, name: m.workspace!.name, access: m.access, active: m.active }));
  }

  async countWorkspacesOf(userId: string, manager?: EntityManager): Promise<number> {
    return (manager ?? this.repo.manager).count(MembershipEntity, { where: { userId } });
  }
}

function toMember(row: MembershipEntity): Member {
  return {
    id: row.userId,
    email: row.user!.email,
    name: row.user!.name,
    access: row.access,
    active: row.active,
    workspaceId: row.workspaceId,
    joinedAt: row.createdAt,
  };
}
