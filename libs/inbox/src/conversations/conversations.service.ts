import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { ChannelsService } from '@app/channels';
import type { AuthUser } from '@app/identity';
import { WorkSignals } from '../work/work-signals';
import { ConversationQueryService } from './conversation-query.service';
import { scopeOf } from './conversation-scope';
import { MESSAGE_COLUMNS, toMessageView, type ConversationView, type MessageView } from './views';
import { rows } from '@app/db';
import { ChangeSet } from '../events/change-set';
import { publishChanges } from '../events/publish-changes';
import { lockVersion } from './conversation-version';

export type StatusChange = { status: 'open' | 'pending' | 'resolved' } | { status: 'snoozed'; snoozeUntil: Date };

/** What agents do to a conversation: reply, note, change its status, tag it. */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly query: ConversationQueryService,
    private readonly channels: ChannelsService,
    private readonly signals: WorkSignals,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the reply as `queued` together with its outbox row, in one transaction: once this returns, the reply
   * will be delivered (or fail visibly) even if the process dies now.
   */
  async reply(user: AuthUser, conversationId: string, text: string): Promise<MessageView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const settings = await this.channels.liveSettings(user.workspaceId, conversation.channelId);
    if (!settings) throw new DomainException('CHANNEL_DELETED', 'The channel of this conversation was deleted: replies cannot be sent');
    const now = this.clock.now();
    const message = await this.db.transaction(async (m) => {
      const row = await this.insertMessage(m, user, conversation, 'outbound', text, now);
      await m.query(
        `INSERT INTO outbox (message_id, workspace_id, channel_id, outbound_message_id) VALUES ($1, $2, $3, $4)`,
        [row.id, user.workspaceId, conversation.channelId, outboundMessageId(settings.fromAddress)],
      );
      await m.query(`UPDATE conversations SET last_message_at = GREATEST(last_message_at, $2), waiting_since = NULL, accept_due_at = NULL, updated_at = now() WHERE id = $1`, [
        conversation.id,
        now,
      ]);
      await publishChanges(m, user.workspaceId, new ChangeSet().message(row.id, 'created'));
      return row;
    });
    this.signals.notify('outbox');
    return message;
  }

  /** Internal: visible to the team, never sent, and not a response to the customer. */
  async note(user: AuthUser, conversationId: string, text: string): Promise<MessageView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    return this.db.transaction(async (m) => {
      const note = await this.insertMessage(m, user, conversation, 'note', text, this.clock.now());
      await publishChanges(m, user.workspaceId, new ChangeSet().message(note.id, 'created'));
      return note;
    });
  }

  /** `expectedVersion` (from If-Match) makes the change conditional: 409 VERSION_CONFLICT when someone changed it first. */
  async setStatus(user: AuthUser, conversationId: string, change: StatusChange, expectedVersion?: number): Promise<ConversationView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const snoozeUntil = change.status === 'snoozed' ? change.snoozeUntil : null;
    if (snoozeUntil && snoozeUntil.getTime() <= this.clock.now().getTime()) {
      throw new DomainException('VALIDATION_FAILED', ['snoozeUntil must be in the future']);
    }
    await this.db.transaction(async (m) => {
      await lockVersion(m, user.workspaceId, conversation.id, expectedVersion);
      await m.query(`UPDATE conversations SET status = $3, snoozed_until = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
        user.workspaceId,
        conversation.id,
        change.status,
        snoozeUntil,
      ]);
      await publishChanges(m, user.workspaceId, new ChangeSet().conversation(conversation.id, 'updated'));
    });
    return this.query.get(scopeOf(user), conversationId);
  }

  async setTags(user: AuthUser, conversationId: string, tags: string[], expectedVersion?: number): Promise<ConversationView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const clean = [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))].sort();
    await this.db.transaction(async (m) => {
      await lockVersion(m, user.workspaceId, conversation.id, expectedVersion);
      await m.query(`UPDATE conversations SET tags = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [user.workspaceId, conversation.id, clean]);
      await publishChanges(m, user.workspaceId, new ChangeSet().conversation(conversation.id, 'updated'));
    });
    return this.query.get(scopeOf(user), conversationId);
  }

  /** Snoozed conversations whose time has come are open again; returns how many woke. */
  async wakeSnoozed(): Promise<number> {
    return this.db.transaction(async (m) => {
      const woken = await rows<{ id: string; workspace_id: string }>(
        m,
        `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now()
         WHERE id IN (SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= $1 ORDER BY snoozed_until LIMIT 500 FOR UPDATE SKIP LOCKED)
         RETURNING id, workspace_id`,
        [this.clock.now()],
      );
      const byWorkspace = new Map<string, ChangeSet>();
      for (const r of woken) {
        const set = byWorkspace.get(r.workspace_id) ?? new ChangeSet();
        byWorkspace.set(r.workspace_id, set.conversation(r.id, 'updated'));
      }
      for (const [workspaceId, set] of byWorkspace) await publishChanges(m, workspaceId, set);
      return woken.length;
    });
  }

  private async insertMessage(m: EntityManager, user: AuthUser, conversation: ConversationView, direction: 'outbound' | 'note', text: string, at: Date): Promise<MessageView> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, author_type, author_id, author_name, text, created_at, received_at, delivery_status)
       VALUES ($1, $2, $3, $4, 'user', $5, $6, $7, $8, $8, $9) RETURNING ${MESSAGE_COLUMNS}`,
      [user.workspaceId, conversation.id, conversation.channelId, direction, user.id, user.name, text, at, direction === 'outbound' ? 'queued' : null],
    );
    return toMessageView(rows[0]!);
  }
}

/** Our own RFC 5322 Message-ID for an e-mail reply, on the domain of the channel's address. */
function outboundMessageId(fromAddress: string | number | undefined): string {
  const domain = typeof fromAddress === 'string' && fromAddress.includes('@') ? fromAddress.split('@').pop()!.replace(/[>\s]/g, '') : 'desk.invalid';
  return `<out-${randomUUID()}@${domain}>`;
}
