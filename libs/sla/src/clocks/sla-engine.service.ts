import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import type { ChangeSet, SlaHappening, SlaTracker } from '@app/inbox';

/** LEAD IS WRITING THIS FILE. Public surface for helpers; bodies land shortly. */
@Injectable()
export class SlaEngine implements SlaTracker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Moves the conversation's clocks for what just happened, inside the caller's transaction. */
  async track(_m: EntityManager, _workspaceId: string, _conversationId: string, _happening: SlaHappening, _changes: ChangeSet): Promise<void> {}

  /**
   * Fires one batch of due warnings and breaches (next_fire_at <= now), in one transaction, claiming the
   * conversations FOR NO KEY UPDATE SKIP LOCKED (several workers never fire one clock twice), publishing
   * sla.warning / sla.breached and escalating breaches whose policy says so. Returns how many clocks it handled;
   * call again while it returns `limit`.
   */
  async fireDue(_now: Date, _limit = 200): Promise<number> {
    return 0;
  }

  /** The nearest unfired deadline of any workspace, or null when no clock is running. */
  async nextDeadline(): Promise<Date | null> {
    const [row] = (await this.db.query(`SELECT min(next_fire_at) AS at FROM sla_clocks WHERE next_fire_at IS NOT NULL`)) as Array<{ at: Date | null }>;
    return row?.at ?? null;
  }

  /**
   * Re-matches the policy of every open (open, pending, snoozed) conversation of the workspace with a cycle running,
   * and re-times its running clocks under the policy that now matches (start instants and elapsed time kept).
   * Returns how many conversations changed policy or due times.
   */
  async reapply(_workspaceId: string): Promise<number> {
    void this.clock;
    return 0;
  }
}
