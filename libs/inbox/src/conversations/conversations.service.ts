import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { ChannelsService } from '@app/channels';
import type { AuthUser } from '@app/identity';
import { evaluateReply, readReplyPolicy, type ReplyEvaluation } from '@app/voice';
import { WorkSignals } from '../work/work-signals';
import { ConversationQueryService } from './conversation-query.service';
import { scopeOf } from './conversation-scope';
import { MESSAGE_COLUMNS, toMessageView, type ConversationView, type MessageView, type ReplyHold } from './views';
import { rows } from '@app/db';
import { ChangeSet } from '../events/change-set';
import { publishChanges, publishEach } from '../events/publish-changes';
import { lockVersion } from './conversation-version';
import type { Priority } from '../entities/conversation.entity';
import { NO_SLA, SLA_TRACKER, type SlaTracker } from '../ingest/sla-tracker';

/** The columns a person edits directly (each bumps the conversation's version when it changes). */
interface EditableFields {
  status?: string;
  snoozed_until?: Date | null;
  tags?: string[];
  priority?: Priority;
}

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
    @Optional() @Inject(SLA_TRACKER) private readonly sla: SlaTracker = NO_SLA,
  ) {}

  /**
   * Stores the reply as `queued` together with its outbox row, in one transaction: once this returns, the reply
   * will be delivered (or fail visibly) even if the process dies now.
   *
   * The reply policy judges it first (evaluateReply): a public reply with a block term is refused, nothing stored
   * (422 REPLY_BLOCKED); a reply on an approval topic is stored `held` with the reason and no outbox row, until a
   * lead approves it (leads' and admins' own replies are not held); warning terms travel on the message as
   * `policyWarnings`. A held reply is not an answer the customer got, so the customer's wait goes on; it does
   * count as the assignee acting on the conversation (the acceptance timer stops).
   */
  async reply(user: AuthUser, conversationId: string, text: string): Promise<MessageView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const settings = await this.channels.liveSettings(user.workspaceId, conversation.channelId);
    if (!settings) throw new DomainException('CHANNEL_DELETED', 'The channel of this conversation was deleted: replies cannot be sent');
    const message = await this.db.transaction(async (m) => {
      // The conversation first, then the time: an SLA timer firing meanwhile either went first (and the reply is late)
      // or waits for this reply (and sees it answered), never in between.
      await lockConversation(m, user.workspaceId, conversation.id);
      const now = this.clock.now();
      const verdict = evaluateReply(await readReplyPolicy(m, user.workspaceId), { text, kind: conversation.kind, tags: conversation.tags }, { approver: isApprover(user) });
      if (verdict.verdict === 'block') throw replyBlocked(verdict);
      const hold: ReplyHold | null =
        verdict.verdict === 'hold' ? { reason: verdict.reason!, topics: verdict.topics, terms: verdict.topicTerms, heldAt: now.toISOString() } : null;
      const row = await this.insertReply(m, user, conversation, text, now, hold, verdict.warnings);
      if (!hold) {
        await m.query(
          `INSERT INTO outbox (message_id, workspace_id, channel_id, outbound_message_id) VALUES ($1, $2, $3, $4)`,
          [row.id, user.workspaceId, conversation.channelId, outboundMessageId(settings.fromAddress)],
        );
      }
      await m.query(
        `UPDATE conversations SET last_message_at = GREATEST(last_message_at, $3), waiting_since = CASE WHEN $4 THEN waiting_since END, accept_due_at = NULL, updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [user.workspaceId, conversation.id, now, hold !== null],
      );
      const changes = new ChangeSet().message(row.id, 'created');
      if (!hold) await this.sla.track(m, user.workspaceId, conversation.id, { type: 'reply', at: now, agentId: user.id }, changes);
      await publishChanges(m, user.workspaceId, changes);
      return row;
    });
    if (!message.hold) this.signals.notify('outbox');
    return message;
  }

  /** What the reply policy would say about this text as the user's reply here, without sending anything. */
  async checkReply(user: AuthUser, conversationId: string, text: string): Promise<ReplyEvaluation> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    return evaluateReply(await readReplyPolicy(this.db, user.workspaceId), { text, kind: conversation.kind, tags: conversation.tags }, { approver: isApprover(user) });
  }

  /**
   * A lead's approval of a held reply: it is queued with its outbox row, exactly as a reply that was never held,
   * and delivered by the outbound worker. The message row is locked, so approvals racing each other send once
   * (the later one answers 409 REPLY_NOT_HELD). The policy is asked again: an approval does not override a block
   * term added since the reply was held.
   */
  async approveReply(user: AuthUser, conversationId: string, messageId: string): Promise<MessageView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const settings = await this.channels.liveSettings(user.workspaceId, conversation.channelId);
    if (!settings) throw new DomainException('CHANNEL_DELETED', 'The channel of this conversation was deleted: replies cannot be sent');
    const message = await this.db.transaction(async (m) => {
      await lockConversation(m, user.workspaceId, conversation.id);
      const now = this.clock.now();
      const held = await this.lockHeldReply(m, user.workspaceId, conversation.id, messageId);
      const verdict = evaluateReply(await readReplyPolicy(m, user.workspaceId), { text: held.text, kind: conversation.kind, tags: conversation.tags }, { approver: true });
      if (verdict.verdict === 'block') throw replyBlocked(verdict);
      const hold: ReplyHold = { ...held.hold!, decidedBy: { id: user.id, name: user.name }, decidedAt: now.toISOString() };
      await m.query(`UPDATE messages SET delivery_status = 'queued', hold = $3::jsonb WHERE workspace_id = $1 AND id = $2`, [user.workspaceId, held.id, JSON.stringify(hold)]);
      await m.query(
        `INSERT INTO outbox (message_id, workspace_id, channel_id, outbound_message_id) VALUES ($1, $2, $3, $4)`,
        [held.id, user.workspaceId, conversation.channelId, outboundMessageId(settings.fromAddress)],
      );
      await m.query(`UPDATE conversations SET waiting_since = NULL, accept_due_at = NULL, updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
        user.workspaceId,
        conversation.id,
      ]);
      // The customer gets the answer now, so it counts now, for the agent who wrote it.
      const changes = new ChangeSet().message(held.id, 'updated');
      await this.sla.track(m, user.workspaceId, conversation.id, { type: 'reply', at: now, agentId: held.author.id }, changes);
      await publishChanges(m, user.workspaceId, changes);
      return this.messageById(m, user.workspaceId, held.id);
    });
    this.signals.notify('outbox');
    return message;
  }

  /**
   * A lead's refusal of a held reply: it stays in the conversation as `rejected`, with the lead's note, never sent.
   * Holding the reply stopped the acceptance timer, and nothing reached the customer: the assignee's timer starts
   * again from now (when the role has one), unless someone has answered or written another reply since.
   */
  async rejectReply(user: AuthUser, conversationId: string, messageId: string, note: string | null): Promise<MessageView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    return this.db.transaction(async (m) => {
      // In the order approveReply takes them (conversation, then message), so an approval and a rejection racing each
      // other queue instead of deadlocking.
      await lockConversation(m, user.workspaceId, conversation.id);
      const held = await this.lockHeldReply(m, user.workspaceId, conversation.id, messageId);
      const hold: ReplyHold = { ...held.hold!, decidedBy: { id: user.id, name: user.name }, decidedAt: this.clock.now().toISOString(), decisionNote: note };
      await m.query(`UPDATE messages SET delivery_status = 'rejected', hold = $3::jsonb WHERE workspace_id = $1 AND id = $2`, [user.workspaceId, held.id, JSON.stringify(hold)]);
      // The message event carries the conversation, timer included.
      await m.query(
        `UPDATE conversations c SET accept_due_at = acceptance_due(c.workspace_id, c.role_id), updated_at = now()
         WHERE c.workspace_id = $1 AND c.id = $2 AND c.status = 'open' AND c.assignee_id IS NOT NULL AND c.accept_due_at IS NULL
           AND acceptance_due(c.workspace_id, c.role_id) IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.workspace_id = c.workspace_id AND r.conversation_id = c.id AND r.direction = 'outbound'
                           AND r.id <> $3 AND r.delivery_status IS DISTINCT FROM 'rejected' AND r.received_at >= $4::timestamptz)`,
        [user.workspaceId, conversation.id, held.id, held.receivedAt],
      );
      await publishChanges(m, user.workspaceId, new ChangeSet().message(held.id, 'updated'));
      return this.messageById(m, user.workspaceId, held.id);
    });
  }

  /** Replies waiting for a lead's approval in the whole workspace, oldest first (for leads and admins). */
  async heldReplies(user: AuthUser, limit: number): Promise<Array<{ message: MessageView; conversationId: string }>> {
    const held = await rows<Record<string, unknown>>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND delivery_status = 'held' ORDER BY created_at, id LIMIT $2`,
      [user.workspaceId, limit],
    );
    return held.map((r) => {
      const message = toMessageView(r);
      return { message, conversationId: message.conversationId };
    });
  }

  private async lockHeldReply(m: EntityManager, workspaceId: string, conversationId: string, messageId: string): Promise<MessageView> {
    const [row] = await rows<Record<string, unknown>>(
      m,
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND id = $3 AND direction = 'outbound' FOR UPDATE`,
      [workspaceId, conversationId, messageId],
    );
    if (!row) throw new DomainException('MESSAGE_NOT_FOUND', 'No such reply in this conversation');
    const message = toMessageView(row);
    if (message.deliveryStatus !== 'held') throw new DomainException('REPLY_NOT_HELD', `This reply is not waiting for approval (it is ${message.deliveryStatus ?? 'not a reply'})`);
    return message;
  }

  private async messageById(m: EntityManager, workspaceId: string, id: string): Promise<MessageView> {
    const [row] = await rows<Record<string, unknown>>(m, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return toMessageView(row!);
  }

  private async insertReply(
    m: EntityManager,
    user: AuthUser,
    conversation: ConversationView,
    text: string,
    at: Date,
    hold: ReplyHold | null,
    warnings: string[],
  ): Promise<MessageView> {
    const [row] = await rows<Record<string, unknown>>(
      m,
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, author_type, author_id, author_name, text, created_at, received_at, delivery_status, hold, policy_warnings)
       VALUES ($1, $2, $3, 'outbound', 'user', $4, $5, $6, $7, $7, $8, $9::jsonb, $10::text[]) RETURNING ${MESSAGE_COLUMNS}`,
      [user.workspaceId, conversation.id, conversation.channelId, user.id, user.name, text, at, hold ? 'held' : 'queued', hold ? JSON.stringify(hold) : null, warnings.length ? warnings : null],
    );
    return toMessageView(row!);
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
    return this.edit(user, conversation.id, expectedVersion, { status: change.status, snoozed_until: snoozeUntil });
  }

  async setTags(user: AuthUser, conversationId: string, tags: string[], expectedVersion?: number): Promise<ConversationView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    const clean = [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))].sort();
    return this.edit(user, conversation.id, expectedVersion, { tags: clean });
  }

  /** A person's judgement of urgency over the map's: it orders the role's queue (and, later, picks the SLA policy). */
  async setPriority(user: AuthUser, conversationId: string, priority: Priority, expectedVersion?: number): Promise<ConversationView> {
    const conversation = await this.query.get(scopeOf(user), conversationId);
    return this.edit(user, conversation.id, expectedVersion, { priority });
  }

  /**
   * One edit of a conversation the user may read: locked and checked against If-Match, written, and logged as
   * `conversation.updated` when it changed anything (the trigger bumps the version only then).
   */
  private async edit(user: AuthUser, conversationId: string, expectedVersion: number | undefined, fields: EditableFields): Promise<ConversationView> {
    const columns = Object.keys(fields) as Array<keyof EditableFields>;
    await this.db.transaction(async (m) => {
      const before = await lockVersion(m, user.workspaceId, conversationId, expectedVersion);
      const [after] = await rows<{ version: number }>(
        m,
        `UPDATE conversations SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 RETURNING version`,
        [user.workspaceId, conversationId, ...columns.map((c) => fields[c])],
      );
      if (after && after.version !== before?.version) {
        const changes = new ChangeSet().conversation(conversationId, 'updated');
        if (fields.status !== undefined) await this.sla.track(m, user.workspaceId, conversationId, { type: 'status' }, changes);
        await publishChanges(m, user.workspaceId, changes);
      }
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
        await this.sla.track(m, r.workspace_id, r.id, { type: 'status' }, set);
      }
      await publishEach(m, byWorkspace);
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

/** The conversation's row, locked as an update would lock it (new messages' foreign-key checks still pass). */
async function lockConversation(m: EntityManager, workspaceId: string, id: string): Promise<void> {
  await m.query(`SELECT 1 FROM conversations WHERE workspace_id = $1 AND id = $2 FOR NO KEY UPDATE`, [workspaceId, id]);
}

/** Leads and admins approve held replies, so their own replies are not held. */
function isApprover(user: AuthUser): boolean {
  return user.access === 'lead' || user.access === 'admin';
}

function replyBlocked(verdict: ReplyEvaluation): DomainException {
  return new DomainException('REPLY_BLOCKED', `Blocked by the reply policy: ${verdict.reason}`);
}

/** Our own RFC 5322 Message-ID for an e-mail reply, on the domain of the channel's address. */
function outboundMessageId(fromAddress: string | number | undefined): string {
  const domain = typeof fromAddress === 'string' && fromAddress.includes('@') ? fromAddress.split('@').pop()!.replace(/[>\s]/g, '') : 'desk.invalid';
  return `<out-${randomUUID()}@${domain}>`;
}
