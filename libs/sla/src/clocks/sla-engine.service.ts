import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { rows } from '@app/db';
import { ChangeSet, publishEach, type SlaHappening, type SlaTracker } from '@app/inbox';
import { BusinessHoursRepository } from '../business-hours/business-hours.repository';
import type { Calendar } from '../calendar/business-time';
import { matchPolicy } from '../policies/policy-match';
import type { SlaPolicy } from '../policies/sla-policy';
import { SlaPolicyRepository } from '../policies/sla-policy.repository';
import { BreachEscalation } from '../timers/breach-escalation.service';
import { retimed, startClock } from './clock-rules';
import { describeFiring, fireDueClocks, recordBreaches, type Firing } from './due-firing';
import { CONVERSATION_COLUMNS, loadClocks, lockConversations, recordOutcome, saveCycle, toConversation, type TimedConversation } from './clock-store';
import { step, stateOf, type CycleState } from './cycle';
import type { SlaClock } from './sla-clock';
import { SLA_ACTOR } from './sla-actor';


/**
 * The SLA engine: moves a conversation's clocks inside the transaction that changes the conversation (as the
 * inbox's SLA_TRACKER), fires due warnings and breaches for the timer workers, and re-applies policies.
 * The rules themselves are pure (cycle.ts, clock-rules.ts); this loads, applies and stores.
 */
