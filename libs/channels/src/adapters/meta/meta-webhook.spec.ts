import { createHmac } from 'node:crypto';
import { fixtureBytes, type FixturePlatform } from '../../testing/fixtures';
import type { ChannelAdapter } from '../../types/channel-adapter';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import { WebhookParseError } from '../../types/webhook-request';
import { facebookAdapter } from './facebook.adapter';
import { instagramAdapter } from './instagram.adapter';
import {
  APP_SECRET,
  FACEBOOK_CONFIG,
  INSTAGRAM_CONFIG,
  README_SIGNATURES,
  WHATSAPP_CONFIG,
  delivery,
  handshakeRequest,
} from './meta-delivery.testing';
import { whatsappAdapter } from './whatsapp.adapter';

const SETUP: Record<string, { adapter: ChannelAdapter; config: ChannelConfig; object: string }> = {
  facebook_page: { adapter: facebookAdapter, config: FACEBOOK_CONFIG, object: 'page' },
  messenger: { adapter: facebookAdapter, config: FACEBOOK_CONFIG, object: 'page' },
  instagram: { adapter: instagramAdapter, config: INSTAGRAM_CONFIG, object: 'instagram' },
  whatsapp: { adapter: whatsappAdapter, config: WHATSAPP_CONFIG, object: 'whatsapp_business_account' },
};
const setup = (platform: FixturePlatform) => SETUP[platform]!;
const ADAPTERS = [
  ['facebook', facebookAdapter, FACEBOOK_CONFIG, 'page'],
  ['instagram', instagramAdapter, INSTAGRAM_CONFIG, 'instagram'],
  ['whatsapp', whatsappAdapter, WHATSAPP_CONFIG, 'whatsapp_business_account'],
] as const;

