import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { decodeCursor, encodeCursor } from './conversation-cursor';
import { scopeSql, type ConversationScope } from './conversation-scope';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  MESSAGE_COLUMNS,
  toConversationView,
  toMessageView,
  type ConversationRow,
  type ConversationView,
  type MessageView,
} from './views';

export interface ConversationFilter {
  status?: string;
  roleId?: string;
  assigneeId?: string;
  channelId?: string;
  contactId?: string;
  kind?: string;
  priority?: string;
  sla?: 'at_risk' | 'breached';
  tag?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Reads of the inbox: the filtered list (keyset pages, newest activity first), search, and one conversation. */
@Injectable()
export class ConversationQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: ConversationScope, f: ConversationFilter): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
    const params: unknown[] = [scope.workspaceId];
    const filters = this.filterSql(scope, f, params);
    params.push(f.limit + 1);
    const limit = `$${params.length}`;
    const order = `ORDER BY c.last_message_at DESC, c.id DESC`;
    const rows: ConversationRow[] = await this.db.query(
      scope.all
        ? `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1${filters} ${order} LIMIT ${limit}`
        : `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.id IN (${this.agentPageIds(scope, f, params, filters, order, limit)}) ${order} LIMIT ${limit}`,
      params,
    );
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return { items: page.map(toConversationView), nextCursor: rows.length > f.limit && last ? encodeCursor({ activityUs: last.activity_us, id: last.id }) : null };
  }

  /**
   * An agent reads what is assigned to them plus their roles' conversations. As one OR filter that walks the whole
   * workspace newest first, which costs a second on a million rows when the agent's share is small; so each source
   * takes its own first page from its own index (assignee, then each role laterally), and the page is merged from
   * those few rows.
   */
  private agentPageIds(scope: ConversationScope, f: ConversationFilter, params: unknown[], filters: string, order: string, limit: string): string {
    params.push(scope.userId);
    const me = `$${params.length}`;
    // Filtered to the queue or to someone else, nothing assigned to the agent can match: the roles alone answer.
    const mineCanMatch = f.assigneeId === undefined || f.assigneeId === 'me' || f.assigneeId.toLowerCase() === scope.userId.toLowerCase();
    const mine = `SELECT mine.id FROM (SELECT c.id FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.assignee_id = ${me}${filters} ${order} LIMIT ${limit}) mine
      UNION ALL`;
    return `${mineCanMatch ? mine : ''}
      SELECT routed.id FROM role_members m CROSS JOIN LATERAL (
        SELECT c.id FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.role_id = m.role_id${filters} ${order} LIMIT ${limit}) routed
      WHERE m.workspace_id = $1 AND m.user_id = ${me}`;
  }

  /** The list's filters as ` AND …` on alias `c` (and `ct`), their parameters appended; $1 is the workspace. */
  private filterSql(scope: ConversationScope, f: ConversationFilter, params: unknown[]): string {
    const where: string[] = [];
    const eq = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    eq('c.status', f.status);
    eq('c.role_id', f.roleId);
    eq('c.channel_id', f.channelId);
    eq('c.contact_id', f.contactId);
    eq('c.kind', f.kind);
    eq('c.priority', f.priority);
    if (f.assigneeId === 'none') where.push('c.assignee_id IS NULL');
    else eq('c.assignee_id', f.assigneeId === 'me' ? scope.userId : f.assigneeId);
    if (f.sla === 'breached') where.push(`c.sla_state = 'breached'`);
    if (f.sla === 'at_risk') where.push(`c.sla_state = 'warning'`);
    if (f.tag !== undefined) {
      params.push(f.tag);
      where.push(`$${params.length} = ANY(c.tags)`);
    }
    if (f.q !== undefined && f.q.trim() !== '') where.push(this.searchSql(f.q.trim(), params));
    if (f.cursor !== undefined) {
      const at = decodeCursor(f.cursor);
      params.push(at.activityUs, at.id);
      // A row comparison on the indexed columns themselves, so the index seeks to the page instead of filtering every newer row.
      // Whole seconds and the rest apart: each product is exact in float8 for any year a timestamptz holds.
      const us = `$${params.length - 1}::bigint`;
      where.push(
        `(c.last_message_at, c.id) < (timestamptz 'epoch' + (${us} / 1000000) * interval '1 second' + (${us} % 1000000) * interval '1 microsecond', $${params.length}::uuid)`,
      );
    }
    return where.map((w) => ` AND ${w}`).join('');
  }

  /** Full-text over message text in English and Italian (either stemming matches), plus the contact's name. */
  private searchSql(q: string, params: unknown[]): string {
    params.push(q);
    const p = `$${params.length}`;
    params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    const like = `$${params.length}`;
    return `(EXISTS (SELECT 1 FROM messages sm WHERE sm.conversation_id = c.id AND sm.workspace_id = c.workspace_id AND sm.direction <> 'note'
                AND sm.search @@ (websearch_to_tsquery('english', ${p}) || websearch_to_tsquery('italian', ${p})))
             OR ct.name ILIKE ${like} OR ct.username ILIKE ${like} OR c.subject ILIKE ${like})`;
  }

  async get(scope: ConversationScope, id: string): Promise<ConversationView> {
    const params: unknown[] = [id];
    const rows: ConversationRow[] = await this.db.query(
      `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.id = $1 AND ${scopeSql(scope, params)}`,
      params,
    );
    if (!rows[0]) throw new DomainException('CONVERSATION_NOT_FOUND', 'Conversation not found');
    return toConversationView(rows[0]);
  }

  async detail(scope: ConversationScope, id: string): Promise<ConversationView & { messages: MessageView[] }> {
    const conversation = await this.get(scope, id);
    const messages: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY created_at, received_at, id`,
      [scope.workspaceId, id],
    );
    return { ...conversation, messages: messages.map(toMessageView) };
  }
}
