import { bearer, expectCode, messages } from '../support/http';
import { createChannel, TestChannel } from '../support/inbox';
import { createRole, insertConversation, setRoleMembers, type Placement } from '../support/routing';
import { admin, agent, agent2, desk, lead, sql, useTaskForce, workspaceId } from '../support/task-force';

/**
 * Optimistic versioning: every conversation carries `version` (and the ETag "<version>"); a client sending it back
 * as If-Match on status, tags or assignment gets 409 VERSION_CONFLICT when someone changed the conversation first.
 */
describe('optimistic versioning of conversation edits', () => {
  useTaskForce();
  let channel: TestChannel;
  let care: string;
  let sales: string;

  const get = (token: string, id: string) => desk.http().get(`/api/conversations/${id}`).set(bearer(token));
  const status = (token: string, id: string, body: Record<string, unknown>, ifMatch?: string) => {
    const req = desk.http().post(`/api/conversations/${id}/status`).set(bearer(token));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
  };
  const tags = (token: string, id: string, list: string[], ifMatch?: string) => {
    const req = desk.http().put(`/api/conversations/${id}/tags`).set(bearer(token));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send({ tags: list });
  };
  const assign = (token: string, id: string, body: Record<string, unknown>, ifMatch?: string) => {
    const req = desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(token));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
  };
  const one = (fields: Placement = {}) => insertConversation(sql, workspaceId, channel.id, fields);
  const stored = async (id: string) =>
    (await sql.query(`SELECT version, status, tags, role_id, assignee_id FROM conversations WHERE id = $1`, [id])).rows[0] as {
      version: number;
      status: string;
      tags: string[];
      role_id: string | null;
      assignee_id: string | null;
    };

  beforeAll(async () => {
    channel = await createChannel(desk, admin, 'api');
    care = await createRole(desk, lead.token, { name: 'Customer care', assignment: 'manual' });
    sales = await createRole(desk, lead.token, { name: 'Sales', assignment: 'manual' });
    await setRoleMembers(desk, lead.token, care, [agent.id, agent2.id]);
  });

  it('answers the version as ETag on reads and writes; every edit moves it on', async () => {
    const id = await one({ roleId: care });
    const read = await get(lead.token, id);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    expect(read.headers.etag).toBe('"1"');
    const resolved = await status(lead.token, id, { status: 'resolved' }, '"1"');
    expect(resolved.status).toBe(200);
    expect(resolved.body.version).toBe(2);
    expect(resolved.headers.etag).toBe('"2"');
    const tagged = await tags(lead.token, id, ['vip'], '2');
    expect(tagged.status).toBe(200);
    expect(tagged.headers.etag).toBe('"3"');
    const assigned = await assign(lead.token, id, { assigneeId: agent.id }, 'W/"3"');
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ version: 4, assigneeId: agent.id });
    expect(assigned.headers.etag).toBe('"4"');
    // A note or a no-op assignment changes nothing that If-Match guards.
    expect((await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(lead.token)).send({ text: 'fyi' })).status).toBe(201);
    expect((await assign(lead.token, id, { assigneeId: agent.id }, '"4"')).body.version).toBe(4);
    expect((await stored(id)).version).toBe(4);
  });

  it('refuses a stale version with 409 VERSION_CONFLICT, changing nothing', async () => {
    const id = await one({ roleId: care });
    expect((await tags(lead.token, id, ['first'], '"1"')).status).toBe(200);
    const stale = await status(lead.token, id, { status: 'pending' }, '"1"');
    expectCode(stale, 409, 'VERSION_CONFLICT');
    expect(messages(stale)[0]).toContain('version 2');
    expectCode(await tags(lead.token, id, ['second'], '"1"'), 409, 'VERSION_CONFLICT');
    expectCode(await assign(lead.token, id, { assigneeId: agent.id }, '"1"'), 409, 'VERSION_CONFLICT');
    expectCode(await assign(agent.token, id, { assigneeId: agent.id }, '"1"'), 409, 'VERSION_CONFLICT');
    expect(await stored(id)).toMatchObject({ version: 2, status: 'open', tags: ['first'], assignee_id: null });
    // Without If-Match an edit is unconditional, as before.
    expect((await status(lead.token, id, { status: 'pending' })).status).toBe(200);
  });

  it('refuses a malformed If-Match with 400 VALIDATION_FAILED; * means any version', async () => {
    const id = await one({ roleId: care });
    for (const bad of ['abc', '"1', '"1", "2"', '-1', '""']) {
      const res = await status(lead.token, id, { status: 'pending' }, bad);
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res).join(' ')).toContain('If-Match');
      expectCode(await assign(lead.token, id, { assigneeId: agent.id }, bad), 400, 'VALIDATION_FAILED');
      expectCode(await tags(lead.token, id, ['x'], bad), 400, 'VALIDATION_FAILED');
    }
    expect((await stored(id)).version).toBe(1);
    expect((await status(lead.token, id, { status: 'pending' }, '*')).status).toBe(200);
  });

  it('a stale version does not reveal a conversation the agent may not read (404 first)', async () => {
    const id = await one({ roleId: sales });
    expectCode(await assign(agent.token, id, { assigneeId: agent.id }, '"7"'), 404, 'CONVERSATION_NOT_FOUND');
    expectCode(await status(agent.token, id, { status: 'resolved' }, '"7"'), 404, 'CONVERSATION_NOT_FOUND');
  });

  it('never answers 304 for a copy that lacks newer messages: the ETag guards edits, not the messages', async () => {
    const id = await one({ roleId: care });
    const first = await get(lead.token, id);
    expect((await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(lead.token)).send({ text: 'new' })).status).toBe(201);
    const again = await get(lead.token, id).set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body.messages).toHaveLength(1);
    expect(again.headers['cache-control']).toBe('no-store');
  });

  describe('two clients editing the same version at once', () => {
    const rounds = 5;

    it('status against status: exactly one 200 and one 409, no lost update', async () => {
      for (let i = 0; i < rounds; i++) {
        const id = await one({ roleId: care });
        const v = (await get(lead.token, id)).headers.etag!;
        const [a, b] = await Promise.all([status(lead.token, id, { status: 'pending' }, v), status(admin, id, { status: 'resolved' }, v)]);
        expect([a!.status, b!.status].sort()).toEqual([200, 409]);
        const winner = a!.status === 200 ? 'pending' : 'resolved';
        expect((a!.status === 200 ? b! : a!).body.code).toBe('VERSION_CONFLICT');
        expect(await stored(id)).toMatchObject({ version: 2, status: winner });
      }
    });

    it('tags against tags: the loser reloads, retries with the new version, and both edits survive', async () => {
      for (let i = 0; i < rounds; i++) {
        const id = await one({ roleId: care });
        const read = await get(lead.token, id);
        const v = read.headers.etag!;
        const edit = (token: string, tag: string, ifMatch: string, base: string[]) => tags(token, id, [...base, tag], ifMatch);
        const [a, b] = await Promise.all([edit(lead.token, 'billing', v, read.body.tags), edit(agent.token, 'refund', v, read.body.tags)]);
        expect([a!.status, b!.status].sort()).toEqual([200, 409]);
        const [loserToken, loserTag] = a!.status === 409 ? [lead.token, 'billing'] : [agent.token, 'refund'];
        const fresh = await get(loserToken, id);
        expect((await edit(loserToken, loserTag, fresh.headers.etag!, fresh.body.tags)).status).toBe(200);
        expect(await stored(id)).toMatchObject({ version: 3, tags: ['billing', 'refund'] });
      }
    });

    it('assignment against assignment, and against a status change: one wins, the other gets 409', async () => {
      for (let i = 0; i < rounds; i++) {
        const id = await one({ roleId: care });
        const v = (await get(lead.token, id)).headers.etag!;
        const [a, b] = await Promise.all([assign(lead.token, id, { assigneeId: agent.id }, v), assign(admin, id, { roleId: sales }, v)]);
        expect([a!.status, b!.status].sort()).toEqual([200, 409]);
        const won = a!.status === 200 ? { role_id: care, assignee_id: agent.id } : { role_id: sales, assignee_id: null };
        expect(await stored(id)).toMatchObject({ version: 2, ...won });
        const events = await sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'conversation.assigned' AND conversation_id = $1`, [id]);
        expect(events.rows[0].n).toBe(1);
        const lines = await sql.query(`SELECT count(*)::int AS n FROM conversation_history WHERE conversation_id = $1`, [id]);
        expect(lines.rows[0].n).toBe(1);

        const id2 = await one({ roleId: care });
        const v2 = (await get(lead.token, id2)).headers.etag!;
        const [c, d] = await Promise.all([assign(agent2.token, id2, { assigneeId: agent2.id }, v2), status(lead.token, id2, { status: 'resolved' }, v2)]);
        expect([c!.status, d!.status].sort()).toEqual([200, 409]);
        expect((await stored(id2)).version).toBe(2);
      }
    });
  });
});
