import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import type { ChangeSet, ConversationRouter, HistoryEntry, InboundFacts } from '@app/inbox';
import { MessageRouting, type Classified, type MessageToRoute, type Routed } from './message-routing';

const MAP_ACTOR: HistoryEntry['actor'] = { type: 'system', id: null, name: 'responsibility map' };
const PRIORITY_ORDER = `ARRAY['low','normal','high','urgent']`;
/** The conversation's tags plus those of parameter `$n`, kept as PUT /tags keeps them: distinct and sorted. */
const tagUnion = (n: number) => `ARRAY(SELECT DISTINCT t FROM unnest(c.tags || $${n}::text[]) AS t ORDER BY t)`;

/**
 * The responsibility map at work, inside ingestion's transaction for every new message. A new conversation is
 * classified and routed before anything about it is published, so nobody sees it without its role. A later
 * customer message refreshes the sentiment (the latest message's) and a language still unknown, and routes a
 * conversation that has no role (there was no map yet, or its role was deleted). Echoes of the business's own
 * words start conversations without classifying them, and change nothing later. At most three statements per
 * message, usually one or two.
 */
@Injectable()
export class MapRouter implements ConversationRouter {
  constructor(private readonly routing: MessageRouting) {}

  async inbound(m: EntityManager, facts: InboundFacts, changes: ChangeSet): Promise<void> {
    if (!facts.isNew && facts.fromBusiness) return;
    const message: MessageToRoute = {
      channelType: facts.channelType,
      channelId: facts.channelId,
      kind: facts.kind,
      text: facts.text,
      followers: facts.followers,
      fromBusiness: facts.fromBusiness,
    };
    if (facts.isNew) await this.routeNew(m, facts, message, changes);
    else await this.followUp(m, facts, message, changes);
  }

  private async routeNew(m: EntityManager, facts: InboundFacts, message: MessageToRoute, changes: ChangeSet): Promise<void> {
    const { classified, routed } = await this.routing.route(m, facts.workspaceId, message, facts.conversationId);
    if (!routed || routed.decision.roleId === null) {
      // No map yet (or nothing left to take it): the conversation waits without a role, in the lead's view.
      if (classified.language !== null || classified.sentiment !== null) {
        await m.query(`UPDATE conversations SET language = $3, sentiment = $4 WHERE workspace_id = $1 AND id = $2`, [
          facts.workspaceId,
          facts.conversationId,
          classified.language,
          classified.sentiment,
        ]);
      }
      return;
    }
    const { decision, mapVersion } = routed;
    await m.query(
      `UPDATE conversations c SET role_id = $3, priority = $4, tags = ${tagUnion(5)}, language = $6, sentiment = $7,
         map_version = $8, route_rule = $9, updated_at = now()
       WHERE c.workspace_id = $1 AND c.id = $2`,
      [facts.workspaceId, facts.conversationId, decision.roleId, decision.priority, decision.tags, classified.language, classified.sentiment, mapVersion, decision.rule],
    );
    changes.record(this.routedLine(facts.conversationId, routed, null));
  }

  private async followUp(m: EntityManager, facts: InboundFacts, message: MessageToRoute, changes: ChangeSet): Promise<void> {
    const classified = this.routing.classify(message.text, false);
    // Ingestion has locked the conversation row already (it reopened it), so this read-and-write is not racing.
    const [current] = await rows<{ role_id: string | null; assignee_id: string | null; language: string | null; sentiment: Classified['sentiment'] }>(
      m,
      `UPDATE conversations SET sentiment = COALESCE($3, sentiment), language = COALESCE(language, $4)
       WHERE workspace_id = $1 AND id = $2 RETURNING role_id, assignee_id, language, sentiment`,
      [facts.workspaceId, facts.conversationId, classified.sentiment, classified.language],
    );
    if (!current || current.role_id !== null) return;
    // A late routing judges the conversation as it now stands: the language it was first given, the latest sentiment.
    const routed = await this.routing.decide(m, facts.workspaceId, message, { language: current.language, sentiment: current.sentiment }, facts.conversationId);
    if (!routed || routed.decision.roleId === null) return;
    const { decision, mapVersion } = routed;
    // A priority a lead raised meanwhile is not lowered by a late routing.
    const updated = await rows<{ id: string }>(
      m,
      `UPDATE conversations c SET role_id = $3, tags = ${tagUnion(5)}, map_version = $6, route_rule = $7, updated_at = now(),
         priority = CASE WHEN array_position(${PRIORITY_ORDER}, $4::text) > array_position(${PRIORITY_ORDER}, c.priority) THEN $4 ELSE c.priority END
       WHERE c.workspace_id = $1 AND c.id = $2 AND c.role_id IS NULL RETURNING c.id`,
      [facts.workspaceId, facts.conversationId, decision.roleId, decision.priority, decision.tags, mapVersion, decision.rule],
    );
    if (updated.length === 0) return;
    const before = { roleId: null, assigneeId: current.assignee_id };
    const line = this.routedLine(facts.conversationId, routed, current.assignee_id);
    changes.record(line);
    // Live clients of the role learn of it as they would of any assignment.
    changes.conversation(facts.conversationId, 'assigned', before, { by: MAP_ACTOR, reason: line.reason, rule: decision.rule, mapVersion });
  }

  private routedLine(conversationId: string, { decision, mapVersion }: Routed, assigneeId: string | null): HistoryEntry {
    return {
      conversationId,
      type: 'routed',
      actor: MAP_ACTOR,
      reason: decision.rule !== null ? `rule "${decision.rule}"` : 'default role',
      from: { roleId: null, assigneeId },
      to: { roleId: decision.roleId, assigneeId },
      rule: decision.rule,
      mapVersion,
    };
  }
}
