import { createHash } from 'node:crypto';
import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import type { ChannelType } from '../../libs/channels/src';
import { WebhookIntakeService } from '../../libs/inbox/src/ingest/webhook-intake.service';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { createChannel, FIXTURE_CONFIG, type TestChannel } from '../support/inbox';
import { answerProblem, excerpt, Failures, inPool, send } from '../support/fuzz/answers';
import { crashedEvents, partialRows, processorSettled } from '../support/fuzz/integrity';
import { mutateJson } from '../support/fuzz/mutate';
import { fuzzSeed, replayHint, Rng } from '../support/fuzz/random';
import { loadFixtures, webhookCase, type WebhookCase } from '../support/fuzz/webhook-cases';
import { Client } from 'pg';

/** Deliveries per run; FUZZ_WEBHOOKS changes it (a long soak: FUZZ_WEBHOOKS=50000). */
const DELIVERIES = Number(process.env.FUZZ_WEBHOOKS ?? 2000);
/** YouTube comment pages stored as its poller stores them (its webhook refuses everything). */
const POLLED = Math.round(DELIVERIES / 40);
const CONCURRENCY = 12;
const SEED = fuzzSeed();
const REPLAY = replayHint(SEED, 'test/e2e/fuzz-webhooks.e2e-spec.ts');
const TYPES: ChannelType[] = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'youtube', 'linkedin', 'email', 'api'];

/**
 * Thousands of deliveries to every channel's webhook: the platforms' fixtures mutated and re-signed as the platform
 * signs (so they reach the parsers and the processor), random bodies, bad signatures, wrong content types, odd
 * paths and handshakes. No answer is a 5xx or shows internals; what was acknowledged is stored once and processed
 * into whole rows; the desk still answers.
 */
