import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Pool } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { makeDataDir, spawnDesk, WORKER_MAIN, type DeskProcess } from '../support/desk-process';
import { bearer, type Member } from '../support/http';
import { createChannel, deliver, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

jest.setTimeout(90_000);

const SECRETS = { JWT_SECRET: 'assignment-concurrency-secret-of-32-chars!', SECRETS_KEY: 'cd'.repeat(32) };
const AGENTS = 5;
const CAPACITY = 3;
const BURSTS = 10;
const BURST_SIZE = 20;
const CHURN_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/**
 * Automatic assignment under concurrency: the API (no workers of its own) and two apps/worker processes on one
 * database, agents connecting and disconnecting over real sockets while conversations arrive in bursts, through
 * webhooks and through a lead's role assignments, and get resolved. Checked throughout and at the end: nobody over
 * capacity, no conversation handed out twice, round robin fair within one, and the queue draining at once.
 */
describe('automatic assignment with two workers and churning agents', () => {
  let desk: TestDesk;
  let sql: Pool;
  let workers: DeskProcess[] = [];
  let lead: Member;
  let agents: Member[];
  let channel: TestChannel;
  let workspaceId: string;
  const sockets = new Map<string, LiveClient>();

  const goOnline = async (m: Member) => {
    if (!sockets.has(m.id)) sockets.set(m.id, await connected(desk.url, { token: m.token }));
  };
  const goOffline = (m: Member) => {
    sockets.get(m.id)?.close();
    sockets.delete(m.id);
  };
  const createRole = async (name: string) => {
    const res = await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const loads = async (roleId: string) => {
    const { rows } = await sql.query<{ assignee_id: string | null; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM conversations WHERE role_id = $1 AND status = 'open' GROUP BY assignee_id`,
      [roleId],
    );
    return { held: new Map(rows.filter((r) => r.assignee_id).map((r) => [r.assignee_id!, r.n])), queued: rows.find((r) => !r.assignee_id)?.n ?? 0 };
  };
  /** n conversations into the role's queue: in one transaction, or each in its own, all at once (a wake-up each). */
  const insertQueued = async (roleId: string, n: number, separately = false) => {
    const insert = (count: number) => {
      const key = randomUUID();
      return sql.query(
        `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, waiting_since, role_id)
         SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now(), now() - make_interval(secs => g), $4 FROM generate_series(1, $5::int) AS g`,
        [workspaceId, channel.id, key, roleId, count],
      );
    };
    await (separately ? Promise.all(Array.from({ length: n }, () => insert(1))) : insert(n));
  };

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run the tests through npm test, which builds first (or npx nest build worker)`);
    desk = await startTestDesk({ RUN_WORKERS: 'false', PRESENCE_GRACE_MS: '300', ...SECRETS });
    const env = { DATABASE_URL: desk.db.url, WORKER_POLL_MS: '50', ASSIGNEE_OFFLINE_GRACE_MS: '1000', PRESENCE_GRACE_MS: '300', LOG_LEVEL: 'info', ...SECRETS };
    workers = [spawnDesk({ ...env, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN), spawnDesk({ ...env, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN)];
    sql = new Pool({ connectionString: desk.db.url, max: 12 });
    const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId;
    lead = await createMember(desk, admin, 'lead');
    agents = await Promise.all(Array.from({ length: AGENTS }, () => createMember(desk, admin, 'agent')));
    channel = await createChannel(desk, admin, 'api');
    await eventually(async () => workers.every((w) => w.output().includes('worker ready')) || workers.some((w) => w.child.exitCode !== null), 30_000, 'both workers to start');
    for (const w of workers) expect(w.output()).toContain('worker ready');
  });
  afterAll(async () => {
    for (const s of sockets.values()) s.close();
    for (const w of workers) w.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => w.exited));
    await sql?.end();
    await desk?.shutdown();
    // A worker stops cleanly on SIGTERM, its passes in flight finished.
    expect(codes).toEqual(workers.map(() => 0));
  });

  it('never assigns a conversation twice, never exceeds capacity, and drains the queue as soon as capacity appears', async () => {
    const role = await createRole('Churn');
    expect(
      (await desk.http().put(`/api/roles/${role}/members`).set(bearer(lead.token)).send({ members: agents.map((a) => ({ userId: a.id, capacity: CAPACITY })) })).status,
    ).toBe(200);

    let running = true;
    let maxHeld = 0;
    let samples = 0;
    const sampler = (async () => {
      while (running) {
        const { held } = await loads(role);
        maxHeld = Math.max(maxHeld, ...held.values());
        samples++;
        await sleep(50);
      }
    })();
    const churn = agents.map(async (agent, i) => {
      if (i % 2 === 0) await goOnline(agent);
      while (running) {
        await sleep(between(300, 2_500));
        if (!running) break;
        if (sockets.has(agent.id)) goOffline(agent);
        else await goOnline(agent);
      }
    });
    const resolver = (async () => {
      while (running) {
        await sleep(between(200, 800));
        // Freeing capacity, several at once (each its own wake-up, racing each other), through the API.
        const { rows } = await sql.query<{ id: string }>(
          `SELECT id FROM conversations WHERE role_id = $1 AND status = 'open' AND assignee_id IS NOT NULL ORDER BY random() LIMIT 3`,
          [role],
        );
        await Promise.all(rows.map((r) => desk.http().post(`/api/conversations/${r.id}/status`).set(bearer(lead.token)).send({ status: 'resolved' })));
      }
    })();
    const arrivals = (async () => {
      for (let burst = 0; burst < BURSTS; burst++) {
        if (burst % 2 === 0) {
          // Through the webhook, processed by either worker, then put in the role by the lead.
          const events = Array.from({ length: BURST_SIZE }, (_, i) => ({
            id: `b${burst}-${i}`,
            kind: 'comment',
            author: { id: `customer-${burst}-${i}`, name: `Customer ${burst}/${i}` },
            text: `question ${burst}/${i}`,
            createdAt: new Date().toISOString(),
          }));
          expect((await deliver(desk, channel, JSON.stringify({ events }))).status).toBe(200);
          const ids = await eventually(
            async () => {
              const { rows } = await sql.query<{ id: string }>(`SELECT id FROM conversations WHERE channel_id = $1 AND thread_key LIKE $2`, [channel.id, `root:b${burst}-%`]);
              return rows.length === BURST_SIZE && rows.map((r) => r.id);
            },
            15_000,
            `burst ${burst} to be ingested`,
          );
          const res = await desk.http().post('/api/conversations/bulk-assignment').set(bearer(lead.token)).send({ conversationIds: ids, roleId: role, reason: 'triage' });
          expect(res.body).toEqual({ updated: BURST_SIZE });
        } else {
          await insertQueued(role, BURST_SIZE, true);
        }
        await sleep(CHURN_MS / BURSTS);
      }
    })();
    await arrivals;
    running = false;
    await Promise.all([sampler, resolver, ...churn]);
    expect(samples).toBeGreaterThan(50);
    expect(maxHeld).toBeLessThanOrEqual(CAPACITY);

    // Everyone online: within a few seconds every free place is taken, and what cannot be taken waits.
    const allOnlineAt = Date.now();
    await Promise.all(agents.map(goOnline));
    const total = async () => {
      const { held, queued } = await loads(role);
      return { assigned: [...held.values()].reduce((a, b) => a + b, 0), queued };
    };
    const { assigned, queued } = await total();
    const open = assigned + queued;
    const expected = { assigned: Math.min(open, AGENTS * CAPACITY), queued: Math.max(0, open - AGENTS * CAPACITY) };
    await eventually(async () => JSON.stringify(await total()) === JSON.stringify(expected), 5_000, `the queue to drain to ${JSON.stringify(expected)}`);
    expect(Date.now() - allOnlineAt).toBeLessThan(5_000);
    const { held } = await loads(role);
    expect(Math.max(...held.values())).toBeLessThanOrEqual(CAPACITY);
    if (expected.queued > 0) expect(agents.map((a) => held.get(a.id))).toEqual(agents.map(() => CAPACITY));

    // Capacity freed all at once is refilled at once.
    if (expected.queued >= AGENTS) {
      await sql.query(
        `UPDATE conversations SET status = 'resolved' WHERE id IN (SELECT DISTINCT ON (assignee_id) id FROM conversations WHERE role_id = $1 AND status = 'open' AND assignee_id IS NOT NULL ORDER BY assignee_id, id)`,
        [role],
      );
      await eventually(async () => (await total()).queued === expected.queued - AGENTS, 3_000, 'freed capacity to be refilled');
    }

    // History: every automatic assignment found the conversation unassigned; returns and lead changes in between.
    const { rows: lines } = await sql.query<{ conversation_id: string; type: string; actor_name: string | null; from_state: any; to_state: any }>(
      `SELECT h.conversation_id, h.type, h.actor_name, h.from_state, h.to_state FROM conversation_history h
       JOIN conversations c ON c.id = h.conversation_id WHERE c.channel_id = $1 ORDER BY h.id`,
      [channel.id],
    );
    const holder = new Map<string, string | null>();
    const twice: string[] = [];
    let autoAssigned = 0;
    let returned = 0;
    for (const line of lines) {
      const before = holder.get(line.conversation_id) ?? null;
      if (line.type === 'assigned' && line.actor_name === 'auto-assignment') {
        autoAssigned++;
        if (before !== null || line.from_state?.assigneeId !== null) twice.push(line.conversation_id);
      }
      if (line.type === 'returned') returned++;
      holder.set(line.conversation_id, line.to_state?.assigneeId ?? null);
    }
    expect(twice).toEqual([]);
    expect(autoAssigned).toBeGreaterThan(AGENTS * CAPACITY);
    const { rows: current } = await sql.query<{ id: string; assignee_id: string | null }>(`SELECT id, assignee_id FROM conversations WHERE role_id = $1`, [role]);
    for (const c of current) expect({ id: c.id, assignee: holder.get(c.id) ?? null }).toEqual({ id: c.id, assignee: c.assignee_id });
    const { rows: events } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'conversation.assigned' AND payload->'by'->>'name' = 'auto-assignment' AND workspace_id = $1`,
      [workspaceId],
    );
    expect(events[0]!.n).toBe(autoAssigned);
    // Agents offline past the grace period had their conversations returned, and those were handed out again.
    expect(returned).toBeGreaterThan(0);
  });

  it('round robin is fair within one conversation per agent when capacity allows', async () => {
    await Promise.all(agents.map(goOnline));
    const role = await createRole('Fair');
    expect((await desk.http().put(`/api/roles/${role}/members`).set(bearer(lead.token)).send({ members: agents.map((a) => ({ userId: a.id })) })).status).toBe(200);
    let total = 0;
    for (const size of [7, 31, 1, 40, 3, 24]) {
      await insertQueued(role, size);
      total += size;
      // Bursts land while the previous ones are still being handed out by either worker.
      await sleep(between(0, 150));
    }
    await eventually(async () => (await loads(role)).queued === 0, 10_000, 'the fair queue to drain');
    const { held } = await loads(role);
    const counts = agents.map((a) => held.get(a.id) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});
