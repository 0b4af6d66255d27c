import { createMember } from '../support/desk';
import { bearer, startTaskForce, type TaskForce } from '../support/http';
import { createChannel, deliver, settled, type TestChannel } from '../support/inbox';
import { answerProblem, excerpt, Failures, inPool, send } from '../support/fuzz/answers';
import { apiCase, examplePath } from '../support/fuzz/api-cases';
import { exampleRoutes, servedRoutes, type Ids } from '../support/fuzz/api-routes';
import { partialRows, processorSettled } from '../support/fuzz/integrity';
import { fuzzSeed, replayHint, Rng } from '../support/fuzz/random';

/** Requests per run; FUZZ_API changes it. */
const REQUESTS = Number(process.env.FUZZ_API ?? 2400);
const CONCURRENCY = 12;
const SEED = fuzzSeed();
const REPLAY = replayHint(SEED, 'test/e2e/fuzz-api.e2e-spec.ts');
/** Served, and fuzzed by fuzz-webhooks.e2e-spec.ts with the platforms' own formats. */
const FUZZED_ELSEWHERE = ['GET /webhooks/:channelId', 'POST /webhooks/:channelId'];
const HASHING = ['POST /api/auth/login', 'POST /api/users', 'PATCH /api/users/:id'];
/** Routes whose valid example cannot succeed here: approving or rejecting needs a held reply, which the map never makes. */
const NEVER_2XX = ['POST /api/conversations/:id/replies/:messageId/approve', 'POST /api/conversations/:id/replies/:messageId/reject'];

/**
 * Every API route, called thousands of times as admin and as the other access levels, with mutated bodies, query
 * strings, path parameters and headers derived from a valid request of each: no 5xx, every error a coded 4xx without
 * internals, no partial rows, and the desk still answers.
 */
