import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { adapterFor, type ChannelConfig, type ChannelType } from '../../../libs/channels/src';
import { signMailgunFields } from '../../../libs/channels/src/adapters/email/mailgun-signature';
import { FIXTURES_DIR, fixtureBytes, type FixturePlatform } from '../../../libs/channels/src/testing/fixtures';
import { FIXTURE_PLATFORM, type TestChannel } from '../inbox';
import { mutateBytes, mutateJson, randomBody } from './mutate';
import type { Rng } from './random';

/** One delivery to send: `refused` when it must be answered 401/403 (no valid credentials), whatever its body. */
export interface WebhookCase {
  kind: string;
  channelId: string;
  method: 'GET' | 'POST' | 'PUT';
  query: string;
  headers: Record<string, string>;
  body?: Buffer;
  refused: boolean;
}

export interface Fixture {
  platform: FixturePlatform | 'api';
  file: string;
  json: unknown;
  /** Mailgun posts form fields, every other platform JSON. */
  form: boolean;
}

/** Generic `api` channel events (CONTRACT.md), the fixtures of the one channel that has no platform folder. */
const API_EVENTS: unknown[] = [
  { id: 'api-1', kind: 'comment', author: { id: 'u1', name: 'Ada', username: 'ada', followers: 120 }, text: 'Il mio ordine non è arrivato', createdAt: '2026-03-27T16:45:00.000Z', context: { url: 'https://example.test/p/1', title: 'Post' } },
  { id: 'api-2', kind: 'message', threadId: 't-1', inReplyTo: 'api-1', author: { id: 'u2' }, text: 'hello', fromBusiness: false },
  { events: [{ id: 'api-3', kind: 'mention', author: { id: 'u3' }, text: '@brand help' }, { id: 'api-4', kind: 'comment', author: { id: 'u1' }, text: 'edit', fromBusiness: true }] },
];

export function loadFixtures(): Fixture[] {
  const platforms = Object.keys(FIXTURE_PLATFORM) as FixturePlatform[];
  const files = platforms.flatMap((platform) =>
    readdirSync(join(FIXTURES_DIR, platform))
      .filter((f) => f.endsWith('.json'))
      .map((file) => ({ platform, file, json: JSON.parse(fixtureBytes(platform, file).toString('utf8')) as unknown, form: file.startsWith('mailgun') })),
  );
  return [...files, ...API_EVENTS.map((json, i) => ({ platform: 'api' as const, file: `event-${i}`, json, form: false }))];
}

export const channelTypeOf = (f: Fixture): ChannelType => (f.platform === 'api' ? 'api' : FIXTURE_PLATFORM[f.platform]);

const SECRET_KEYS = ['appSecret', 'consumerSecret', 'secretToken', 'clientSecret', 'inboundToken', 'secret', 'mailgunSigningKey', 'verifyToken'];
const wrongSecrets = (config: ChannelConfig): ChannelConfig =>
  Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET_KEYS.includes(k) ? `wrong-${String(v)}` : v])) as ChannelConfig;

/** Platforms whose signature covers the body: a signature of other bytes must be refused. */
const SIGNS_BODY: ChannelType[] = ['facebook', 'instagram', 'whatsapp', 'x', 'linkedin', 'api'];

let mailgunTokens = 0;

/** The exact bytes and headers of a genuine delivery of `doc` on `channel`, signed as its platform signs. */
export function signed(channel: TestChannel, doc: unknown, form: boolean, config: ChannelConfig = channel.config): { body: Buffer; headers: Record<string, string> } {
  if (form) {
    const fields = Object.fromEntries(Object.entries(typeof doc === 'object' && doc !== null ? doc : { value: doc }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']));
    // A fresh token and timestamp per delivery, as Mailgun sends: the same token twice is a replay (refused).
    const stamp = { token: `fuzz-token-${process.pid}-${++mailgunTokens}-${'t'.repeat(20)}`, timestamp: Math.floor(Date.now() / 1000) };
    const body = Buffer.from(new URLSearchParams(signMailgunFields(fields, String(config.mailgunSigningKey ?? ''), stamp)).toString());
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...adapterFor(channel.type).signDelivery(body, config) } };
  }
  const body = Buffer.from(JSON.stringify(doc) ?? 'null');
  return { body, headers: { 'content-type': 'application/json', ...adapterFor(channel.type).signDelivery(body, config) } };
}

const sign = (channel: TestChannel, body: Buffer, contentType: string, config: ChannelConfig = channel.config) => ({
  'content-type': contentType,
  ...adapterFor(channel.type).signDelivery(body, config),
});

