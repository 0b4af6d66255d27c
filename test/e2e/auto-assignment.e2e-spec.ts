import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { bearer, type Member } from '../support/http';
import { createChannel, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

jest.setTimeout(60_000);

const OFFLINE_GRACE_MS = 1500;

type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** Automatic assignment within a role: who is eligible, in what order, and how the queue drains. */
describe('automatic assignment', () => {
  let desk: TestDesk;
  let sql: Client;
  let admin: string;
  let workspaceId: string;
  let lead: Member;
  let channel: TestChannel;
  const clients: LiveClient[] = [];

  const agent = () => createMember(desk, admin, 'agent');
  const online = async (m: Member) => {
    const client = await connected(desk.url, { token: m.token });
    clients.push(client);
    return client;
  };
  const createRole = async (name: string, assignment = 'round_robin') => {
    const res = await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name: `${name} ${randomUUID().slice(0, 6)}`, assignment });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const setMembers = async (roleId: string, members: Array<{ userId: string; capacity?: number | null }>) =>
    expect((await desk.http().put(`/api/roles/${roleId}/members`).set(bearer(lead.token)).send({ members })).status).toBe(200);

  /** Conversations straight into the table, into a role's queue (the triggers wake the assigner as ingestion would). */
  async function enqueue(roleId: string | null, n: number, fields: { priority?: Priority; waitingSecondsAgo?: number | null; assigneeId?: string } = {}): Promise<string[]> {
    const key = randomUUID();
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, waiting_since, priority, role_id, assignee_id)
       SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now() - make_interval(secs => 10000 - g),
              CASE WHEN $6::double precision IS NULL THEN NULL ELSE now() - make_interval(secs => $6::double precision) END, $7, $5, $8
       FROM generate_series(1, $4::int) AS g ORDER BY g RETURNING id`,
      [workspaceId, channel.id, key, n, roleId, fields.waitingSecondsAgo === undefined ? 60 : fields.waitingSecondsAgo, fields.priority ?? 'normal', fields.assigneeId ?? null],
    );
    return rows.map((r) => r.id);
  }
  const holders = async (ids: string[]) => {
    const { rows } = await sql.query<{ id: string; assignee_id: string | null }>(`SELECT id, assignee_id FROM conversations WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.assignee_id]));
  };
  /** Open conversations of the role per assignee (null: queued). */
  const loads = async (roleId: string) => {
    const { rows } = await sql.query<{ assignee_id: string | null; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM conversations WHERE role_id = $1 AND status = 'open' GROUP BY assignee_id`,
      [roleId],
    );
    return Object.fromEntries(rows.map((r) => [r.assignee_id ?? 'queued', r.n])) as Record<string, number>;
  };
  const queued = async (roleId: string) => (await loads(roleId)).queued ?? 0;
  const history = async (conversationId: string) =>
    (
      await sql.query(
        `SELECT type, actor_type, actor_id, actor_name, reason, from_state, to_state FROM conversation_history WHERE conversation_id = $1 ORDER BY id`,
        [conversationId],
      )
    ).rows as Array<Record<string, any>>;
  /** Lets the assigner run (a NOTIFY, a poll, the sweep) and confirms the state did not change meanwhile. */
  const stays = async <T>(read: () => Promise<T>, ms = 1500) => {
    const before = await read();
    await new Promise((r) => setTimeout(r, ms));
    expect(await read()).toEqual(before);
    return before;
  };

  beforeAll(async () => {
    desk = await startTestDesk({ PRESENCE_GRACE_MS: '300', ASSIGNEE_OFFLINE_GRACE_MS: String(OFFLINE_GRACE_MS), WORKER_POLL_MS: '100' });
    sql = new Client({ connectionString: desk.db.url });
    await sql.connect();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId;
    lead = await createMember(desk, admin, 'lead');
    channel = await createChannel(desk, admin, 'api');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sql?.end();
    await desk?.shutdown();
  });

  it('round robin deals evenly to online members; offline and away members get nothing; each assignment is in the history and pushed live', async () => {
    const [a, b, c, never, away] = await Promise.all([agent(), agent(), agent(), agent(), agent()]);
    const role = await createRole('Care');
    await setMembers(role, [a, b, c, never, away].map((m) => ({ userId: m.id })));
    const liveA = await online(a);
    await online(b);
    await online(c);
    const awayClient = await online(away);
    expect(await awayClient.emitAck('presence.set', { status: 'away' })).toEqual({ ok: true });

    const ids = await enqueue(role, 9);
    await eventually(async () => (await queued(role)) === 0, 10_000, 'the queue to drain');
    expect(await loads(role)).toEqual({ [a.id]: 3, [b.id]: 3, [c.id]: 3 });

    const [first] = ids;
    const holder = (await holders([first!])).get(first!)!;
    expect(await history(first!)).toEqual([
      {
        type: 'assigned',
        actor_type: 'system',
        actor_id: null,
        actor_name: 'auto-assignment',
        reason: 'round_robin: online and under capacity',
        from_state: { roleId: role, assigneeId: null },
        to_state: { roleId: role, assigneeId: holder },
      },
    ]);
    const api = await desk.http().get(`/api/conversations/${first}/history`).set(bearer(lead.token));
    expect(api.status).toBe(200);
    expect(api.body.items).toEqual([
      expect.objectContaining({ type: 'assigned', actor: { type: 'system', id: null, name: 'auto-assignment' }, reason: 'round_robin: online and under capacity' }),
    ]);

    const mine = [...(await holders(ids))].filter(([, h]) => h === a.id).map(([id]) => id);
    for (const id of mine) {
      const event = await liveA.waitFor((r) => r.name === 'conversation.assigned' && r.body.conversation?.id === id, 5_000, `conversation.assigned for ${id}`);
      expect(event.body).toMatchObject({
        conversation: { id, roleId: role, assigneeId: a.id },
        previous: { roleId: role, assigneeId: null },
        by: { type: 'system', id: null, name: 'auto-assignment' },
        reason: 'round_robin',
      });
    }
  });

  it('respects capacity, and drains the queue the moment a member comes online, frees capacity or gets more', async () => {
    const [a, b] = await Promise.all([agent(), agent()]);
    const role = await createRole('Capacity');
    await setMembers(role, [
      { userId: a.id, capacity: 2 },
      { userId: b.id, capacity: 2 },
    ]);
    await online(a);
    const ids = await enqueue(role, 6);
    await eventually(async () => (await loads(role))[a.id] === 2, 5_000, 'a to get two');
    expect(await stays(() => loads(role), 800)).toEqual({ [a.id]: 2, queued: 4 });

    // (a) someone comes online
    await online(b);
    await eventually(async () => (await loads(role))[b.id] === 2, 3_000, 'b to get two as soon as b is online');
    expect(await loads(role)).toEqual({ [a.id]: 2, [b.id]: 2, queued: 2 });

    // (b) an assignee resolves a conversation: capacity frees up
    const held = [...(await holders(ids))].find(([, h]) => h === a.id)![0];
    expect((await desk.http().post(`/api/conversations/${held}/status`).set(bearer(a.token)).send({ status: 'resolved' })).status).toBe(200);
    await eventually(async () => (await queued(role)) === 1, 3_000, 'the freed place to be filled');
    expect(await loads(role)).toEqual({ [a.id]: 2, [b.id]: 2, queued: 1 });

    // (c) the lead raises a capacity
    await setMembers(role, [
      { userId: a.id, capacity: 2 },
      { userId: b.id, capacity: 5 },
    ]);
    await eventually(async () => (await queued(role)) === 0, 3_000, 'the raised capacity to be used');
    expect(await loads(role)).toEqual({ [a.id]: 2, [b.id]: 3 });

    // Nobody goes over: more arrivals wait.
    await enqueue(role, 4);
    await eventually(async () => (await loads(role))[b.id] === 5, 3_000, 'b to fill up');
    expect(await stays(() => loads(role), 800)).toEqual({ [a.id]: 2, [b.id]: 5, queued: 2 });
  });

  it('least busy gives the next conversation to the member holding fewest', async () => {
    const [busy, some, idle] = await Promise.all([agent(), agent(), agent()]);
    const role = await createRole('Least busy', 'least_busy');
    await setMembers(role, [{ userId: busy.id }, { userId: some.id }, { userId: idle.id }]);
    await enqueue(role, 3, { assigneeId: busy.id });
    await enqueue(role, 1, { assigneeId: some.id });
    await Promise.all([online(busy), online(some), online(idle)]);

    const [first] = await enqueue(role, 1);
    await eventually(async () => (await holders([first!])).get(first!) !== null, 5_000, 'the first to be assigned');
    expect((await holders([first!])).get(first!)).toBe(idle.id);

    const more = await enqueue(role, 3);
    await eventually(async () => (await queued(role)) === 0, 5_000, 'the queue to drain');
    const got = [...(await holders(more)).values()];
    expect(got.filter((h) => h === busy.id)).toHaveLength(0);
    expect(await loads(role)).toEqual({ [busy.id]: 3, [some.id]: 3, [idle.id]: 2 });
    expect((await history(first!))[0]).toMatchObject({ actor_name: 'auto-assignment', reason: 'least_busy: online and under capacity' });
  });

  it('never assigns under the manual strategy; switching the role to round robin hands the queue out', async () => {
    const a = await agent();
    const role = await createRole('Manual', 'manual');
    await setMembers(role, [{ userId: a.id }]);
    await online(a);
    const ids = await enqueue(role, 3);
    expect(await stays(() => loads(role))).toEqual({ queued: 3 });

    expect((await desk.http().patch(`/api/roles/${role}`).set(bearer(lead.token)).send({ assignment: 'round_robin' })).status).toBe(200);
    await eventually(async () => (await queued(role)) === 0, 5_000, 'the queue to drain after the switch');
    expect([...(await holders(ids)).values()]).toEqual([a.id, a.id, a.id]);
  });

  it('hands out the most urgent first, then the one waiting longest', async () => {
    const a = await agent();
    const role = await createRole('Order');
    await setMembers(role, [{ userId: a.id, capacity: 0 }]);
    await online(a);
    const [lowOld] = await enqueue(role, 1, { priority: 'low', waitingSecondsAgo: 5000 });
    const [normalNew] = await enqueue(role, 1, { waitingSecondsAgo: 10 });
    const [normalOld] = await enqueue(role, 1, { waitingSecondsAgo: 900 });
    const [notWaiting] = await enqueue(role, 1, { waitingSecondsAgo: null });
    const [urgent] = await enqueue(role, 1, { priority: 'urgent', waitingSecondsAgo: 1 });
    const [high] = await enqueue(role, 1, { priority: 'high', waitingSecondsAgo: 5 });
    expect(await stays(() => loads(role), 500)).toEqual({ queued: 6 });

    await setMembers(role, [{ userId: a.id, capacity: 3 }]);
    await eventually(async () => (await loads(role))[a.id] === 3, 5_000, 'three to be handed out');
    const holding = await holders([lowOld!, normalNew!, normalOld!, notWaiting!, urgent!, high!]);
    expect([urgent, high, normalOld].map((id) => holding.get(id!))).toEqual([a.id, a.id, a.id]);
    expect([normalNew, notWaiting, lowOld].map((id) => holding.get(id!))).toEqual([null, null, null]);
    // ...and in that order.
    const { rows } = await sql.query(`SELECT conversation_id FROM conversation_history WHERE conversation_id = ANY($1::uuid[]) AND type = 'assigned' ORDER BY id`, [
      [urgent, high, normalOld],
    ]);
    expect(rows.map((r) => r.conversation_id)).toEqual([urgent, high, normalOld]);

    await setMembers(role, [{ userId: a.id, capacity: 5 }]);
    await eventually(async () => (await loads(role))[a.id] === 5, 5_000, 'two more');
    expect((await holders([normalNew!, notWaiting!, lowOld!])).get(lowOld!)).toBeNull();
  });

  it('waits while the role is outside its working hours', async () => {
    const a = await agent();
    const role = await createRole('Hours');
    await setMembers(role, [{ userId: a.id }]);
    await online(a);
    const calendar = async (weekly: unknown[]) =>
      (
        await sql.query<{ id: string }>(`INSERT INTO business_hours (workspace_id, name, timezone, weekly) VALUES ($1, $2, 'Europe/Rome', $3::jsonb) RETURNING id`, [
          workspaceId,
          `hours ${randomUUID().slice(0, 6)}`,
          JSON.stringify(weekly),
        ])
      ).rows[0]!.id;
    const closed = await calendar([]);
    const always = await calendar([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })));
    await sql.query(`UPDATE roles SET business_hours_id = $2 WHERE id = $1`, [role, closed]);

    const ids = await enqueue(role, 2);
    expect(await stays(() => loads(role))).toEqual({ queued: 2 });

    await sql.query(`UPDATE roles SET business_hours_id = $2 WHERE id = $1`, [role, always]);
    await eventually(async () => (await queued(role)) === 0, 5_000, 'the queue to drain once open');
    expect([...(await holders(ids)).values()]).toEqual([a.id, a.id]);
  });

  it('returns the conversations of an assignee offline longer than the grace period, and the queue hands them to who is online', async () => {
    const [leaving, staying] = await Promise.all([agent(), agent()]);
    const role = await createRole('Offline');
    await setMembers(role, [{ userId: leaving.id }, { userId: staying.id, capacity: 0 }]);
    const connection = await online(leaving);
    await online(staying);
    const ids = await enqueue(role, 2);
    await eventually(async () => (await loads(role))[leaving.id] === 2, 5_000, 'leaving to get both');
    // Held outside any role: nothing to return it to.
    const [roleless] = await enqueue(null, 1, { assigneeId: leaving.id });

    connection.close();
    await eventually(
      async () => (await sql.query(`SELECT status FROM user_presence WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, leaving.id])).rows[0]?.status === 'offline',
      5_000,
      'leaving to turn offline',
    );
    const offlineAt = Date.now();
    // A lead assigning to someone already offline means it: that one stays.
    const deliberate = (await enqueue(null, 1))[0]!;
    expect((await desk.http().post(`/api/conversations/${deliberate}/assignment`).set(bearer(lead.token)).send({ roleId: role, assigneeId: leaving.id })).status).toBe(200);

    await eventually(async () => (await loads(role)).queued === 2, 10_000, 'the two to return to the queue');
    expect(Date.now() - offlineAt).toBeGreaterThanOrEqual(OFFLINE_GRACE_MS - 200);
    for (const id of ids) {
      const lines = await history(id);
      expect(lines.map((l) => l.type)).toEqual(['assigned', 'returned']);
      expect(lines[1]).toEqual({
        type: 'returned',
        actor_type: 'system',
        actor_id: null,
        actor_name: 'presence',
        reason: 'assignee offline for more than 1.5 s',
        from_state: { roleId: role, assigneeId: leaving.id },
        to_state: { roleId: role, assigneeId: null },
      });
    }
    const { rows: events } = await sql.query(
      `SELECT payload FROM domain_events WHERE type = 'conversation.assigned' AND conversation_id = $1 AND payload->'by'->>'name' = 'presence'`,
      [ids[0]],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ previous: { roleId: role, assigneeId: leaving.id }, conversation: { assigneeId: null }, reason: 'assignee offline for more than 1.5 s' });

    // The queue drains to whoever can take them, as soon as they can.
    await setMembers(role, [{ userId: leaving.id }, { userId: staying.id }]);
    await eventually(async () => (await loads(role))[staying.id] === 2, 5_000, 'staying to get the returned two');
    expect((await holders([deliberate, roleless!])).get(deliberate)).toBe(leaving.id);
    expect((await holders([roleless!])).get(roleless!)).toBe(leaving.id);
  });
});
