import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ChannelEntity } from './channel.entity';

/** Channels of a workspace. Only findForDelivery() looks a channel up by id alone: a webhook URL names no workspace. */
@Injectable()
export class ChannelRepository {
  constructor(@InjectRepository(ChannelEntity) private readonly repo: Repository<ChannelEntity>) {}

  list(workspaceId: string): Promise<ChannelEntity[]> {
    return this.repo.find({ where: { workspaceId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  find(workspaceId: string, id: string): Promise<ChannelEntity | null> {
    return this.repo.findOne({ where: { workspaceId, id, deletedAt: IsNull() } });
  }

  /** Including deleted channels: their stored events and queued replies still need their config. */
  findAny(workspaceId: string, id: string): Promise<ChannelEntity | null> {
    return this.repo.findOne({ where: { workspaceId, id } });
  }

  findForDelivery(id: string): Promise<ChannelEntity | null> {
    return this.repo.findOne({ where: { id, deletedAt: IsNull() } });
  }

  async insert(row: Partial<ChannelEntity>): Promise<ChannelEntity> {
    await this.repo.insert(row);
    return (await this.findAny(row.workspaceId!, row.id!))!;
  }

  async update(workspaceId: string, id: string, patch: Partial<ChannelEntity>): Promise<void> {
    await this.repo.update({ workspaceId, id }, patch);
  }
}
