import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import { startDesk, type RunningDesk } from '../../apps/api/src/boot/start-desk';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { createChannel, deliver, FIXTURE_CONFIG, type TestChannel } from '../support/inbox';
import { connected, type LiveClient, type Received } from '../support/live';

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Two API instances on one database, joined by the socket.io Redis adapter: logged events reach a client whatever
 * instance caused them (each instance follows the log itself), and the ephemeral ones (presence, viewers) cross
 * instances through Redis.
 */
describe('the live desk across two API instances', () => {
  // Both instances must sign and check the same tokens and open the same channel secrets.
  const shared = {
    REDIS_URL,
    RUN_WORKERS: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('hex'),
    PRESENCE_GRACE_MS: '300',
    WORKER_POLL_MS: '50',
    RETRY_BASE_MS: '100',
  };
  let a: TestDesk;
  let b: RunningDesk | undefined;
  let bDataDir: string | undefined;
  let fake: FakePlatform;
  let admin: string;
  let channel: TestChannel;
  const clients: LiveClient[] = [];
  let n = 0;

  const open = async (url: string, token: string) => {
    const client = await connected(url, { token });
    clients.push(client);
    return client;
  };
  /** A webhook of the generic api channel, posted to instance B. */
  const inboundToB = (thread: string, text: string) =>
    deliver(
      { ...a, url: b!.url } as TestDesk,
      channel,
      JSON.stringify({
        id: `multi-${++n}-${randomBytes(3).toString('hex')}`,
        kind: 'comment',
        threadId: thread,
        author: { id: `cust-${thread}`, name: `Customer ${thread}`, followers: 10 },
        text,
        createdAt: new Date().toISOString(),
      }),
    );
  const onB = (path: string, token: string, body: unknown) =>
    fetch(`${b!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify(body) });

  beforeAll(async () => {
    fake = await startFakePlatform();
    a = await startTestDesk(shared);
    bDataDir = mkdtempSync(join(tmpdir(), 'desk-test-data-b-'));
    // Same database, same secrets, its own port and data directory: a second replica of the API.
    b = await startDesk({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: a.db.url,
      DATA_DIR: bDataDir,
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...shared,
    });
    admin = await signIn(a, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(a, admin, 'api', { ...FIXTURE_CONFIG.api, replyUrl: `${fake.baseUrls.api}/hook` });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await b?.close().catch(() => undefined);
    await a?.shutdown().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    if (bDataDir) rmSync(bDataDir, { recursive: true, force: true });
  });

  it('runs two instances with the Redis adapter on one database', async () => {
    expect(a.url).not.toBe(b!.url);
    expect(a.config.redisUrl).toBe(REDIS_URL);
    expect(b!.config.redisUrl).toBe(REDIS_URL);
    // A token signed by A opens B.
    const me = await fetch(`${b!.url}/api/me`, { headers: bearer(admin) });
    expect(me.status).toBe(200);
  });

  it('pushes to a client on A the conversation and message of a webhook delivered to B, then a reply sent through B', async () => {
    const onA = await open(a.url, admin);
    const res = await inboundToB('t-cross', 'Hello from instance B');
    expect(res.status).toBe(200);

    const created = await onA.waitFor((r) => r.name === 'conversation.created', 15_000, 'conversation.created on A');
    const conversationId = created.body.conversation.id as string;
    const message = await onA.waitFor((r) => r.name === 'message.created' && r.body.conversationId === conversationId, 15_000, 'message.created on A');
    expect(created.body).toMatchObject({ type: 'conversation.created', seq: expect.any(Number), conversation: { channelId: channel.id, status: 'open' } });
    expect(message.body).toMatchObject({ type: 'message.created', seq: created.body.seq + 1, message: { text: 'Hello from instance B', direction: 'inbound' } });

    const reply = await onB(`/api/conversations/${conversationId}/replies`, admin, { text: 'Answered through B' });
    expect(reply.status).toBe(201);
    const replyId = ((await reply.json()) as { id: string }).id;
    const outbound = await onA.waitFor((r) => r.name === 'message.created' && r.body.message?.id === replyId, 15_000, 'the reply on A');
    expect(outbound.body).toMatchObject({ conversationId, message: { direction: 'outbound', text: 'Answered through B', deliveryStatus: 'queued' } });
    const sent = await onA.waitFor(
      (r) => r.name === 'message.updated' && r.body.message?.id === replyId && r.body.message?.deliveryStatus === 'sent',
      20_000,
      'the reply marked sent on A',
    );
    expect(sent.body.seq).toBeGreaterThan(outbound.body.seq);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api-reply/hook'))).toHaveLength(1);

    // The workspace's log, seen once and in order, whichever instance wrote each event.
    const seqs = onA.logged().map((r) => r.body.seq as number);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('carries presence.updated from a client connecting to B to a client on A', async () => {
    const onA = await open(a.url, admin);
    const lead = await createMember(a, admin, 'lead');
    await open(b!.url, lead.token);
    const seen = await onA.waitFor((r) => r.name === 'presence.updated' && r.body.userId === lead.id, 10_000, 'presence.updated of the lead on A');
    expect(seen.body).toMatchObject({ userId: lead.id, status: 'online', workspaceId: expect.any(String) });
  });

  it('shows viewers from both instances in conversation.viewers', async () => {
    const adminId = ((await (await fetch(`${a.url}/api/me`, { headers: bearer(admin) })).json()) as { id: string }).id;
    const lead = await createMember(a, admin, 'lead');
    const onA = await open(a.url, admin);
    const onB = await open(b!.url, lead.token);
    expect((await inboundToB('t-viewers', 'Who is looking?')).status).toBe(200);
    const conversationId = (await onA.waitFor((r) => r.name === 'message.created' && r.body.message?.text === 'Who is looking?', 15_000, 'the new message on A'))
      .body.conversationId as string;

    expect(await onA.emitAck('conversation.view', { conversationId })).toEqual({ ok: true });
    expect(await onB.emitAck('conversation.view', { conversationId })).toEqual({ ok: true });
    const ids = (r: Received) => (r.body.viewers as Array<{ userId: string }>).map((v) => v.userId).sort();
    const both = (r: Received) => r.name === 'conversation.viewers' && r.body.conversationId === conversationId && ids(r).length === 2 && ids(r).includes(lead.id);
    const onASees = await onA.waitFor(both, 10_000, 'both viewers on A');
    const onBSees = await onB.waitFor(both, 10_000, 'both viewers on B');
    for (const seen of [onASees, onBSees]) {
      expect(seen.body.viewers).toEqual(
        expect.arrayContaining([
          { userId: lead.id, name: 'Test lead', typing: false },
          expect.objectContaining({ userId: adminId, typing: false }),
        ]),
      );
    }

    // Typing on B shows on A; leaving on B leaves A alone on the conversation.
    expect(await onB.emitAck('conversation.typing', { conversationId })).toEqual({ ok: true });
    await onA.waitFor(
      (r) => r.name === 'conversation.viewers' && (r.body.viewers as Array<{ userId: string; typing: boolean }>).some((v) => v.userId === lead.id && v.typing),
      10_000,
      'the lead typing, on A',
    );
    expect(await onB.emitAck('conversation.leave', { conversationId })).toEqual({ ok: true });
    await onA.waitFor(
      (r) => r.name === 'conversation.viewers' && r.body.conversationId === conversationId && (r.body.viewers as unknown[]).length === 1,
      10_000,
      'only A left viewing',
    );
  });
});
