import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, DomainException, ResolvedConfig, SecretBox } from '@app/common';
import { DEFAULT_API_BASE_URL, type ChannelConfig, type ChannelType } from '../types/channel-type';
import type { Channel, ChannelView } from './channel';
import { validateChannelConfig, type ConfigInput, type SplitConfig } from './channel-config';
import { ChannelEntity } from './channel.entity';
import { ChannelRepository } from './channel.repository';

const DEFAULT_POLL_SECONDS = 60;

@Injectable()
export class ChannelsService {
  private readonly box: SecretBox;

  constructor(
    private readonly channels: ChannelRepository,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    this.box = new SecretBox(config.secretsKey);
  }

  async create(workspaceId: string, input: { type: ChannelType; name: string; config: ConfigInput }): Promise<ChannelView> {
    const split = this.validate(input.type, input.config);
    const id = randomUUID();
    const row = await this.channels.insert({
      id,
      workspaceId,
      type: input.type,
      name: input.name.trim(),
      settings: split.settings,
      secrets: this.box.seal(JSON.stringify(split.secrets), id),
      // Polled channels are due at once, so a new YouTube channel shows its comments within a poll.
      pollDueAt: input.type === 'youtube' ? new Date() : null,
    });
    return this.view(row);
  }

  async list(workspaceId: string): Promise<ChannelView[]> {
    return (await this.channels.list(workspaceId)).map((row) => this.view(row));
  }

  async get(workspaceId: string, id: string): Promise<ChannelView> {
    return this.view(await this.require(workspaceId, id));
  }

  async update(workspaceId: string, id: string, patch: { name?: string; config?: ConfigInput }): Promise<ChannelView> {
    const row = await this.require(workspaceId, id);
    const changes: Partial<ChannelEntity> = {};
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.config !== undefined) {
      const split = this.validate(row.type, patch.config, { settings: row.settings, secrets: this.openSecrets(row) });
      changes.settings = split.settings;
      changes.secrets = this.box.seal(JSON.stringify(split.secrets), row.id);
    }
    if (Object.keys(changes).length > 0) await this.channels.update(workspaceId, id, changes);
    return this.view((await this.channels.find(workspaceId, id))!);
  }

  /** Stops ingestion (its webhook answers 404 from now on) and keeps every conversation and message. */
  async remove(workspaceId: string, id: string): Promise<void> {
    await this.require(workspaceId, id);
    await this.channels.update(workspaceId, id, { deletedAt: new Date(), pollDueAt: null });
  }

  /** Throws CHANNEL_NOT_FOUND unless the live channel exists; opens no credentials. */
  async assertExists(workspaceId: string, id: string): Promise<void> {
    await this.require(workspaceId, id);
  }

  /** The live channel's public settings, or null once deleted; opens no credentials. */
  async liveSettings(workspaceId: string, id: string): Promise<Record<string, string | number> | null> {
    return (await this.channels.find(workspaceId, id))?.settings ?? null;
  }

  /** The live channel a webhook names, config opened; null when it does not exist or was deleted. */
  async forDelivery(id: string): Promise<Channel | null> {
    const row = await this.channels.findForDelivery(id);
    return row ? this.open(row) : null;
  }

  /** Any channel of the workspace, deleted or not, config opened: for processing what was already accepted. */
  async forWork(workspaceId: string, id: string): Promise<Channel | null> {
    const row = await this.channels.findAny(workspaceId, id);
    return row ? this.open(row) : null;
  }

  open(row: ChannelEntity): Channel {
    const config: ChannelConfig = {
      ...row.settings,
      ...this.openSecrets(row),
      apiBaseUrl: String(row.settings.apiBaseUrl ?? DEFAULT_API_BASE_URL[row.type] ?? ''),
    };
    if (row.type === 'youtube' && config.pollSeconds === undefined) config.pollSeconds = DEFAULT_POLL_SECONDS;
    return { id: row.id, workspaceId: row.workspaceId, type: row.type, name: row.name, config, deletedAt: row.deletedAt };
  }

  /** A SECRETS_KEY other than the one the credentials were sealed with is a server fault, and said so plainly. */
  private openSecrets(row: ChannelEntity): Record<string, string> {
    try {
      return JSON.parse(this.box.open(row.secrets, row.id)) as Record<string, string>;
    } catch {
      throw new DomainException('SERVICE_UNAVAILABLE', `The credentials of channel ${row.id} cannot be decrypted: SECRETS_KEY is not the key they were stored with`);
    }
  }

  private validate(type: ChannelType, config: ConfigInput, current?: SplitConfig): SplitConfig {
    const result = validateChannelConfig(type, config, current);
    if (!result.ok) throw new DomainException('VALIDATION_FAILED', result.problems);
    return result.config;
  }

  private async require(workspaceId: string, id: string): Promise<ChannelEntity> {
    const row = await this.channels.find(workspaceId, id);
    if (!row) throw new DomainException('CHANNEL_NOT_FOUND', 'Channel not found');
    return row;
  }

  private view(row: ChannelEntity): ChannelView {
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      webhookUrl: `${this.config.publicUrl}/webhooks/${row.id}`,
      config: row.settings,
      secretsSet: Object.keys(this.openSecrets(row)).sort(),
      pollError: row.pollError,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