describe(`webhook fuzzing (seed ${SEED})`, () => {
  let desk: TestDesk;
  let fake: FakePlatform;
  let sql: Client;
  const channels = new Map<ChannelType, TestChannel>();
  /** Per channel, the bodies it acknowledged with 200 and how many events it said each held. */
  const acknowledged = new Map<string, Map<string, number>>();
  const sha = (body: Buffer) => createHash('sha256').update(body).digest('hex');

  beforeAll(async () => {
    fake = await startFakePlatform();
    desk = await startTestDesk({ WORKER_POLL_MS: '50', RETRY_BASE_MS: '50', RETRY_MAX_ATTEMPTS: '3' });
    sql = new Client({ connectionString: desk.db.url });
    await sql.connect();
    const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const type of TYPES) {
      // YouTube polls nothing (a closed port): its rows are only the pages this test stores.
      const apiBaseUrl = type === 'youtube' ? 'http://127.0.0.1:9' : fake.baseUrls[type];
      const channel = await createChannel(desk, admin, type, { ...FIXTURE_CONFIG[type], apiBaseUrl });
      channels.set(type, channel);
      acknowledged.set(channel.id, new Map());
    }
  }, 60_000);
  afterAll(async () => {
    await sql?.end();
    await desk?.shutdown();
    await fake?.close();
  });

  it(`answers ${DELIVERIES} bad deliveries with a coded 4xx or a 200, never a 5xx`, async () => {
    const rng = new Rng(SEED);
    const fixtures = loadFixtures();
    const failures = new Failures();
    const kinds = new Map<string, number[]>();
    await inPool(Array.from({ length: DELIVERIES }, (_, i) => i), CONCURRENCY, async (i) => {
      const c: WebhookCase = webhookCase(rng.fork(i), fixtures, channels);
      const answer = await send(`${desk.url}/webhooks/${c.channelId}${c.query ? `?${c.query}` : ''}`, { method: c.method, headers: c.headers, body: c.method === 'GET' ? undefined : c.body });
      (kinds.get(c.kind) ?? kinds.set(c.kind, []).get(c.kind)!).push(answer.status);
      const problem =
        answerProblem(answer) ??
        (c.refused && ![401, 403].includes(answer.status) ? `a ${answer.status} where 401/403 was due` : undefined) ??
        (c.method === 'POST' && answer.status === 200 && !/"received":true/.test(answer.text) ? 'a 200 that is not a receipt' : undefined);
      if (problem) failures.add(`case ${i} (${c.kind}, ${c.method} ${c.channelId.slice(0, 40)}): ${problem}: ${excerpt(answer.text, 300)} for body ${excerpt(c.body)}`);
      if (c.method === 'POST' && answer.status === 200 && acknowledged.has(c.channelId)) {
        acknowledged.get(c.channelId)!.set(sha(c.body!), (JSON.parse(answer.text) as { events: number }).events);
      }
    });
    const summary = [...kinds].map(([kind, statuses]) => `${kind}: ${statuses.length} (${statuses.filter((s) => s === 200).length} accepted)`).join(', ');
    expect({ seed: SEED, replay: REPLAY, summary, failed: failures.total, failures: failures.list }).toEqual({ seed: SEED, replay: REPLAY, summary, failed: 0, failures: [] });
    // The mutations must mostly reach the parsers: a run where nearly everything bounces off the signature proves little.
    expect(kinds.get('mutated')!.filter((s) => s === 200).length).toBeGreaterThan(kinds.get('mutated')!.length / 3);
  }, 120_000);

  it(`stores ${POLLED} mutated YouTube pages as the poller does, for the processor to read`, async () => {
    const rng = new Rng(`${SEED}/youtube`);
    const youtube = channels.get('youtube')!;
    const intake = desk.app.get(WebhookIntakeService);
    const pages = loadFixtures().filter((f) => f.platform === 'youtube');
    const workspaceId = (await sql.query<{ workspace_id: string }>(`SELECT workspace_id FROM channels WHERE id = $1`, [youtube.id])).rows[0]!.workspace_id;
    for (let i = 0; i < POLLED; i++) {
      const body = Buffer.from(JSON.stringify(mutateJson(rng.fork(i), rng.pick(pages).json)));
      const stored = await intake.store(workspaceId, youtube.id, 'poll', 'application/json', body);
      expect(stored.id !== null || stored.duplicate).toBe(true);
    }
  }, 60_000);

  it('stores each acknowledged delivery exactly once, and nothing else', async () => {
    const { rows } = await sql.query<{ channel_id: string; sha: string }>(`SELECT channel_id, encode(body_sha256, 'hex') AS sha FROM webhook_events WHERE source = 'webhook'`);
    for (const [channelId, bodies] of acknowledged) {
      const stored = rows.filter((r) => r.channel_id === channelId).map((r) => r.sha).sort();
      expect({ channelId, stored }).toEqual({ channelId, stored: [...bodies.keys()].sort() });
    }
  });

  it('processes every stored event into whole rows, or fails it with a reason that is not a crash', async () => {
    await processorSettled(sql);
    // The processor reads each event as the webhook did: the same number of events as the receipt announced.
    const { rows } = await sql.query<{ channel_id: string; sha: string; event_count: number | null; status: string }>(
      `SELECT channel_id, encode(body_sha256, 'hex') AS sha, event_count, status FROM webhook_events WHERE source = 'webhook'`,
    );
    const miscounted = rows.filter((r) => r.status === 'processed' && acknowledged.get(r.channel_id)?.get(r.sha) !== r.event_count);
    const found = { seed: SEED, crashed: await crashedEvents(sql), partial: await partialRows(sql), miscounted };
    expect(found).toEqual({ seed: SEED, crashed: [], partial: {}, miscounted: [] });
    const { rows: messages } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM messages`);
    expect(Number(messages[0]!.n)).toBeGreaterThan(50);
  }, 120_000);

  it('still serves after all of it', async () => {
    const health = await send(`${desk.url}/health`, { method: 'GET' });
    expect(health.status).toBe(200);
  });
});
