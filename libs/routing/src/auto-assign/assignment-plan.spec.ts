import { compareQueue, planAssignments, type Candidate, type QueuedConversation } from './assignment-plan';

const queued = (id: string, fields: Partial<QueuedConversation> = {}): QueuedConversation => ({
  id,
  priority: 'normal',
  waitingSince: 1_000,
  lastMessageAt: 1_000,
  ...fields,
});
const member = (userId: string, fields: Partial<Candidate> = {}): Candidate => ({ userId, capacity: null, load: 0, lastAssignedAt: null, ...fields });
const conversations = (n: number) => Array.from({ length: n }, (_, i) => queued(`c${String(i).padStart(4, '0')}`, { waitingSince: i }));
const countBy = (plan: Array<{ userId: string }>) => plan.reduce<Record<string, number>>((acc, p) => ((acc[p.userId] = (acc[p.userId] ?? 0) + 1), acc), {});

/** A small deterministic generator, so a failing case can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('queue order', () => {
  it('puts the most urgent first, then who waits longest, then older activity, then id', () => {
    const queue = [
      queued('low-old', { priority: 'low', waitingSince: 1 }),
      queued('normal-new', { waitingSince: 50 }),
      queued('normal-not-waiting', { waitingSince: null, lastMessageAt: 0 }),
      queued('urgent-new', { priority: 'urgent', waitingSince: 90 }),
      queued('high', { priority: 'high', waitingSince: 60 }),
      queued('normal-old-b', { waitingSince: 10, lastMessageAt: 5 }),
      queued('normal-old-a', { waitingSince: 10, lastMessageAt: 5 }),
      queued('normal-old-active-earlier', { waitingSince: 10, lastMessageAt: 3 }),
    ];
    expect([...queue].sort(compareQueue).map((c) => c.id)).toEqual([
      'urgent-new',
      'high',
      'normal-old-active-earlier',
      'normal-old-a',
      'normal-old-b',
      'normal-new',
      'normal-not-waiting',
      'low-old',
    ]);
  });

  it('hands out in that order when capacity is short', () => {
    const plan = planAssignments('round_robin', [queued('later', { waitingSince: 5 }), queued('urgent', { priority: 'urgent', waitingSince: 9 }), queued('first', { waitingSince: 1 })], [
      member('u1', { capacity: 2 }),
    ]);
    expect(plan.map((p) => p.conversationId)).toEqual(['urgent', 'first']);
  });
});

describe('round robin', () => {
  it('deals in turns, starting with who never got one, then who got one longest ago; ties by user id', () => {
    const plan = planAssignments('round_robin', conversations(6), [
      member('u3', { lastAssignedAt: 200 }),
      member('u2', { lastAssignedAt: 100 }),
      member('u1', { lastAssignedAt: null }),
      member('u0', { lastAssignedAt: null }),
    ]);
    expect(plan.map((p) => p.userId)).toEqual(['u0', 'u1', 'u2', 'u3', 'u0', 'u1']);
    expect(plan.map((p) => p.conversationId)).toEqual(conversations(6).map((c) => c.id));
  });

  it('ignores load: a member holding many is next when their turn comes', () => {
    const plan = planAssignments('round_robin', conversations(2), [member('busy', { load: 9, lastAssignedAt: 1 }), member('idle', { load: 0, lastAssignedAt: 2 })]);
    expect(plan.map((p) => p.userId)).toEqual(['busy', 'idle']);
  });

  it('skips members at capacity and never exceeds it; the rest stays queued', () => {
    const plan = planAssignments('round_robin', conversations(10), [
      member('full', { capacity: 2, load: 2 }),
      member('one-left', { capacity: 3, load: 2 }),
      member('two-left', { capacity: 2, load: 0 }),
      member('none', { capacity: 0 }),
    ]);
    expect(countBy(plan)).toEqual({ 'one-left': 1, 'two-left': 2 });
    expect(plan).toHaveLength(3);
  });

  it('hands out nothing without members, without a queue, or under the manual strategy', () => {
    expect(planAssignments('round_robin', conversations(3), [])).toEqual([]);
    expect(planAssignments('round_robin', [], [member('u1')])).toEqual([]);
    expect(planAssignments('manual', conversations(3), [member('u1')])).toEqual([]);
  });
});

describe('least busy', () => {
  it('picks the member holding fewest, then the lowest share of capacity, then who got one longest ago', () => {
    const candidates = [
      member('a', { load: 3, capacity: 10 }),
      member('b', { load: 1, capacity: 2, lastAssignedAt: 5 }),
      member('c', { load: 1, capacity: 4, lastAssignedAt: 9 }),
      member('d', { load: 1, capacity: 4, lastAssignedAt: 1 }),
    ];
    // d and c hold 1 of 4; d got one longer ago. Then c (1/4) before b (1/2). Then everyone at 2: b is full.
    expect(planAssignments('least_busy', conversations(3), candidates).map((p) => p.userId)).toEqual(['d', 'c', 'b']);
  });

  it('fills the least loaded up until loads are level, then deals evenly', () => {
    const plan = planAssignments('least_busy', conversations(7), [member('x', { load: 4 }), member('y', { load: 0 }), member('z', { load: 1 })]);
    expect(countBy(plan)).toEqual({ y: 4, z: 3 });
    const more = planAssignments('least_busy', conversations(9), [member('x', { load: 4 }), member('y', { load: 0 }), member('z', { load: 1 })]);
    expect(countBy(more)).toEqual({ x: 1, y: 4, z: 4 });
  });

  it('treats unlimited capacity as an empty share', () => {
    const plan = planAssignments('least_busy', conversations(1), [member('limited', { load: 1, capacity: 5 }), member('unlimited', { load: 1 })]);
    expect(plan.map((p) => p.userId)).toEqual(['unlimited']);
  });
});

describe('properties', () => {
  it('round robin with unlimited capacity keeps counts within one of each other, over any sequence of passes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = random(seed);
      const n = 2 + Math.floor(rand() * 6);
      const members = Array.from({ length: n }, (_, i) => member(`u${i}`));
      const totals = new Map(members.map((m) => [m.userId, 0]));
      let clock = 1;
      const passes = 1 + Math.floor(rand() * 30);
      for (let p = 0; p < passes; p++) {
        const plan = planAssignments('round_robin', conversations(Math.floor(rand() * 3 * n)), members);
        // The engine stamps each member's last assignment in the order of the plan, as this does.
        for (const a of plan) {
          totals.set(a.userId, totals.get(a.userId)! + 1);
          members.find((m) => m.userId === a.userId)!.lastAssignedAt = clock++;
        }
        const counts = [...totals.values()];
        expect({ seed, pass: p, spread: Math.max(...counts) - Math.min(...counts) <= 1 }).toEqual({ seed, pass: p, spread: true });
      }
    }
  });

  it('no strategy puts anyone over capacity, and each conversation goes to at most one member', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = random(seed);
      const candidates = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => {
        const capacity = rand() < 0.3 ? null : Math.floor(rand() * 5);
        return member(`u${i}`, { capacity, load: Math.floor(rand() * 6), lastAssignedAt: rand() < 0.3 ? null : Math.floor(rand() * 100) });
      });
      for (const strategy of ['round_robin', 'least_busy'] as const) {
        const queue = conversations(Math.floor(rand() * 20));
        const plan = planAssignments(strategy, queue, candidates);
        expect(new Set(plan.map((p) => p.conversationId)).size).toBe(plan.length);
        const given = countBy(plan);
        let free = 0;
        for (const c of candidates) {
          if (c.capacity !== null) expect(c.load + (given[c.userId] ?? 0)).toBeLessThanOrEqual(Math.max(c.load, c.capacity));
          free += c.capacity === null ? Infinity : Math.max(0, c.capacity - c.load);
        }
        // Everything that fits is handed out, and it is the head of the queue.
        expect(plan.length).toBe(Math.min(queue.length, free));
        expect(plan.map((p) => p.conversationId)).toEqual(queue.slice(0, plan.length).map((c) => c.id));
      }
    }
  });
});

describe('a conversation escalated away from its assignee', () => {
  it('goes to someone else when anyone else can take it, whatever the strategy says', () => {
    const turns = [member('a', { lastAssignedAt: 1 }), member('b', { lastAssignedAt: 2 })];
    expect(planAssignments('round_robin', [queued('c1', { avoid: 'a' })], turns)).toEqual([{ conversationId: 'c1', userId: 'b' }]);
    expect(planAssignments('least_busy', [queued('c1', { avoid: 'a' })], [member('a'), member('b', { load: 5 })])).toEqual([{ conversationId: 'c1', userId: 'b' }]);
  });

  it('waits rather than going back to them when nobody else can take it', () => {
    const members = [member('a'), member('b', { capacity: 1, load: 1 })];
    for (const strategy of ['round_robin', 'least_busy'] as const) {
      expect(planAssignments(strategy, [queued('c1', { avoid: 'a' })], members)).toEqual([]);
      expect(planAssignments(strategy, [queued('c1', { avoid: 'a' })], [member('a')])).toEqual([]);
    }
  });

  it('does not hold back the conversations queued behind one that waits', () => {
    const queue = [queued('c1', { avoid: 'a', waitingSince: 1 }), queued('c2', { waitingSince: 2 }), queued('c3', { avoid: 'b', waitingSince: 3 })];
    expect(planAssignments('round_robin', queue, [member('a', { capacity: 1 }), member('b', { capacity: 2, load: 1 })])).toEqual([
      { conversationId: 'c1', userId: 'b' },
      { conversationId: 'c2', userId: 'a' },
    ]);
    expect(planAssignments('round_robin', queue, [member('a')])).toEqual([
      { conversationId: 'c2', userId: 'a' },
      { conversationId: 'c3', userId: 'a' },
    ]);
  });
});
