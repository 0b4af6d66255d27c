import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import type { AuthUser } from '../auth/auth-user';
import type { WorkspaceEntity } from '../entities/workspace.entity';
import { MembershipRepository } from '../repositories/membership.repository';
import { WorkspaceRepository } from '../repositories/workspace.repository';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workspaces: WorkspaceRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /** A new, isolated workspace; its creator is its first admin. */
  async create(creator: AuthUser, input: { name: string; timezone: string }): Promise<WorkspaceEntity> {
    return this.dataSource.transaction(async (m) => {
      const workspace = await this.workspaces.create(input, m);
      await this.memberships.create(workspace.id, creator.id, 'admin', m);
      return workspace;
    });
  }

  async get(workspaceId: string): Promise<WorkspaceEntity> {
    const workspace = await this.workspaces.findById(workspaceId);
    if (!workspace) throw new DomainException('WORKSPACE_NOT_FOUND', 'Workspace not found');
    return workspace;
  }
}
