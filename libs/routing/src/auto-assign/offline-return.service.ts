import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { rows } from '@app/db';
import { ChangeSet, publishEach } from '@app/inbox';

/** Conversations returned per transaction. */
const BATCH = 200;

export const PRESENCE_ACTOR = { type: 'system', id: null, name: 'presence' } as const;

interface DueRow {
  id: string;
  workspace_id: string;
  role_id: string;
  assignee_id: string;
}

/** `600000` → "600 s", `1500` → "1.5 s". */
export function offlineReason(graceMs: number): string {
  return `assignee offline for more than ${Number((graceMs / 1000).toFixed(3))} s`;
}

/**
 * Open conversations whose assignee has been offline longer than ASSIGNEE_OFFLINE_GRACE_MS go back to their role's
 * queue, where the database's triggers wake the assigner for them. Only what the assignee held when they went
 * offline returns: a lead assigning a conversation to someone already offline meant it (it waits for them).
 * Conversations without a role stay: there is no queue to return them to. `away` is a choice and keeps everything.
 */
@Injectable()
export class OfflineReturnService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns one batch; answers how many conversations went back. */
  tick(): Promise<number> {
    const graceMs = this.config.assigneeOfflineGraceMs;
    return this.db.transaction(async (m) => {
      const due = await rows<DueRow>(
        m,
        `SELECT c.id, c.workspace_id, c.role_id, c.assignee_id
         FROM user_presence p
         JOIN conversations c ON c.workspace_id = p.workspace_id AND c.assignee_id = p.user_id
         WHERE p.status = 'offline' AND p.changed_at < now() - make_interval(secs => $1::double precision / 1000)
           AND c.status = 'open' AND c.role_id IS NOT NULL
           AND (c.assigned_at IS NULL OR c.assigned_at <= p.changed_at)
         ORDER BY c.id LIMIT $2
         FOR UPDATE OF c SKIP LOCKED`,
        [graceMs, BATCH],
      );
      if (due.length === 0) return 0;
      const byWorkspace = new Map<string, DueRow[]>();
      for (const r of due) byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), r]);
      const published = new Map<string, ChangeSet>();
      let returned = 0;
      for (const [workspaceId, list] of byWorkspace) {
        const changes = await this.returnToQueue(m, workspaceId, list, offlineReason(graceMs));
        returned += changes.conversations.size;
        published.set(workspaceId, changes);
      }
      await publishEach(m, published);
      return returned;
    });
  }

  /** Returns the workspace's due conversations that are still as they were; answers the changes to publish, one conversation each. */
  private async returnToQueue(m: EntityManager, workspaceId: string, due: DueRow[], reason: string): Promise<ChangeSet> {
    // The lock re-read each row: only one still held by the same person in the same role is returned.
    const back = await rows<{ id: string; role_id: string; assignee_id: string }>(
      m,
      `UPDATE conversations c SET assignee_id = NULL, updated_at = now()
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS x(id, role_id, assignee_id)
       WHERE c.workspace_id = $1 AND c.id = x.id AND c.role_id = x.role_id AND c.assignee_id = x.assignee_id AND c.status = 'open'
       RETURNING c.id, x.role_id, x.assignee_id`,
      [workspaceId, due.map((d) => d.id), due.map((d) => d.role_id), due.map((d) => d.assignee_id)],
    );
    const changes = new ChangeSet();
    for (const r of back) {
      const from = { roleId: r.role_id, assigneeId: r.assignee_id };
      const to = { roleId: r.role_id, assigneeId: null };
      changes.conversation(r.id, 'assigned', from, { by: PRESENCE_ACTOR, reason });
      changes.record({ conversationId: r.id, type: 'returned', actor: PRESENCE_ACTOR, reason, from, to });
    }
    return changes;
  }
}