const WRONG_TYPES = ['text/plain', '', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', 'APPLICATION/JSON', 'application/json, text/html', 'application/octet-stream'];

/** Header values a proxy or an attacker might send instead of the real ones (Latin-1 only: HTTP allows no more). */
function garbled(rng: Rng, headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  const key = rng.pick(Object.keys(out).filter((k) => k !== 'content-type').concat('content-type'));
  const value = out[key] ?? '';
  out[key] = rng.pick([
    value.slice(0, rng.int(0, value.length)),
    value.toUpperCase(),
    ` ${value} `,
    `${value},${value}`,
    value.replace('sha256=', 'sha1='),
    value.replace(/=/, ''),
    'Basic ' + Buffer.from(':').toString('base64'),
    'Basic !!!',
    '\u00ff'.repeat(rng.int(1, 300)),
    'x'.repeat(8000),
  ]);
  return out;
}

function handshakeQuery(rng: Rng, channel: TestChannel): string {
  const token = String(channel.config.verifyToken ?? 'none');
  const challenge = rng.pick(['1158201444', '', 'x'.repeat(5000), '<script>', '%00', '🔥', '-1']);
  const params = rng.pick([
    { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge },
    { 'hub.mode': rng.pick(['unsubscribe', '', 'SUBSCRIBE']), 'hub.verify_token': token, 'hub.challenge': challenge },
    { 'hub.mode': 'subscribe', 'hub.verify_token': `${token}x`, 'hub.challenge': challenge },
    { crc_token: challenge },
    { challengeCode: challenge },
    { challengeCode: challenge, crc_token: challenge, 'hub.challenge': challenge },
    {},
  ]);
  const query = new URLSearchParams(params as Record<string, string>).toString();
  return rng.pick([query, `${query}&${query}`, `${query}&hub.mode[]=x`, `${query}%ZZ`, `${query}&a=%E0%A4%A`]);
}

const ODD_IDS = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00', '..%2f..%2fapi%2fme', `${'a'.repeat(3000)}`, '%E0%A4%A', '__proto__', 'constructor', '1%20OR%201=1'];

/** One delivery of the fuzz run: mostly correctly signed mutations of a fixture, the rest every other kind of bad. */
export function webhookCase(rng: Rng, fixtures: Fixture[], channels: Map<ChannelType, TestChannel>): WebhookCase {
  const fixture = rng.pick(fixtures);
  const channel = channels.get(channelTypeOf(fixture))!;
  const base = { channelId: channel.id, method: 'POST' as const, query: '', refused: channel.type === 'youtube' };
  const kind = rng.weighted<string>([
    [50, 'mutated'],
    [6, 'bytes'],
    [5, 'original'],
    [6, 'random'],
    [5, 'content-type'],
    [4, 'other-channel'],
    [5, 'unsigned'],
    [5, 'wrong-secret'],
    [3, 'other-body'],
    [4, 'garbled'],
    [4, 'handshake'],
    [2, 'odd-path'],
    [1, 'encoding'],
  ]);
  switch (kind) {
    case 'mutated':
      return { ...base, kind, ...signed(channel, mutateJson(rng, fixture.json), fixture.form) };
    case 'original':
      return { ...base, kind, ...signed(channel, fixture.json, fixture.form) };
    case 'bytes': {
      const body = mutateBytes(rng, signed(channel, fixture.json, fixture.form).body);
      return { ...base, kind, body, headers: sign(channel, body, fixture.form ? 'application/x-www-form-urlencoded' : 'application/json') };
    }
    case 'random': {
      const body = randomBody(rng);
      return { ...base, kind, body, headers: sign(channel, body, rng.pick(['application/json', 'application/x-www-form-urlencoded'])) };
    }
    case 'content-type': {
      const { body } = signed(channel, rng.chance(0.5) ? fixture.json : mutateJson(rng, fixture.json), fixture.form);
      return { ...base, kind, body, headers: sign(channel, body, rng.pick(WRONG_TYPES)) };
    }
    case 'other-channel': {
      const other = rng.pick([...channels.values()]);
      return { ...base, kind, channelId: other.id, refused: other.type === 'youtube', ...signed(other, fixture.json, fixture.form) };
    }
    case 'unsigned': {
      const { body, headers } = signed(channel, mutateJson(rng, fixture.json), fixture.form);
      return { ...base, kind, body, headers: { 'content-type': headers['content-type']! }, refused: true };
    }
    case 'wrong-secret':
      return { ...base, kind, ...signed(channel, mutateJson(rng, fixture.json), fixture.form, wrongSecrets(channel.config)), refused: true };
    case 'other-body': {
      const { headers } = signed(channel, fixture.json, fixture.form);
      const body = Buffer.from(JSON.stringify(mutateJson(rng, fixture.json)));
      return { ...base, kind, body, headers, refused: base.refused || SIGNS_BODY.includes(channel.type) };
    }
    case 'garbled': {
      const { body, headers } = signed(channel, mutateJson(rng, fixture.json), fixture.form);
      return { ...base, kind, body, headers: garbled(rng, headers) };
    }
    case 'handshake':
      return { ...base, kind, method: 'GET', query: handshakeQuery(rng, channel), headers: {}, refused: false };
    case 'odd-path': {
      const { body, headers } = signed(channel, fixture.json, fixture.form);
      return { ...base, kind, channelId: rng.pick(ODD_IDS), method: rng.pick(['POST', 'GET', 'PUT'] as const), body, headers, refused: false };
    }
    default: {
      const { body, headers } = signed(channel, fixture.json, fixture.form);
      // The body is decoded before any route sees it: a bad encoding is refused before the signature is read.
      return { ...base, kind, refused: false, body, headers: { ...headers, 'content-encoding': rng.pick(['gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown']) } };
    }
  }
}