@Injectable()
export class SlaEngine implements SlaTracker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policies: SlaPolicyRepository,
    private readonly hours: BusinessHoursRepository,
    private readonly escalation: BreachEscalation,
  ) {}

  async track(m: EntityManager, workspaceId: string, conversationId: string, happening: SlaHappening, changes: ChangeSet): Promise<void> {
    const [c] = await lockConversations(m, workspaceId, [conversationId]);
    if (!c) return;
    const clocks = (await loadClocks(m, workspaceId, [c.id])).get(c.id)!;
    // Most steps touch nothing: a status change of a conversation without a cycle, a second message in a row.
    if (clocks.length === 0 && !c.cycleStartedAt && happening.type !== 'inbound') return;
    const starts = happening.type === 'inbound' && !c.cycleStartedAt;
    const matching = starts ? matchPolicy(await this.policies.activePolicies(m, workspaceId), c) : null;
    // The cycle's own policy is only read to start a next-response clock.
    const answeredBefore = happening.type === 'inbound' && c.firstRespondedAt !== null && !clocks.some((k) => k.target !== 'resolution');
    const current = !starts && answeredBefore && c.policyId ? await this.policies.find(m, workspaceId, c.policyId, { includeDeleted: true }) : null;
    const calendars = await this.calendars(m, workspaceId, [...clocks.map((k) => k.businessHoursId), matching?.businessHoursId ?? null, current?.businessHoursId ?? null]);
    const now = this.clock.now();
    const result = step({ ...c, clocks }, withinReach(happening, now), {
      now,
      matching: () => matching,
      current: () => current,
      calendar: (id) => calendars.get(id ?? '') ?? null,
    });
    // A second message while the customer already waits changes nothing: no write.
    if (result.outcomes.length === 0 && result.history.length === 0 && result.breached.length === 0 && sameCycle({ ...c, clocks }, result.next)) return;
    await saveCycle(m, c, result.next, clocks);
    const late: Firing[] = result.breached.map((clock) => ({ conversation: c, clock, kind: 'breached' }));
    await recordBreaches(m, late);
    await this.announce(m, late, () => changes);
    for (const o of result.outcomes) await recordOutcome(m, c, o);
    for (const [type, reason] of result.history) changes.record({ conversationId: c.id, type, actor: SLA_ACTOR, reason, from: null, to: null });
    for (const moment of result.moments) {
      changes.sla({
        conversationId: c.id,
        type: 'met',
        target: moment.target,
        dueAt: moment.dueAt?.toISOString() ?? null,
        elapsedSeconds: moment.elapsedSeconds,
        detail: { agentId: moment.agentId },
      });
    }
  }

  /**
   * Fires one batch of due warnings and breaches in one transaction. The conversations are claimed FOR NO KEY
   * UPDATE SKIP LOCKED: several workers never fire one clock twice, and a reply in flight (which holds the row) goes
   * first: it is then answered, not breached. Returns how many conversations it handled.
   */
  async fireDue(now: Date, limit = 500): Promise<number> {
    return this.db.transaction(async (m) => {
      const { claimed, fired } = await fireDueClocks(m, now, limit);
      if (fired.length === 0) return claimed;
      const changes = new Map<string, ChangeSet>();
      await this.announce(m, fired, (workspaceId) => {
        const set = changes.get(workspaceId) ?? new ChangeSet();
        changes.set(workspaceId, set);
        return set;
      });
      await publishEach(m, changes);
      return claimed;
    });
  }

  /**
   * History lines and events for fired clocks, and the escalation of breaches whose policy says so (once per open
   * conversation). The clocks and the breach rows are already written.
   */
  private async announce(m: EntityManager, fired: Firing[], changesOf: (workspaceId: string) => ChangeSet): Promise<void> {
    if (fired.length === 0) return;
    const policyIds = [...new Set(fired.filter((f) => f.kind === 'breached').map((f) => f.clock.policyId))];
    const onBreach = new Map(
      (await rows<{ id: string; breach_action: string }>(m, `SELECT id, breach_action FROM sla_policies WHERE id = ANY($1::uuid[])`, [policyIds])).map((r) => [r.id, r.breach_action]),
    );
    const escalate = new Map<string, TimedConversation>();
    for (const f of fired) {
      const action = f.kind === 'breached' ? (onBreach.get(f.clock.policyId) ?? null) : null;
      describeFiring(f, action, changesOf(f.conversation.workspaceId));
      if (action === 'escalate' && f.conversation.status === 'open') escalate.set(f.conversation.id, f.conversation);
    }
    for (const c of escalate.values()) await this.escalation.escalate(m, c.workspaceId, c.id, changesOf(c.workspaceId));
  }

  /** The nearest unfired deadline of any workspace, or null when no clock is running. */
  async nextDeadline(): Promise<Date | null> {
    const [row] = await rows<{ at: Date | null }>(this.db, `SELECT min(next_fire_at) AS at FROM sla_clocks WHERE next_fire_at IS NOT NULL`);
    return row?.at ?? null;
  }

  /**
   * Re-matches the policy of every open, pending or snoozed conversation of the workspace whose cycle runs, and
   * re-times its clocks under the policy that now matches: what ran so far is kept (warnings and breaches already
   * fired stay on record); a target the new policy lacks stops; one it adds starts from the customer's wait (or the
   * cycle's start). Conversations go in batches of 200 per transaction. Returns how many changed.
   */
  async reapply(workspaceId: string): Promise<number> {
    let changed = 0;
    const busy: string[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await rows<{ id: string }>(
        this.db,
        `SELECT id FROM conversations WHERE workspace_id = $1 AND id > $2 AND sla_cycle_started_at IS NOT NULL AND status <> 'resolved' ORDER BY id LIMIT 200`,
        [workspaceId, after],
      );
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!.id;
      const batch = await this.reapplyBatch(workspaceId, ids.map((r) => r.id), true);
      changed += batch.changed;
      busy.push(...batch.busy);
    }
    // Those another transaction held (ingestion locks several conversations in arrival order): one at a time, so
    // waiting for one can never close a circle of waits.
    for (const id of busy) changed += (await this.reapplyBatch(workspaceId, [id], false)).changed;
    return changed;
  }

  private reapplyBatch(workspaceId: string, ids: string[], skipLocked: boolean): Promise<{ changed: number; busy: string[] }> {
    return this.db.transaction(async (m) => {
      const conversations = (
        await rows<Record<string, unknown>>(
          m,
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
          [workspaceId, ids],
        )
      ).map(toConversation);
      const held = conversations.map((c) => c.id);
      const busy = ids.filter((id) => !held.includes(id));
      if (held.length === 0) return { changed: 0, busy };
      const clocks = await loadClocks(m, workspaceId, held);
      const policies = await this.policies.activePolicies(m, workspaceId);
      const set = new ChangeSet();
      let changed = 0;
      for (const c of conversations) {
        if (await this.reapplyOne(m, c, clocks.get(c.id) ?? [], matchPolicy(policies, c), set)) changed++;
      }
      await publishEach(m, new Map([[workspaceId, set]]));
      return { changed, busy };
    });
  }

  private async reapplyOne(m: EntityManager, c: TimedConversation, clocks: SlaClock[], policy: SlaPolicy | null, changes: ChangeSet): Promise<boolean> {
    // Resolved (its cycle over) between the listing and the lock.
    if (c.status === 'resolved' || !c.cycleStartedAt) return false;
    const now = this.clock.now();
    const calendars = await this.calendars(m, c.workspaceId, [...clocks.map((k) => k.businessHoursId), policy?.businessHoursId ?? null]);
    const cal = (id: string | null): Calendar => calendars.get(id ?? '') ?? null;
    const seconds = { first_response: policy?.firstResponseSeconds, next_response: policy?.nextResponseSeconds, resolution: policy?.resolutionSeconds };
    const next: SlaClock[] = [];
    for (const k of clocks) {
      const target = seconds[k.target];
      if (!policy || !target) continue;
      next.push(retimed(k, { policyId: policy.id, targetSeconds: target, warnAtPercent: policy.warnAtPercent, businessHoursId: policy.businessHoursId }, now, cal(k.businessHoursId), cal(policy.businessHoursId)));
    }
    if (policy) {
      const terms = (targetSeconds: number) => ({ policyId: policy.id, targetSeconds, warnAtPercent: policy.warnAtPercent, businessHoursId: policy.businessHoursId });
      const paused = c.status !== 'open';
      const responding = c.firstRespondedAt ? 'next_response' : 'first_response';
      const responseSeconds = seconds[responding];
      if (c.waitingSince && responseSeconds && !next.some((k) => k.target !== 'resolution')) {
        next.push(startClock(responding, { cycle: c.cycle, round: c.round }, terms(responseSeconds), c.waitingSince, { now, paused }, cal(policy.businessHoursId)));
      }
      if (policy.resolutionSeconds && c.cycleStartedAt && !next.some((k) => k.target === 'resolution')) {
        next.push(startClock('resolution', { cycle: c.cycle, round: 0 }, terms(policy.resolutionSeconds), c.cycleStartedAt, { now, paused }, cal(policy.businessHoursId)));
      }
    }
    const cycle: CycleState = { ...c, policyId: policy?.id ?? null, clocks: next };
    cycle.state = stateOf({ next: cycle, outcomes: [] }, c.state);
    const same = c.policyId === cycle.policyId && sameTimes(clocks, next);
    if (same) return false;
    await saveCycle(m, c, cycle, clocks);
    changes.conversation(c.id, 'updated');
    changes.record({ conversationId: c.id, type: 'sla_policy', actor: SLA_ACTOR, reason: policy ? `SLA policy "${policy.name}" re-applied` : 'no SLA policy applies any more', from: null, to: null });
    return true;
  }

  /** The calendars named, by id (missing or deleted ones are left out: their clocks count wall-clock time). */
  private async calendars(m: EntityManager, workspaceId: string, ids: Array<string | null>): Promise<Map<string, Calendar>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = new Map<string, Calendar>();
    for (const id of wanted) {
      const hours = await this.hours.find(m, workspaceId, id);
      if (hours) found.set(id, hours);
    }
    return found;
  }
}

