import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { WorkspaceEntity } from '../entities/workspace.entity';

@Injectable()
export class WorkspaceRepository {
  constructor(@InjectRepository(WorkspaceEntity) private readonly repo: Repository<WorkspaceEntity>) {}

  findById(workspaceId: string): Promise<WorkspaceEntity | null> {
    return this.repo.findOne({ where: { id: workspaceId } });
  }

  async create(data: { name: string; timezone: string }, manager?: EntityManager): Promise<WorkspaceEntity> {
    const m = manager ?? this.repo.manager;
    return m.save(m.create(WorkspaceEntity, data));
  }

  async isEmpty(manager?: EntityManager): Promise<boolean> {
    return (await (manager ?? this.repo.manager).count(WorkspaceEntity)) === 0;
  }
}
