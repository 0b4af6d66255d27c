import { adapterFor, type ChannelConfig, type ChannelType } from '../../libs/channels/src';
import { fixtureBytes, type FixturePlatform } from '../../libs/channels/src/testing/fixtures';
import type { TestDesk } from './desk';

/** The made-up ids and secrets the fixture READMEs sign with, per channel type. */
export const FIXTURE_CONFIG: Record<ChannelType, Record<string, string | number>> = {
  facebook: { pageId: '104857600123456', appSecret: 'test_meta_app_secret_3f9c', verifyToken: 'fb-verify-token', pageAccessToken: 'fb-page-token' },
  instagram: { igUserId: '17841400123456789', appSecret: 'test_meta_app_secret_3f9c', verifyToken: 'ig-verify-token', accessToken: 'ig-token' },
  whatsapp: { phoneNumberId: '109876543210987', appSecret: 'test_meta_app_secret_3f9c', verifyToken: 'wa-verify-token', accessToken: 'wa-token' },
  x: { userId: '1402345678901234567', consumerSecret: 'test_x_consumer_secret_8b1d', accessToken: 'x-token' },
  telegram: { botToken: '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'tg-secret_token-42' },
  youtube: { channelId: 'UCx1y2z3DaGino00000000Ab', accessToken: 'yt-token', pollSeconds: 3600 },
  linkedin: { organizationUrn: 'urn:li:organization:2414183', clientSecret: 'test_linkedin_client_secret_77', accessToken: 'li-token' },
  email: { inboundToken: 'inbound-pass', serverToken: 'postmark-server-token', fromAddress: 'support@dagino.example', mailgunSigningKey: 'test_mailgun_signing_key_5e2a' },
  api: { secret: 'api-channel-secret' },
};

export const FIXTURE_PLATFORM: Record<FixturePlatform, ChannelType> = {
  facebook_page: 'facebook',
  messenger: 'facebook',
  instagram: 'instagram',
  whatsapp: 'whatsapp',
  x_twitter: 'x',
  telegram: 'telegram',
  linkedin: 'linkedin',
  email: 'email',
  youtube: 'youtube',
};

export interface TestChannel {
  id: string;
  type: ChannelType;
  config: ChannelConfig;
}

export async function createChannel(desk: TestDesk, token: string, type: ChannelType, config: Record<string, string | number> = FIXTURE_CONFIG[type]): Promise<TestChannel> {
  const res = await desk.http().post('/api/channels').set('Authorization', `Bearer ${token}`).send({ type, name: `${type} test`, config });
  if (res.status !== 201) throw new Error(`creating a ${type} channel failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, type, config: { ...config, apiBaseUrl: String(config.apiBaseUrl ?? '') } as ChannelConfig };
}

export interface Delivered {
  status: number;
  body: any;
}

/**
 * POSTs exact bytes to a webhook (supertest would serialize a Buffer sent as JSON), with the given headers or, by
 * default, the ones the platform itself would send.
 */
export async function post(desk: TestDesk, channelId: string, raw: Buffer, headers: Record<string, string>): Promise<Delivered> {
  const res = await fetch(`${desk.url}/webhooks/${channelId}`, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body };
}

export function deliver(desk: TestDesk, channel: TestChannel, body: Buffer | string, contentType = 'application/json'): Promise<Delivered> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return post(desk, channel.id, raw, { 'content-type': contentType, ...adapterFor(channel.type).signDelivery(raw, channel.config) });
}

export function deliverFixture(desk: TestDesk, channel: TestChannel, platform: FixturePlatform, file: string) {
  return deliver(desk, channel, fixtureBytes(platform, file));
}

/** Polls until check() returns a value (not undefined/false), or fails with the last value seen. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    last = value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until every stored event of the channel is processed (or failed), then returns the failed ones. */
export async function settled(desk: TestDesk, token: string, channelId: string): Promise<unknown[]> {
  await eventually(async () => {
    const res = await desk.http().get(`/api/channels/${channelId}/events?status=pending`).set('Authorization', `Bearer ${token}`);
    return res.status === 200 && res.body.items.length === 0;
  }, 20_000, `events of channel ${channelId} to be processed`);
  const failed = await desk.http().get(`/api/channels/${channelId}/events?status=failed`).set('Authorization', `Bearer ${token}`);
  return failed.body.items as unknown[];
}

export async function conversationsOf(desk: TestDesk, token: string, query: Record<string, string> = {}) {
  const res = await desk.http().get('/api/conversations').query({ limit: '100', ...query }).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`listing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as Array<Record<string, any>>;
}

export async function conversationDetail(desk: TestDesk, token: string, id: string) {
  const res = await desk.http().get(`/api/conversations/${id}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`detail failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any> & { messages: Array<Record<string, any>> };
}
