import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import { needsFollowers } from '../map/decide';
import type { Rule } from '../map/rule';

/** The map in force for one routing decision, with the roles that still exist. */
export interface CurrentMap {
  version: number;
  defaultRoleId: string | null;
  rules: readonly Rule[];
  liveRoles: ReadonlySet<string>;
}

interface Cached {
  version: number;
  rules: readonly Rule[];
  needsFollowers: boolean;
}

/** Enough for every workspace of one desk; past it the cache starts over rather than grow without bound. */
const MAX_CACHED = 1000;

interface SnapshotRow {
  version: number;
  default_role_id: string | null;
  rules: Rule[] | null;
  role_ids: string[];
  followers: number | null;
}

/**
 * Reads the current map for routing in one statement, on the caller's connection (inside ingestion's transaction):
 * the version, the default role, the workspace's live role ids and, when the map may need it, the conversation's
 * contact's follower count. A version never changes once written, so the rules (the large part) are sent only when
 * this process has not seen that version yet; and once it has, the follower count is looked up only if that
 * version has a minFollowers rule.
 */
@Injectable()
export class CurrentMaps {
  private readonly cache = new Map<string, Cached>();

  /**
   * Null when the workspace has no map yet. `followersOf`: a conversation whose contact's followers to read too;
   * `followers` stays null when the map has no rule on them.
   */
  async load(db: Queryable, workspaceId: string, followersOf?: string): Promise<{ map: CurrentMap | null; followers: number | null }> {
    const cached = this.cache.get(workspaceId);
    const [row] = await rows<SnapshotRow>(
      db,
      `SELECT m.version, m.default_role_id, CASE WHEN m.version = $2 THEN NULL ELSE m.rules END AS rules,
         ARRAY(SELECT r.id::text FROM roles r WHERE r.workspace_id = $1) AS role_ids,
         CASE WHEN $3::uuid IS NULL OR m.version IS NULL OR (m.version = $2 AND NOT $4::boolean) THEN NULL
           ELSE (SELECT ct.followers FROM conversations c JOIN contacts ct ON ct.workspace_id = c.workspace_id AND ct.id = c.contact_id
                 WHERE c.workspace_id = $1 AND c.id = $3::uuid) END AS followers
       FROM (SELECT 1) one LEFT JOIN LATERAL (
         SELECT * FROM responsibility_maps WHERE workspace_id = $1 ORDER BY version DESC LIMIT 1
       ) m ON true`,
      [workspaceId, cached?.version ?? 0, followersOf ?? null, cached?.needsFollowers ?? true],
    );
    if (!row || row.version === null) return { map: null, followers: null };
    let entry = cached;
    // Rules come back exactly when the cached version (if any) is not the current one.
    if (row.rules !== null || !entry) {
      const rules = row.rules ?? [];
      entry = { version: row.version, rules, needsFollowers: needsFollowers({ defaultRoleId: null, rules }) };
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(workspaceId, entry);
    }
    return {
      map: { version: row.version, defaultRoleId: row.default_role_id, rules: entry.rules, liveRoles: new Set(row.role_ids) },
      followers: entry.needsFollowers ? (row.followers ?? null) : null,
    };
  }
}
