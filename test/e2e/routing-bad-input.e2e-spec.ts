import { randomUUID } from 'node:crypto';
import { bearer, NO_SUCH, startTaskForce, type TaskForce } from '../support/http';
import { createChannel, type TestChannel } from '../support/inbox';

type Method = 'post' | 'put' | 'patch' | 'get';

/**
 * Every route of the task force, the map, the voice and working hours, fed bodies of the wrong shape: each answer
 * is a 4xx with a stable code (never a 5xx, never a stack trace), and nothing is stored.
 */
describe('bad input on the routing, voice and working-hours routes', () => {
  let tf: TaskForce;
  let channel: TestChannel;
  let role: string;
  let conversation: string;

  const BODIES: unknown[] = [
    null,
    [],
    'text',
    42,
    {},
    { rules: 'all' },
    { defaultRoleId: 'not-a-uuid', rules: [{}] },
    { rules: [{ name: 'x', when: { keywords: [null, 3, ''] }, then: { roleId: NO_SUCH, priority: 'asap' } }] },
    { name: 'a'.repeat(20_000), text: 'b'.repeat(20_000) },
    { name: 'nul\u0000', text: 'nul\u0000', weekly: [{ day: 8, from: '25:00', to: 'x' }], timezone: 'Mars/Olympus' },
    { weekly: 'always', holidays: ['2026-02-30', 7] },
    { blockTerms: 'idiot', warnTerms: [[]], approvalTopics: [{ name: '', terms: 'x' }] },
    { channelType: 'myspace', kind: 'post', text: 7, followers: -1 },
    { acceptanceSeconds: -5, businessHoursId: 'nope', assignment: 'random' },
    { priority: 'critical' },
    { conversationId: 'nope' },
    { reason: { nested: { deeper: [1, 2, 3] } } },
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  ];

  /** Bodies that read as `{}` once the prototype keys are dropped: a valid request where every field is optional. */
  const EMPTY = new Set([4, BODIES.length - 1]);
  /** Routes on which `{}` is a valid request (a PATCH changing nothing, a policy with every list empty). */
  const emptyIsValid = new Set([`patch /api/roles/`, `put /api/reply-policy`]);

  const routes = (): Array<[Method, string]> => [
    ['put', '/api/responsibility-map'],
    ['post', '/api/responsibility-map/dry-run'],
    ['get', '/api/responsibility-map/versions/abc'],
    ['get', '/api/responsibility-map/versions/99999999999'],
    ['post', '/api/roles'],
    ['patch', `/api/roles/${role}`],
    ['put', `/api/roles/${role}/members`],
    ['get', `/api/roles/${role}/queue?limit=-1`],
    ['post', '/api/business-hours'],
    ['patch', `/api/business-hours/${NO_SUCH}`],
    ['post', '/api/canned-responses'],
    ['patch', `/api/canned-responses/${NO_SUCH}`],
    ['post', `/api/canned-responses/${NO_SUCH}/render`],
    ['put', '/api/reply-policy'],
    ['post', `/api/conversations/${conversation}/replies/check`],
    ['post', `/api/conversations/${conversation}/replies/${NO_SUCH}/approve`],
    ['post', `/api/conversations/${conversation}/replies/${NO_SUCH}/reject`],
    ['post', `/api/conversations/${conversation}/priority`],
    ['post', `/api/conversations/${conversation}/assignment`],
    ['post', '/api/conversations/bulk-assignment'],
    ['get', '/api/conversations/not-a-uuid/history'],
  ];

  const counts = async () =>
    (
      await tf.sql.query(
        `SELECT (SELECT count(*) FROM responsibility_maps) AS maps, (SELECT count(*) FROM roles) AS roles,
           (SELECT count(*) FROM business_hours) AS hours, (SELECT count(*) FROM canned_responses) AS canned,
           (SELECT count(*) FROM reply_policies) AS policies, (SELECT count(*) FROM conversation_history) AS history,
           (SELECT count(*) FROM messages) AS messages, (SELECT version FROM conversations WHERE id = $1) AS version`,
        [conversation],
      )
    ).rows[0];

  beforeAll(async () => {
    tf = await startTaskForce();
    channel = await createChannel(tf.desk, tf.admin, 'api');
    role = (await tf.desk.http().post('/api/roles').set(bearer(tf.lead.token)).send({ name: 'Care', assignment: 'manual' })).body.id;
    conversation = (
      await tf.sql.query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, role_id)
         VALUES ($1, $2, 'api', 'comment', $3, $3, now(), $4) RETURNING id`,
        [tf.workspaceId, channel.id, randomUUID(), role],
      )
    ).rows[0]!.id;
  });
  afterAll(async () => {
    await tf.sql.end();
    await tf.desk.shutdown();
  });

  it('answers every malformed body with a coded 4xx and stores nothing', async () => {
    const before = { ...(await counts()), policies: '1' };
    // The one policy row exists from here on (an empty PUT is valid); what must not change is what comes after.
    expect((await tf.desk.http().put('/api/reply-policy').set(bearer(tf.admin)).send({})).status).toBe(200);
    const failures: string[] = [];
    for (const [method, path] of routes()) {
      const bodies = method === 'get' ? [undefined] : BODIES.filter((_, i) => !(EMPTY.has(i) && [...emptyIsValid].some((r) => `${method} ${path}`.startsWith(r))));
      for (const body of bodies) {
        // Sent as raw JSON, so that null, arrays and scalars reach the desk exactly as written.
        let req = tf.desk.http()[method](path).set(bearer(tf.admin));
        if (body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(body));
        const res = await req;
        const ok = res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string' && !JSON.stringify(res.body).includes('    at ');
        if (!ok) failures.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
