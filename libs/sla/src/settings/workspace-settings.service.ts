import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { checkSettings } from './settings-fields';
import type { WorkspaceSettings } from './workspace-settings';
import { WorkspaceSettingsRepository } from './workspace-settings.repository';

/** The workspace's time zone and consistency target: every member reads them; supervisors and admins change them. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: WorkspaceSettingsRepository,
  ) {}

  async get(workspaceId: string): Promise<WorkspaceSettings> {
    return (await this.settings.find(this.db, workspaceId)) ?? notFound();
  }

  /** Fields left out stay as they are. */
  async update(workspaceId: string, input: unknown): Promise<WorkspaceSettings> {
    const checked = checkSettings(input);
    if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
    return (await this.settings.update(this.db, workspaceId, checked.value)) ?? notFound();
  }
}

function notFound(): never {
  throw new DomainException('WORKSPACE_NOT_FOUND', 'Workspace not found');
}