describe(`API fuzzing (seed ${SEED})`, () => {
  let tf: TaskForce;
  let ids: Ids;
  let channel: TestChannel;
  const post = async (path: string, body: unknown): Promise<string> => {
    const res = await tf.desk.http().post(path).set(bearer(tf.admin)).send(body as object);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  let made = 0;
  const victims = {
    role: () => post('/api/roles', { name: `Victim ${++made}` }),
    channel: async () => (await createChannel(tf.desk, tf.admin, 'api', { secret: 'victim' })).id,
    canned: () => post('/api/canned-responses', { name: `Victim ${++made}`, text: 'bye' }),
    hours: () => post('/api/business-hours', { name: `Victim ${++made}`, timezone: 'UTC', weekly: [{ day: 2, from: '08:00', to: '12:00' }] }),
    policy: () => post('/api/sla-policies', { name: `Victim ${++made}`, firstResponseSeconds: 60 }),
  };

  beforeAll(async () => {
    tf = await startTaskForce({ env: { WORKER_POLL_MS: '50', RETRY_BASE_MS: '50', RETRY_MAX_ATTEMPTS: '3' } });
    channel = await createChannel(tf.desk, tf.admin, 'api');
    for (const [i, text] of ['Il mio ordine non è arrivato', 'Voglio un rimborso', 'Grazie mille'].entries()) {
      expect((await deliver(tf.desk, channel, JSON.stringify({ id: `seed-${i}`, kind: 'comment', author: { id: `customer-${i}`, name: `Customer ${i}` }, text }))).status).toBe(200);
    }
    expect(await settled(tf.desk, tf.admin, channel.id)).toEqual([]);
    const first = (await tf.sql.query(`SELECT m.id AS message_id, m.conversation_id, c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.external_id = 'seed-0'`)).rows[0];
    const other = (await tf.sql.query(`SELECT c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.external_id = 'seed-1'`)).rows[0];
    const event = (await tf.sql.query(`SELECT id FROM webhook_events WHERE channel_id = $1 LIMIT 1`, [channel.id])).rows[0];
    const roleId = await post('/api/roles', { name: 'Care' });
    const businessHoursId = await post('/api/business-hours', { name: 'Office', timezone: 'Europe/Rome', weekly: [{ day: 1, from: '09:00', to: '18:00' }] });
    ids = {
      workspaceId: tf.workspaceId,
      channelId: channel.id,
      eventId: event.id,
      conversationId: first.conversation_id,
      messageId: first.message_id,
      contactId: first.contact_id,
      otherContactId: other.contact_id,
      roleId,
      otherRoleId: await post('/api/roles', { name: 'Escalations' }),
      userId: (await createMember(tf.desk, tf.admin, 'agent')).id,
      agentId: tf.agent.id,
      cannedId: await post('/api/canned-responses', { name: 'Thanks', text: 'Grazie {{contact.firstName}}' }),
      businessHoursId,
      slaPolicyId: await post('/api/sla-policies', { name: 'Default', firstResponseSeconds: 900, businessHoursId }),
    };
    expect((await tf.desk.http().put('/api/responsibility-map').set(bearer(tf.admin)).send({ defaultRoleId: roleId, rules: [] })).status).toBe(200);
    expect((await tf.desk.http().put(`/api/roles/${roleId}/members`).set(bearer(tf.admin)).send({ members: [{ userId: tf.agent.id }] })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await tf?.sql.end();
    await tf?.desk.shutdown();
  });

  it('has a valid example, and fuzzing, for every route the app serves', () => {
    const table = Object.keys(exampleRoutes(ids, victims));
    expect(servedRoutes(tf.desk)).toEqual([...table, ...FUZZED_ELSEWHERE].sort());
  });

  it(`answers about ${REQUESTS} malformed requests with a coded 4xx or a success, never a 5xx`, async () => {
    const rng = new Rng(SEED);
    const routes = Object.keys(exampleRoutes(ids, victims)).sort();
    const callers: Array<readonly [number, string | undefined]> = [
      [70, tf.admin],
      [10, tf.lead.token],
      [10, tf.agent.token],
      [5, tf.supervisor.token],
      [3, undefined],
      [2, 'not.a.token'],
    ];
    // Every route an equal share, but those that hash a password (argon2id, ~0.2 s of CPU each) a quarter of it.
    const share = (route: string) => (HASHING.includes(route) ? 0.25 : 1);
    const unit = REQUESTS / routes.reduce((sum, r) => sum + share(r), 0);
    const schedule = routes.flatMap((r) => Array.from({ length: Math.max(1, Math.round(unit * share(r))) }, () => r));
    for (let i = schedule.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
    }
    const failures = new Failures();
    const succeeded = new Set<string>();
    // First each route's valid example as admin: it must succeed, so that the mutations start from a real request.
    await inPool(routes, CONCURRENCY, async (route) => {
      const { method, path } = await examplePath(route, exampleRoutes(ids, victims)[route]!);
      const body = method === 'GET' ? undefined : JSON.stringify(exampleRoutes(ids, victims)[route]!.body ?? {});
      const answer = await send(`${tf.desk.url}${path}`, { method, headers: { 'content-type': 'application/json', ...bearer(tf.admin) }, body });
      if (answer.status < 300) succeeded.add(route);
      else if (!NEVER_2XX.includes(route)) failures.add(`the example of ${route} is refused: ${answer.status} ${excerpt(answer.text, 300)}`);
    });
    await inPool(schedule, CONCURRENCY, async (route, i) => {
      const caseRng = rng.fork(i);
      const c = await apiCase(caseRng, route, exampleRoutes(ids, victims)[route]!);
      const token = caseRng.weighted(callers);
      const answer = await send(`${tf.desk.url}${c.path}`, { method: c.method, headers: { ...c.headers, ...(token ? bearer(token) : {}) }, body: c.body });
      const problem = answerProblem(answer);
      if (problem) failures.add(`case ${i} (${c.kind}) ${c.method} ${c.path.slice(0, 200)}: ${problem}: ${excerpt(answer.text, 300)} for body ${excerpt(c.body)}`);
    });
    expect({ seed: SEED, replay: REPLAY, failed: failures.total, failures: failures.list }).toEqual({ seed: SEED, replay: REPLAY, failed: 0, failures: [] });
    expect(routes.filter((r) => !succeeded.has(r) && !NEVER_2XX.includes(r))).toEqual([]);
  }, 120_000);

  it('answers a null, an empty object and an empty list in place of each field of every body with a 4xx or a success', async () => {
    const failures = new Failures();
    const table = exampleRoutes(ids, victims);
    const cases = Object.entries(table).flatMap(([route, example]) => {
      const body = example.body;
      if (typeof body !== 'object' || body === null) return [];
      return Object.keys(body).flatMap((key) => [null, {}, []].map((value) => ({ route, example, body: { ...body, [key]: value } })));
    });
    await inPool(cases, CONCURRENCY, async ({ route, example, body }) => {
      const { method, path } = await examplePath(route, example);
      const answer = await send(`${tf.desk.url}${path}`, { method, headers: { 'content-type': 'application/json', ...bearer(tf.admin) }, body: JSON.stringify(body) });
      const problem = answerProblem(answer);
      if (problem) failures.add(`${route} ${JSON.stringify(body).slice(0, 200)}: ${problem}: ${excerpt(answer.text, 200)}`);
    });
    expect({ requests: cases.length, failures: failures.list }).toEqual({ requests: cases.length, failures: [] });
  }, 60_000);

  it('refuses an unpaired UTF-16 surrogate in any field with 400 naming it (it once crashed the sign-in)', async () => {
    const raw = (path: string, json: string) => send(`${tf.desk.url}${path}`, { method: path.includes('policy') ? 'PUT' : 'POST', headers: { 'content-type': 'application/json', ...bearer(tf.admin) }, body: json });
    for (const [path, json, field] of [
      ['/api/auth/login', '{"email":"admin@test.e\\ud83dxample","password":"admin-password-1"}', 'email'],
      ['/api/reply-policy', '{"blockTerms":["\\udfff\\ud800"]}', 'blockTerms'],
      ['/api/roles', '{"name":"Care","\\ud800":1}', '\ufffd'],
    ] as const) {
      const answer = await raw(path, json);
      expect({ path, status: answer.status, code: JSON.parse(answer.text).code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.parse(answer.text).message).toEqual([expect.stringMatching(new RegExp(`^${field}.* unpaired UTF-16 surrogate$`))]);
    }
  });

  it('leaves no partial rows, and the desk still answers', async () => {
    await processorSettled(tf.sql);
    expect({ seed: SEED, partial: await partialRows(tf.sql) }).toEqual({ seed: SEED, partial: {} });
    expect((await send(`${tf.desk.url}/health`, { method: 'GET' })).status).toBe(200);
    expect((await tf.desk.http().get('/api/me').set(bearer(tf.admin))).status).toBe(200);
  }, 100_000);
});
