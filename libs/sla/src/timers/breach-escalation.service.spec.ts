import type { EntityManager } from 'typeorm';
import { ChangeSet } from '@app/inbox';
import { BreachEscalation, breachReason, humanDuration } from './breach-escalation.service';

const WS = '11111111-0000-4000-8000-000000000001';
const CONV = '22222222-0000-4000-8000-000000000002';
const FRONT = 'aaaaaaaa-0000-4000-8000-000000000001';
const SENIORS = 'bbbbbbbb-0000-4000-8000-000000000002';
const AGENT = 'cccccccc-0000-4000-8000-000000000003';

/** A manager that answers the placement and clock reads with the given rows and records every statement. */
function fakeManager(placement: Record<string, unknown> | undefined, clock?: Record<string, unknown>) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const m = {
    query: async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      if (sql.includes('FROM conversations c LEFT JOIN roles')) return placement ? [placement] : [];
      if (sql.includes('FROM sla_clocks')) return clock ? [clock] : [];
      return [];
    },
  };
  return { m: m as unknown as EntityManager, statements };
}

describe('breach escalation', () => {
  it('says which target breached and its length', () => {
    expect(humanDuration(1800)).toBe('30 min');
    expect(humanDuration(5400)).toBe('1 h 30 min');
    expect(humanDuration(2)).toBe('2 s');
    expect(humanDuration(90_061)).toBe('1 d 1 h 1 min 1 s');
    expect(breachReason('first_response', 1800, false)).toBe('first response breached (30 min)');
    expect(breachReason('resolution', 8 * 3600, true)).toBe('resolution breached (8 h of business hours)');
  });

  it("moves the conversation to the escalation role's queue, unassigned, with a history line and an escalated assignment event", async () => {
    const { m, statements } = fakeManager(
      { role_id: FRONT, assignee_id: AGENT, escalation_role_id: SENIORS },
      { target: 'first_response', target_seconds: 1800, business_hours_id: null },
    );
    const changes = new ChangeSet().sla({ conversationId: CONV, type: 'breached', target: 'first_response', dueAt: '2026-03-02T09:30:00.000Z' });
    expect(await new BreachEscalation().escalate(m, WS, CONV, changes)).toBe(true);

    const update = statements.find((s) => s.sql.startsWith('UPDATE conversations'))!;
    expect(update.params).toEqual([WS, CONV, SENIORS]);
    expect(update.sql).toContain('assignee_id = NULL');
    // The clock read is the breached target's, in this workspace.
    expect(statements.find((s) => s.sql.includes('FROM sla_clocks'))!.params).toEqual([WS, CONV, 'first_response']);
    const reason = 'first response breached (30 min)';
    expect(changes.conversations.get(CONV)).toBe('assigned');
    expect(changes.before.get(CONV)).toEqual({ roleId: FRONT, assigneeId: AGENT });
    expect(changes.context.get(CONV)).toEqual({ by: { type: 'system', id: null, name: 'sla' }, reason, escalated: true });
    expect(changes.history).toEqual([
      {
        conversationId: CONV,
        type: 'escalated',
        actor: { type: 'system', id: null, name: 'sla' },
        reason,
        from: { roleId: FRONT, assigneeId: AGENT },
        to: { roleId: SENIORS, assigneeId: null },
      },
    ]);
  });

  it('does nothing when the role has no escalation role, or the conversation no role', async () => {
    for (const placement of [
      { role_id: FRONT, assignee_id: AGENT, escalation_role_id: null },
      { role_id: null, assignee_id: null, escalation_role_id: null },
      undefined,
    ]) {
      const { m, statements } = fakeManager(placement);
      const changes = new ChangeSet();
      expect(await new BreachEscalation().escalate(m, WS, CONV, changes)).toBe(false);
      expect(statements.filter((s) => s.sql.startsWith('UPDATE'))).toEqual([]);
      expect(changes.empty).toBe(true);
    }
  });

  it('without the breach in this transaction, names the latest breached clock', async () => {
    const { m, statements } = fakeManager(
      { role_id: FRONT, assignee_id: null, escalation_role_id: SENIORS },
      { target: 'next_response', target_seconds: 600, business_hours_id: 'dddddddd-0000-4000-8000-000000000004' },
    );
    const changes = new ChangeSet();
    await new BreachEscalation().escalate(m, WS, CONV, changes);
    expect(statements.find((s) => s.sql.includes('FROM sla_clocks'))!.sql).toContain('breached_at IS NOT NULL');
    expect(changes.history[0]!.reason).toBe('next response breached (10 min of business hours)');
  });
});
