import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { CONVERSATION_COLUMNS, CONVERSATION_FROM, scopeSql, toConversationView, type ConversationRow, type ConversationScope, type ConversationView, type SlaTarget } from '@app/inbox';

export const BOARD_DEFAULT_LIMIT = 100;
export const BOARD_MAX_LIMIT = 500;

export interface BoardItem {
  conversation: ConversationView;
  target: SlaTarget;
  dueAt: string;
  /** Whole seconds until due, by the desk's clock; negative once breached (a reply at the due instant itself is met). */
  remainingSeconds: number;
}

type BoardRow = ConversationRow & { sla_target: SlaTarget; sla_due_at: Date };

/** Whole seconds from now to due, rounded down: 0 while the due instant has not passed, negative from the first instant after it. */
export function remainingSeconds(dueAt: Date, now: Date): number {
  const s = Math.floor((dueAt.getTime() - now.getTime()) / 1000);
  return s === 0 ? 0 : s; // never -0
}

/**
 * The SLA board: every running clock (a due time set: not paused, not concluded) of an open conversation the member
 * may read, soonest due first, breached ones (due in the past) at the top. One row per clock, so a conversation with
 * its first response and its resolution running appears twice. Reads the board index (workspace_id, due_at) in order.
 */
@Injectable()
export class SlaBoardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async board(scope: ConversationScope, limit: number = BOARD_DEFAULT_LIMIT): Promise<{ items: BoardItem[] }> {
    const params: unknown[] = [scope.workspaceId];
    const scoped = scopeSql(scope, params);
    params.push(Math.min(Math.max(1, Math.trunc(limit)), BOARD_MAX_LIMIT));
    const found: BoardRow[] = await this.db.query(
      `SELECT k.target AS sla_target, k.due_at AS sla_due_at, ${CONVERSATION_COLUMNS}
       FROM ${CONVERSATION_FROM} JOIN sla_clocks k ON k.workspace_id = c.workspace_id AND k.conversation_id = c.id
       WHERE k.workspace_id = $1 AND k.due_at IS NOT NULL AND c.status = 'open' AND ${scoped}
       ORDER BY k.due_at, c.id, k.target
       LIMIT $${params.length}`,
      params,
    );
    const now = this.clock.now();
    return {
      items: found.map((r) => ({
        conversation: toConversationView(r),
        target: r.sla_target,
        dueAt: r.sla_due_at.toISOString(),
        remainingSeconds: remainingSeconds(r.sla_due_at, now),
      })),
    };
  }
}
