import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { MapContent, MapVersion, Rule } from './rule';

interface MapRow {
  version: number;
  default_role_id: string | null;
  rules: Rule[];
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export interface MapVersionSummary {
  version: number;
  defaultRoleId: string | null;
  createdAt: string;
  createdBy: { id: string; name: string | null } | null;
  /** How many rules the version has. */
  rules: number;
}

const SELECT = `SELECT m.version, m.default_role_id, m.rules, m.created_at, m.created_by, u.name AS created_by_name
  FROM responsibility_maps m LEFT JOIN users u ON u.id = m.created_by`;

/** Versions of the responsibility map; a version is never changed once written. Every statement names the workspace. */
@Injectable()
export class MapRepository {
  async current(db: Queryable, workspaceId: string): Promise<MapVersion | null> {
    const [row] = await rows<MapRow>(db, `${SELECT} WHERE m.workspace_id = $1 ORDER BY m.version DESC LIMIT 1`, [workspaceId]);
    return row ? toView(row) : null;
  }

  async find(db: Queryable, workspaceId: string, version: number): Promise<MapVersion | null> {
    const [row] = await rows<MapRow>(db, `${SELECT} WHERE m.workspace_id = $1 AND m.version = $2`, [workspaceId, version]);
    return row ? toView(row) : null;
  }

  async list(db: Queryable, workspaceId: string): Promise<MapVersionSummary[]> {
    const found = await rows<Omit<MapRow, 'rules'> & { rule_count: number }>(
      db,
      `SELECT m.version, m.default_role_id, jsonb_array_length(m.rules) AS rule_count, m.created_at, m.created_by, u.name AS created_by_name
       FROM responsibility_maps m LEFT JOIN users u ON u.id = m.created_by
       WHERE m.workspace_id = $1 ORDER BY m.version DESC`,
      [workspaceId],
    );
    return found.map((r) => ({
      version: r.version,
      defaultRoleId: r.default_role_id,
      createdAt: r.created_at.toISOString(),
      createdBy: createdBy(r),
      rules: r.rule_count,
    }));
  }

  /**
   * Writes the next version. The caller holds the workspace's map lock (see ResponsibilityMapService.put), so the
   * max read here cannot be read by a concurrent writer too; the primary key would refuse a duplicate anyway.
   */
  async insert(db: Queryable, workspaceId: string, map: MapContent, userId: string): Promise<number> {
    const [row] = await rows<{ version: number }>(
      db,
      `INSERT INTO responsibility_maps (workspace_id, version, default_role_id, rules, created_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3::jsonb, $4 FROM responsibility_maps WHERE workspace_id = $1
       RETURNING version`,
      [workspaceId, map.defaultRoleId, JSON.stringify(map.rules), userId],
    );
    return row!.version;
  }

  /** The ids among `ids` that are roles of the workspace, kept from deletion until the transaction ends. */
  async existingRoles(db: Queryable, workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await rows<{ id: string }>(db, `SELECT id::text FROM roles WHERE workspace_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE`, [workspaceId, ids]);
    return new Set(found.map((r) => r.id));
  }

  /** Channels of the workspace among `ids`, deleted ones included (a rule naming one is harmless). */
  async existingChannels(db: Queryable, workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await rows<{ id: string }>(db, `SELECT id::text FROM channels WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, ids]);
    return new Set(found.map((r) => r.id));
  }
}

function toView(r: MapRow): MapVersion {
  return { version: r.version, defaultRoleId: r.default_role_id, rules: r.rules, createdAt: r.created_at.toISOString(), createdBy: createdBy(r) };
}

function createdBy(r: { created_by: string | null; created_by_name: string | null }): MapVersion['createdBy'] {
  return r.created_by ? { id: r.created_by, name: r.created_by_name } : null;
}
