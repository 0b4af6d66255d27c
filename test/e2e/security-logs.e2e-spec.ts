import { randomBytes } from 'node:crypto';
import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import type { ChannelType } from '../../libs/channels/src';
import { createTestDatabase, type TestDatabase } from '../../libs/db/src/testing/test-database';
import { freePort, makeDataDir, spawnDesk, waitForHealth, WORKER_MAIN, type DeskProcess } from '../support/desk-process';
import { bearer } from '../support/http';
import { conversationDetail, conversationsOf, eventually, FIXTURE_CONFIG, post, type TestChannel } from '../support/inbox';
import { connected, refused } from '../support/live';
import { channelSecrets, deliverOneOfEach, deskAt, everyChannel, leaked, ONE_FIXTURE, POSTMARK_BASIC } from '../support/security/secrets';

jest.setTimeout(120_000);

const JWT_SECRET = `jwt-${randomBytes(24).toString('hex')}`;
const SECRETS_KEY = randomBytes(32).toString('hex');
const ADMIN = { email: 'logs-admin@test.example', password: `admin-${randomBytes(6).toString('hex')}` };
const AGENT_PASSWORD = `agent-${randomBytes(6).toString('hex')}`;
const WRONG_PASSWORD = `wrong-${randomBytes(6).toString('hex')}`;
const ROTATED = `rotated-${randomBytes(6).toString('hex')}`;

/**
 * The built API and worker as child processes, logging at debug in production mode, driven through sign-ins (failed
 * ones too), channel creation and rotation, every platform's webhook and handshake, refused deliveries, replies to
 * the fake platform (failing ones too) and live connections: no secret in anything they print.
 * Needs `npx nest build api && npx nest build worker` after changing the sources.
 */
describe('security: secrets never in logs', () => {
  let db: TestDatabase;
  let fake: FakePlatform;
  let api: DeskProcess;
  let worker: DeskProcess;
  const secrets: string[] = [...channelSecrets(), POSTMARK_BASIC, JWT_SECRET, SECRETS_KEY, ADMIN.password, AGENT_PASSWORD, WRONG_PASSWORD, ROTATED];

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakePlatform();
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      JWT_SECRET,
      SECRETS_KEY,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'debug',
      WORKER_POLL_MS: '100',
      RETRY_BASE_MS: '100',
      RETRY_MAX_ATTEMPTS: '2',
    };
    api = spawnDesk({ ...env, DATA_DIR: makeDataDir(), RUN_WORKERS: 'false' }, await freePort());
    await waitForHealth(api);
    worker = spawnDesk({ ...env, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN);
    await eventually(async () => worker.output().includes('worker ready'), 60_000, 'the worker to be ready');
  });
  afterAll(async () => {
    for (const p of [api, worker]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
    await fake?.close();
    await db?.drop();
  });

  it('prints no secret while the desk works, fails and stops', async () => {
    const desk = deskAt(api.url);
    const login = (email: string, password: string) => desk.http().post('/api/auth/login').send({ email, password });
    expect((await login(ADMIN.email, WRONG_PASSWORD)).status).toBe(401);
    expect((await login('nobody@test.example', WRONG_PASSWORD)).status).toBe(401);
    const signedIn = await login(ADMIN.email, ADMIN.password);
    expect(signedIn.status).toBe(200);
    const admin = signedIn.body.accessToken as string;
    secrets.push(admin);
    expect((await desk.http().post('/api/users').set(bearer(admin)).send({ email: 'agent@test.example', name: 'Agent', password: AGENT_PASSWORD, access: 'agent' })).status).toBe(201);
    expect((await login('agent@test.example', AGENT_PASSWORD)).status).toBe(200);

    const channels: Map<ChannelType, TestChannel> = await everyChannel(desk, admin, fake.baseUrls);
    const id = (type: ChannelType) => channels.get(type)!.id;
    expect((await desk.http().patch(`/api/channels/${id('telegram')}`).set(bearer(admin)).send({ config: { secretToken: ROTATED } })).status).toBe(200);
    await desk.http().patch(`/api/channels/${id('telegram')}`).set(bearer(admin)).send({ config: { secretToken: FIXTURE_CONFIG.telegram.secretToken } });

    // Handshakes carry the verify token in the URL; refused deliveries carry wrong or missing credentials.
    const handshake = await desk.http().get(`/webhooks/${id('facebook')}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': FIXTURE_CONFIG.facebook.verifyToken, 'hub.challenge': '7' });
    expect(handshake.text).toBe('7');
    expect((await desk.http().get(`/webhooks/${id('x')}`).query({ crc_token: 'crc' })).status).toBe(200);
    expect((await post(desk, id('telegram'), Buffer.from('{}'), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'not-it' })).status).toBe(403);
    expect((await post(desk, id('email'), Buffer.from('{}'), { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('postmark:nope').toString('base64')}` })).status).toBe(403);
    expect((await desk.http().post('/api/channels').set(bearer(admin)).set('content-type', 'application/json').send(`{"type":"api","config":{"secret":"${ROTATED}"`)).status).toBe(400);
    await deliverOneOfEach(desk, channels);

    // Replies through every pushing platform; the first three attempts fail on the platform's side and are retried.
    fake.behave({ failNext: 3, method: 'POST' });
    const replies: Array<[string, string]> = [];
    for (const type of Object.keys(ONE_FIXTURE) as ChannelType[]) {
      const [conversation] = await eventually(async () => {
        const list = await conversationsOf(desk, admin, { channelId: id(type) });
        return list.length > 0 && list;
      }, 20_000, `the ${type} conversation`);
      const reply = await desk.http().post(`/api/conversations/${conversation!.id}/replies`).set(bearer(admin)).send({ text: `Reply on ${type}` });
      expect(reply.status).toBe(201);
      replies.push([conversation!.id as string, reply.body.id as string]);
    }
    const settledReplies = () =>
      eventually(async () => {
        const states = await Promise.all(replies.map(async ([c, m]) => (await conversationDetail(desk, admin, c)).messages.find((x) => x.id === m)!.deliveryStatus as string));
        return states.every((s) => s !== 'queued') && states;
      }, 40_000, `replies to settle (${fake.requests.length} platform requests so far)`);
    expect((await settledReplies()).filter((s) => s === 'failed').length).toBeLessThan(replies.length);
    const live = await connected(api.url, { token: admin });
    live.close();
    expect((await refused(api.url, { token: `${admin}x` })).data?.code).toBe('TOKEN_INVALID');

    for (const p of [api, worker]) p.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    const output = `${api.output()}\n${worker.output()}`;
    // The logs did capture the traffic (so their silence about secrets means something).
    for (const seen of ['/api/auth/login', '/webhooks/', 'hub.verify_token=', '/api/channels']) expect(output).toContain(seen);
    expect(leaked(output, secrets)).toEqual([]);
  });
});
