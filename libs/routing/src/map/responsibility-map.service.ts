import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import type { AuthUser } from '@app/identity';
import { MessageRouting, type MessageToRoute } from '../routing/message-routing';
import type { Sentiment } from '../classify';
import { mapReferences, validateMap } from './map-validation';
import { MapRepository, type MapVersionSummary } from './map.repository';
import type { MapVersion } from './rule';

/** What GET answers before the first PUT: version 0, no default role, no rules (nothing is routed yet). */
const NO_MAP: MapVersion = { version: 0, defaultRoleId: null, rules: [], createdAt: null, createdBy: null };

export interface DryRunResult {
  roleId: string | null;
  rule: string | null;
  priority: string;
  language: string | null;
  sentiment: Sentiment | null;
  tags: string[];
  matchedKeywords: string[];
  /** Null when the workspace has no map yet (routing would leave the conversation without a role). */
  mapVersion: number | null;
}

/** The responsibility map: its versions, and what it would do with a message. */
@Injectable()
export class ResponsibilityMapService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly maps: MapRepository,
    private readonly routing: MessageRouting,
  ) {}

  async current(workspaceId: string): Promise<MapVersion> {
    return (await this.maps.current(this.db, workspaceId)) ?? NO_MAP;
  }

  async version(workspaceId: string, version: number): Promise<MapVersion> {
    const found = await this.maps.find(this.db, workspaceId, version);
    if (!found) throw new DomainException('MAP_VERSION_NOT_FOUND', `The responsibility map has no version ${version}`);
    return found;
  }

  versions(workspaceId: string): Promise<MapVersionSummary[]> {
    return this.maps.list(this.db, workspaceId);
  }

  /**
   * Saves the map as the next version. Every problem is reported at once as 400 VALIDATION_FAILED naming its field,
   * roles and channels of other workspaces included (they do not exist here). Writers of one workspace queue
   * behind one lock, so two concurrent saves become two consecutive versions.
   */
  async put(user: AuthUser, body: unknown): Promise<MapVersion> {
    const checked = validateMap(body);
    if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.errors);
    const { map } = checked;
    const version = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('responsibility-map:' || $1))`, [user.workspaceId]);
      const refs = mapReferences(map);
      const roles = await this.maps.existingRoles(m, user.workspaceId, [...new Set(refs.roles.map((r) => r.id))]);
      const channels = await this.maps.existingChannels(m, user.workspaceId, [...new Set(refs.channels.map((c) => c.id))]);
      const missing = [
        ...refs.roles.filter((r) => !roles.has(r.id)).map((r) => `${r.field}: no role ${r.id} in this workspace`),
        ...refs.channels.filter((c) => !channels.has(c.id)).map((c) => `${c.field}: no channel ${c.id} in this workspace`),
      ];
      if (missing.length > 0) throw new DomainException('VALIDATION_FAILED', missing);
      return this.maps.insert(m, user.workspaceId, map, user.id);
    });
    return (await this.maps.find(this.db, user.workspaceId, version))!;
  }

  /** Exactly what ingestion would decide for this message now (MessageRouting is the path both take). */
  async dryRun(workspaceId: string, message: Omit<MessageToRoute, 'fromBusiness'>): Promise<DryRunResult> {
    const { classified, routed } = await this.routing.route(this.db, workspaceId, { ...message, fromBusiness: false });
    return {
      roleId: routed?.decision.roleId ?? null,
      rule: routed?.decision.rule ?? null,
      priority: routed?.decision.priority ?? 'normal',
      language: classified.language,
      sentiment: classified.sentiment,
      tags: routed?.decision.tags ?? [],
      matchedKeywords: routed?.decision.matchedKeywords ?? [],
      mapVersion: routed?.mapVersion ?? null,
    };
  }
}
