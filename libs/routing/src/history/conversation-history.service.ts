import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';
import type { AuthUser } from '@app/identity';
import { scopeOf, scopeSql, type Audience, type HistoryEntry } from '@app/inbox';

/**
 * One line of `GET /api/conversations/:id/history`: the HistoryEntry as ChangeSet.record wrote it, with when. `rule`
 * and `mapVersion` are only on lines the responsibility map wrote: the rule that decided (null: the default role) and
 * the map version.
 */
export type HistoryItemView = Omit<HistoryEntry, 'conversationId'> & { at: string };

interface HistoryRow {
  type: string;
  at: Date;
  actor_type: HistoryEntry['actor']['type'];
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
  from_state: Audience | null;
  to_state: Audience | null;
  rule: string | null;
  map_version: number | null;
}

/**
 * Reads what ChangeSet.record wrote: every assignment (routing, automatic, manual, returns, escalations) and SLA
 * event of a conversation. Whoever may not read the conversation gets 404, as for the conversation itself.
 */
@Injectable()
export class ConversationHistoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(user: AuthUser, conversationId: string): Promise<{ items: HistoryItemView[] }> {
    const params: unknown[] = [conversationId];
    const readable = await rows(this.db, `SELECT 1 FROM conversations c WHERE c.id = $1 AND ${scopeSql(scopeOf(user), params)}`, params);
    if (readable.length === 0) throw new DomainException('CONVERSATION_NOT_FOUND', 'Conversation not found');
    // Id order is write order (writers hold the conversation's row lock); `at` may tie within one transaction.
    const found = await rows<HistoryRow>(
      this.db,
      `SELECT type, at, actor_type, actor_id, actor_name, reason, from_state, to_state, rule, map_version
       FROM conversation_history WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY id`,
      [user.workspaceId, conversationId],
    );
    return { items: found.map(toItem) };
  }
}

function toItem(r: HistoryRow): HistoryItemView {
  return {
    type: r.type,
    at: r.at.toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    reason: r.reason,
    from: r.from_state,
    to: r.to_state,
    ...(r.rule !== null || r.map_version !== null ? { rule: r.rule, mapVersion: r.map_version } : {}),
  };
}