describe('Meta verify(): X-Hub-Signature-256 over the raw bytes', () => {
  it.each(README_SIGNATURES)('%s/%s is accepted with the README signature', (platform, file, hex) => {
    const { adapter, config } = setup(platform);
    expect(adapter.verify(delivery(fixtureBytes(platform, file), { 'x-hub-signature-256': `sha256=${hex}` }), config)).toEqual({ ok: true });
  });

  it.each(README_SIGNATURES)('%s/%s: signDelivery reproduces the README signature and the legacy SHA-1', (platform, file, hex) => {
    const { adapter, config } = setup(platform);
    const raw = fixtureBytes(platform, file);
    expect(adapter.signDelivery(raw, config)).toEqual({
      'x-hub-signature-256': `sha256=${hex}`,
      'x-hub-signature': `sha1=${createHmac('sha1', APP_SECRET).update(raw).digest('hex')}`,
    });
  });

  it.each(README_SIGNATURES)('%s/%s is rejected when tampered, signed with another secret, or unsigned', (platform, file, hex) => {
    const { adapter, config } = setup(platform);
    const raw = fixtureBytes(platform, file);
    const signed = { 'x-hub-signature-256': `sha256=${hex}` };
    // Re-serialized JSON (compact, unescaped) is a different byte string: it must not pass.
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    expect(adapter.verify(delivery(reserialized, signed), config)).toEqual({ ok: false, status: 403, reason: expect.any(String) });
    const tampered = Buffer.from(raw);
    tampered[tampered.length - 2] = 0x20;
    expect(adapter.verify(delivery(tampered, signed), config)).toMatchObject({ ok: false, status: 403 });
    expect(adapter.verify(delivery(raw, signed), { ...config, appSecret: 'another_secret' })).toMatchObject({ ok: false, status: 403 });
    expect(adapter.verify(delivery(raw), config)).toMatchObject({ ok: false, status: 401 });
  });

  it.each(ADAPTERS)('%s: malformed, legacy-only and secretless cases', (_name, adapter, config) => {
    const raw = Buffer.from('{"object":"x","entry":[]}');
    const good = adapter.signDelivery(raw, config)['x-hub-signature-256']!;
    expect(adapter.verify(delivery(raw, { 'x-hub-signature-256': good.toUpperCase().replace('SHA256=', 'sha256=') }), config)).toEqual({ ok: true });
    expect(adapter.verify(delivery(raw, { 'x-hub-signature-256': '' }), config)).toMatchObject({ ok: false, status: 401 });
    expect(adapter.verify(delivery(raw, { 'x-hub-signature-256': good.slice('sha256='.length) }), config)).toMatchObject({ ok: false, status: 403 });
    expect(adapter.verify(delivery(raw, { 'x-hub-signature-256': 'sha256=zz' }), config)).toMatchObject({ ok: false, status: 403 });
    // The SHA-1 signature alone is not enough: SHA-256 is what Meta sends and what we require.
    const legacy = adapter.signDelivery(raw, config)['x-hub-signature']!;
    expect(adapter.verify(delivery(raw, { 'x-hub-signature': legacy }), config)).toMatchObject({ ok: false, status: 401 });
    expect(adapter.verify(delivery(raw, { 'x-hub-signature-256': good }), { ...config, appSecret: undefined })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('Meta handshake(): hub.challenge', () => {
  it.each(ADAPTERS)('%s answers the challenge only for the configured verify token', (_name, adapter, config) => {
    const token = String(config.verifyToken);
    const hub = (query: Record<string, string | undefined>) => adapter.handshake(handshakeRequest(query), config);
    expect(hub({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' })).toEqual({
      status: 200,
      contentType: 'text/plain',
      body: '1158201444',
    });
    const forbidden = { status: 403, contentType: 'application/json', body: expect.stringContaining('"code":"SIGNATURE_INVALID"') };
    expect(hub({ 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '1158201444' })).toEqual(forbidden);
    expect(hub({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' })).toEqual(forbidden);
    expect(hub({ 'hub.mode': 'unsubscribe', 'hub.verify_token': token, 'hub.challenge': '1' })).toEqual(forbidden);
    expect(hub({ 'hub.mode': 'subscribe', 'hub.verify_token': token })).toEqual(forbidden);
    expect(hub({ 'hub.verify_token': token, 'hub.challenge': '1' })).toEqual(forbidden);
    expect(adapter.handshake(handshakeRequest({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }), { ...config, verifyToken: '' })).toEqual(forbidden);
  });

  it.each(ADAPTERS)('%s: anything that is not a hub request is not a handshake', (_name, adapter, config) => {
    expect(adapter.handshake(handshakeRequest({}), config)).toBeNull();
    expect(adapter.handshake(handshakeRequest({ crc_token: 'abc' }), config)).toBeNull();
    expect(adapter.handshake(handshakeRequest({ 'hub.mode': 'subscribe', 'hub.verify_token': String(config.verifyToken), 'hub.challenge': '1' }, 'POST'), config)).toBeNull();
  });
});

describe('Meta parse(): the envelope', () => {
  it.each(ADAPTERS)('%s rejects bodies that are not its envelope with WebhookParseError', (_name, adapter, config, object) => {
    const bodies = [
      'not json',
      '',
      '[]',
      'null',
      '"page"',
      '{}',
      '{"entry":[]}',
      `{"object":5,"entry":[]}`,
      `{"object":"${object}"}`,
      `{"object":"${object}","entry":{}}`,
      `{"object":"${object}","entry":"x"}`,
      `{"object":"${object === 'page' ? 'instagram' : 'page'}","entry":[]}`,
    ];
    for (const body of bodies) expect(() => adapter.parse(delivery(body), config)).toThrow(WebhookParseError);
  });

  it.each(ADAPTERS)('%s returns no events for an envelope with nothing in it', (_name, adapter, config, object) => {
    expect(adapter.parse(delivery({ object, entry: [] }), config)).toEqual([]);
    expect(adapter.parse(delivery({ object, entry: [null, 1, 'x', [], {}, { id: {}, time: 'x', changes: 'no', messaging: {} }] }), config)).toEqual([]);
    expect(adapter.parse(delivery({ object, entry: [{ changes: [null, 1, { field: 5 }, { field: 'feed' }, { field: 'messages', value: [] }] }] }), config)).toEqual([]);
  });
});

describe('Meta parse(): hostile bodies', () => {
  /** Only events or a WebhookParseError, and every event well formed. */
  function parsesSafely(adapter: ChannelAdapter, config: ChannelConfig, body: unknown): void {
    let events: NormalizedEvent[];
    try {
      events = adapter.parse(delivery(body as object), config);
    } catch (err) {
      expect(err).toBeInstanceOf(WebhookParseError);
      return;
    }
    for (const event of events) {
      expect(typeof event.externalId).toBe('string');
      expect(event.externalId).not.toBe('');
      expect(typeof event.author.id).toBe('string');
      expect(typeof event.text).toBe('string');
      expect(event.text).not.toContain('\u0000');
      expect(event.author.name ?? '').not.toContain('\u0000');
      expect(Array.isArray(event.attachments)).toBe(true);
      expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
    }
  }

  const SUBSTITUTES: unknown[] = [null, 0, -1, 1e308, 1.5, '', '\u0000', 'x'.repeat(5000), [], {}, [[]], true, { __proto__: { polluted: 1 } }];

  /** Every path to every value in the document, so each can be replaced by something it should not be. */
  function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
    if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
    if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
    return [];
  }
  function replaced(doc: unknown, path: Array<string | number>, substitute: unknown): unknown {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1)!] = substitute;
    return copy;
  }

  it.each(README_SIGNATURES.map(([platform, file]) => [platform, file] as const))('%s/%s: every field replaced by a wrong type', (platform, file) => {
    const { adapter, config } = setup(platform);
    const doc: unknown = JSON.parse(fixtureBytes(platform, file).toString('utf8'));
    for (const path of paths(doc)) for (const substitute of SUBSTITUTES) parsesSafely(adapter, config, replaced(doc, path, substitute));
  });

  it.each(ADAPTERS)('%s: deep nesting, huge arrays, prototype keys and NUL characters', (_name, adapter, config, object) => {
    parsesSafely(adapter, config, `{"object":"${object}","entry":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    parsesSafely(adapter, config, `{"object":"${object}","entry":[{"changes":[{"field":"feed","value":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}]}`);
    parsesSafely(adapter, config, { object, entry: Array.from({ length: 20_000 }, () => ({ changes: [{}], messaging: [{}] })) });
    parsesSafely(adapter, config, `{"object":"${object}","entry":[{"__proto__":{"changes":[1]},"constructor":{"prototype":{"x":1}},"changes":{"__proto__":[]}}]}`);
    parsesSafely(adapter, config, {
      object,
      entry: [{ id: '1', time: 1e300, messaging: [{ sender: { id: 'a\u0000b' }, recipient: { id: '1' }, timestamp: -1e300, message: { mid: 'm', text: 'hi\u0000there' } }] }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