/**
 * How far from the desk's clock a platform's own time may put a clock's start or an answer: a message dated in the
 * future counts from now, one dated more than 30 days back from 30 days back. Platforms' and senders' clocks (an
 * e-mail's Date header) are not to be trusted without bounds, and business time is counted day by day.
 */
export const MAX_BACKDATE_MS = 30 * 24 * 3600 * 1000;

function withinReach(happening: SlaHappening, now: Date): SlaHappening {
  if (happening.type === 'status') return happening;
  const at = Math.min(now.getTime(), Math.max(now.getTime() - MAX_BACKDATE_MS, happening.at.getTime()));
  return { ...happening, at: new Date(at) };
}

function sameCycle(a: CycleState, b: CycleState): boolean {
  const key = (x: CycleState) => JSON.stringify([x.policyId, x.cycle, x.cycleStartedAt, x.round, x.firstRespondedAt, x.state, x.clocks]);
  return key(a) === key(b);
}

function sameTimes(a: SlaClock[], b: SlaClock[]): boolean {
  const key = (ks: SlaClock[]) =>
    ks
      .map((k) => `${k.target}:${k.policyId}:${k.targetSeconds}:${k.warnAtPercent}:${k.businessHoursId}:${seconds(k.dueAt)}:${seconds(k.warnAt)}`)
      .sort()
      .join('|');
  return key(a) === key(b);
}

const seconds = (d: Date | null) => (d ? Math.round(d.getTime() / 1000) : null);
