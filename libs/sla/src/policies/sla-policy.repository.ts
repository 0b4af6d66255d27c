import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { SlaPolicy, SlaPolicyFields } from './sla-policy';

const COLUMNS = `id, name, match, first_response_seconds, next_response_seconds, resolution_seconds, business_hours_id,
  warn_at_percent, breach_action, created_at, updated_at`;

const COLUMN_OF: Record<keyof SlaPolicyFields, string> = {
  name: 'name',
  when: 'match',
  firstResponseSeconds: 'first_response_seconds',
  nextResponseSeconds: 'next_response_seconds',
  resolutionSeconds: 'resolution_seconds',
  businessHoursId: 'business_hours_id',
  warnAtPercent: 'warn_at_percent',
  onBreach: 'breach_action',
};

interface SlaPolicyRow {
  id: string;
  name: string;
  match: SlaPolicy['when'];
  first_response_seconds: number;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  business_hours_id: string | null;
  warn_at_percent: number;
  breach_action: SlaPolicy['onBreach'];
  created_at: Date;
  updated_at: Date;
}

/**
 * SLA policies. Every statement names the workspace, so no query can cross tenants. Deleting is soft (deleted_at):
 * conversations, clocks and outcomes keep naming the policy they ran under; nothing else sees a deleted policy.
 */
@Injectable()
export class SlaPolicyRepository {
  /** The policies in force, in creation order: the order matchPolicy tries them in. */
  async activePolicies(db: Queryable, workspaceId: string): Promise<SlaPolicy[]> {
    return (await rows<SlaPolicyRow>(db, `SELECT ${COLUMNS} FROM sla_policies WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY seq`, [workspaceId])).map(
      toPolicy,
    );
  }

  /**
   * One policy; a deleted one only with `includeDeleted` (the engine may still time a conversation under it). With
   * `lock`, the row stays locked until the transaction ends, so concurrent edits of one policy serialize.
   */
  async find(db: Queryable, workspaceId: string, id: string, options: { lock?: boolean; includeDeleted?: boolean } = {}): Promise<SlaPolicy | null> {
    const [row] = await rows<SlaPolicyRow>(
      db,
      `SELECT ${COLUMNS} FROM sla_policies WHERE workspace_id = $1 AND id = $2${options.includeDeleted ? '' : ' AND deleted_at IS NULL'}${options.lock ? ' FOR NO KEY UPDATE' : ''}`,
      [workspaceId, id],
    );
    return row ? toPolicy(row) : null;
  }

  async insert(db: Queryable, workspaceId: string, fields: SlaPolicyFields): Promise<SlaPolicy> {
    const [row] = await rows<SlaPolicyRow>(
      db,
      `INSERT INTO sla_policies (workspace_id, name, match, first_response_seconds, next_response_seconds, resolution_seconds,
         business_hours_id, warn_at_percent, breach_action)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        workspaceId,
        fields.name,
        JSON.stringify(fields.when),
        fields.firstResponseSeconds,
        fields.nextResponseSeconds,
        fields.resolutionSeconds,
        fields.businessHoursId,
        fields.warnAtPercent,
        fields.onBreach,
      ],
    );
    return toPolicy(row!);
  }

  /** Sets the fields given; null when no live policy has this id here. */
  async update(db: Queryable, workspaceId: string, id: string, patch: Partial<SlaPolicyFields>): Promise<SlaPolicy | null> {
    const sets: string[] = [];
    const params: unknown[] = [workspaceId, id];
    for (const [field, column] of Object.entries(COLUMN_OF) as Array<[keyof SlaPolicyFields, string]>) {
      if (patch[field] === undefined) continue;
      params.push(field === 'when' ? JSON.stringify(patch.when) : patch[field]);
      sets.push(`${column} = $${params.length}${field === 'when' ? '::jsonb' : ''}`);
    }
    const [row] = await rows<SlaPolicyRow>(
      db,
      `UPDATE sla_policies SET ${[...sets, 'updated_at = now()'].join(', ')}
       WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      params,
    );
    return row ? toPolicy(row) : null;
  }

  async softDelete(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (
      await rows(db, `UPDATE sla_policies SET deleted_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id`, [
        workspaceId,
        id,
      ])
    ).length > 0;
  }

  /** True when the calendar exists here; inside a transaction it then stays until commit (KEY SHARE blocks its deletion). */
  async businessHoursExist(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `SELECT 1 FROM business_hours WHERE workspace_id = $1 AND id = $2 FOR KEY SHARE`, [workspaceId, id])).length > 0;
  }

  /** Names of the live policies timing with this calendar, in creation order. */
  async namesUsingBusinessHours(db: Queryable, workspaceId: string, businessHoursId: string): Promise<string[]> {
    return (
      await rows<{ name: string }>(
        db,
        `SELECT name FROM sla_policies WHERE workspace_id = $1 AND business_hours_id = $2 AND deleted_at IS NULL ORDER BY seq`,
        [workspaceId, businessHoursId],
      )
    ).map((r) => r.name);
  }

  /** Deleted policies let go of a calendar about to be deleted (the foreign key is RESTRICT); running clocks keep their own copy. */
  async releaseBusinessHours(db: Queryable, workspaceId: string, businessHoursId: string): Promise<void> {
    await db.query(`UPDATE sla_policies SET business_hours_id = NULL WHERE workspace_id = $1 AND business_hours_id = $2 AND deleted_at IS NOT NULL`, [
      workspaceId,
      businessHoursId,
    ]);
  }

  /** The listed role ids that are not roles of this workspace. */
  async missingRoles(db: Queryable, workspaceId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await rows<{ id: string }>(db, `SELECT id FROM roles WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, ids]);
    const present = new Set(found.map((r) => r.id));
    return ids.filter((id) => !present.has(id));
  }
}

function toPolicy(r: SlaPolicyRow): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    when: r.match ?? {},
    firstResponseSeconds: r.first_response_seconds,
    nextResponseSeconds: r.next_response_seconds,
    resolutionSeconds: r.resolution_seconds,
    businessHoursId: r.business_hours_id,
    warnAtPercent: r.warn_at_percent,
    onBreach: r.breach_action,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
