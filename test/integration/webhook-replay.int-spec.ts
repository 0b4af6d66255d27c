import { RoutingModule } from '@app/routing';
import { DataSource } from 'typeorm';
import { FixedClock } from '@app/common';
import { adapterFor, ChannelsService, type ChannelConfig, type WebhookRequest } from '@app/channels';
import { InboxModule, WebhookIntakeService } from '@app/inbox';
import { signMailgunFields } from '../../libs/channels/src/adapters/email/mailgun-signature';
import { fixtureBytes } from '../../libs/channels/src/testing/fixtures';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { FIXTURE_CONFIG } from '../support/inbox';
import { IdentityApp, startIdentityApp } from './identity-app';

/**
 * The Mailgun fixture at its own time: the intake, on a fixed clock set to the fixture's timestamp, measures the
 * freshness window (default 15 minutes) and claims the token in the transaction that stores the delivery.
 */
describe('WebhookIntakeService: signed timestamp and one-time token (fixed clock)', () => {
  const SIGNED_AT = 1_718_100_000; // the fixture's timestamp, 2024-06-11T10:00:00Z
  const clock = new FixedClock(new Date(SIGNED_AT * 1000));
  let db: TestDatabase;
  let app: IdentityApp;
  let ds: DataSource;
  let intake: WebhookIntakeService;
  let channelId: string;
  let workspaceId: string;
  const config = { ...FIXTURE_CONFIG.email, apiBaseUrl: 'https://api.postmarkapp.com' } as ChannelConfig;
  const fixtureFields = (): Record<string, string> => JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8'));
  const request = (fields: Record<string, string>): WebhookRequest => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...adapterFor('email').signDelivery(Buffer.alloc(0), config) },
    query: {},
    rawBody: Buffer.from(new URLSearchParams(fields).toString(), 'utf8'),
  });
  const receive = (fields: Record<string, string>) => intake.receive(channelId, request(fields));
  /** What receive() threw: its code and message, or 'accepted'. */
  const refusal = async (fields: Record<string, string>) => {
    try {
      await receive(fields);
      return 'accepted';
    } catch (err) {
      return { code: (err as { code?: string }).code, message: (err as Error).message };
    }
  };
  const count = async (table: string) => Number((await ds.query(`SELECT count(*) AS n FROM ${table} WHERE channel_id = $1`, [channelId]))[0].n);
  const other = (n: string, stamp = { timestamp: SIGNED_AT, token: `token-${n}-${'x'.repeat(40)}` }) =>
    signMailgunFields({ ...fixtureFields(), 'Message-Id': `<int-${n}@mail.gmail.com>`, 'stripped-text': `mail ${n}` }, String(FIXTURE_CONFIG.email.mailgunSigningKey), stamp);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startIdentityApp(db.url, { imports: [InboxModule, RoutingModule], clock });
    ds = app.get(DataSource);
    intake = app.get(WebhookIntakeService);
    const [ws] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Replay') RETURNING id`);
    workspaceId = ws.id;
    channelId = (await app.get(ChannelsService).create(ws.id, { type: 'email', name: 'mail', config: FIXTURE_CONFIG.email })).id;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  afterEach(() => clock.set(new Date(SIGNED_AT * 1000)));

  it('accepts the fixture within 15 minutes of its timestamp and claims its token with the stored event', async () => {
    expect(app.config.webhookMaxAgeSeconds).toBe(900);
    clock.advance(15 * 60);
    const stored = await receive(fixtureFields());
    expect(stored).toEqual({ kind: 'stored', eventId: expect.any(String), duplicate: false, events: 1 });
    const rows = await ds.query(`SELECT workspace_id, token, signed_at, webhook_event_id FROM webhook_replay_tokens WHERE channel_id = $1`, [channelId]);
    expect(rows).toEqual([
      { workspace_id: workspaceId, token: fixtureFields().token, signed_at: new Date(SIGNED_AT * 1000), webhook_event_id: (stored as { eventId: string }).eventId },
    ]);
  });

  it('answers the same bytes as a duplicate, even once they are stale (a late retry of a delivery already stored)', async () => {
    expect(await receive(fixtureFields())).toMatchObject({ duplicate: true });
    clock.advance(8 * 3600);
    expect(await receive(fixtureFields())).toMatchObject({ duplicate: true });
    expect(await count('webhook_events')).toBe(1);
  });

  it('refuses other bytes with the accepted token (WEBHOOK_REPLAYED), storing and claiming nothing', async () => {
    const forged = { ...fixtureFields(), 'stripped-text': 'Nuovo IBAN', 'Message-Id': '<forged@mail.gmail.com>' };
    expect(await refusal(forged)).toEqual({ code: 'WEBHOOK_REPLAYED', message: 'Refused as a replay: this signed token was already used by another delivery' });
    expect(await count('webhook_events')).toBe(1);
    expect(await count('webhook_replay_tokens')).toBe(1);
  });

  it('refuses a new token signed more than 15 minutes before (or after) the clock, storing nothing', async () => {
    clock.advance(15 * 60 + 1);
    expect(await refusal(other('stale'))).toEqual({ code: 'WEBHOOK_REPLAYED', message: 'Refused as a replay: the signed timestamp is 901 s old, more than the 900 s allowed' });
    clock.set(new Date((SIGNED_AT - 15 * 60 - 1) * 1000));
    expect(await refusal(other('early'))).toMatchObject({ code: 'WEBHOOK_REPLAYED', message: expect.stringContaining('901 s in the future') });
    expect(await count('webhook_events')).toBe(1);
    expect(await count('webhook_replay_tokens')).toBe(1);
  });

  it('lets one of several different deliveries racing with one new token in: one event, one token row', async () => {
    const stamp = { timestamp: SIGNED_AT, token: 'racing-token-'.padEnd(50, 'r') };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => receive(other(`race-${i}`, stamp))));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill('WEBHOOK_REPLAYED'));
    const [row] = await ds.query(`SELECT webhook_event_id FROM webhook_replay_tokens WHERE channel_id = $1 AND token = $2`, [channelId, stamp.token]);
    expect(row.webhook_event_id).toBe((won[0] as PromiseFulfilledResult<{ eventId: string }>).value.eventId);
    expect(await count('webhook_events')).toBe(2);
  });

  it('stores Postmark JSON as before, whatever the clock', async () => {
    clock.set(new Date('2030-01-01T00:00:00Z'));
    const raw = fixtureBytes('email', 'postmark_new_thread.json');
    const req: WebhookRequest = { method: 'POST', headers: { 'content-type': 'application/json', ...adapterFor('email').signDelivery(raw, config) }, query: {}, rawBody: raw };
    expect(await intake.receive(channelId, req)).toMatchObject({ duplicate: false });
  });
});
