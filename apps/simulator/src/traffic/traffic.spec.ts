import { adapterFor } from '@app/channels/adapters/registry';
import type { ChannelType } from '@app/channels/types/channel-type';
import type { NormalizedEvent } from '@app/channels/types/normalized-event';
import type { WebhookRequest } from '@app/channels/types/webhook-request';
import { demoAdapterConfig } from '../demo-accounts';
import { createRng } from './random';
import { createTraffic, GENERATORS, type GeneratorName } from './traffic-mix';
import { TrafficMemory, type GeneratedDelivery } from './traffic.types';

const BASE = 'http://fake.invalid';
const baseUrls: Record<ChannelType, string> = {
  facebook: `${BASE}/graph/v23.0`,
  instagram: `${BASE}/graph/v23.0`,
  whatsapp: `${BASE}/graph/v23.0`,
  x: `${BASE}/x`,
  telegram: `${BASE}/telegram`,
  youtube: `${BASE}/youtube/v3`,
  linkedin: `${BASE}/linkedin/rest`,
  email: `${BASE}/postmark`,
  api: `${BASE}/api-reply`,
};

function deliver(d: GeneratedDelivery): { request: WebhookRequest; events: NormalizedEvent[] } {
  const config = demoAdapterConfig(d.channelType, baseUrls);
  const adapter = adapterFor(d.channelType);
  const rawBody = Buffer.from(d.body, 'utf8');
  const headers = { 'content-type': d.contentType, ...lower(adapter.signDelivery(rawBody, config)) };
  const request: WebhookRequest = { method: 'POST', headers, query: {}, rawBody };
  expect(adapter.verify(request, config)).toEqual({ ok: true });
  return { request, events: adapter.parse(request, config) };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Runs one generator long enough to produce fresh events, returning customers and replies. */
function run(name: GeneratorName, count: number, seed = 7): GeneratedDelivery[] {
  const rng = createRng(seed);
  const memory = new TrafficMemory();
  const start = Date.parse('2025-05-01T10:00:00Z');
  return Array.from({ length: count }, (_, i) => GENERATORS[name](rng, memory, new Date(start + i * 1500)));
}

describe('generated traffic', () => {
  it.each(Object.keys(GENERATORS) as GeneratorName[])('%s: every delivery verifies and parses to the event it describes', (name) => {
    const deliveries = run(name, 60);
    for (const d of deliveries) {
      const { events } = deliver(d);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({ op: 'create', externalId: d.externalId, kind: d.kind, isEcho: false });
      expect(event!.author.id).toBe(d.author.id);
      if (d.channelType === 'x') expect(event!.text).toContain(d.text);
      else expect(event!.text).toBe(d.text);
      if (d.parentExternalId) expect(event!.parentExternalId).toBe(d.parentExternalId);
      if (d.author.followers !== undefined) expect(event!.author.followers).toBe(d.author.followers);
      expect(Number.isNaN(Date.parse(event!.occurredAt))).toBe(false);
    }
  });

  it.each(['api', 'facebookComment', 'instagramComment', 'telegram', 'x', 'messengerMessage', 'whatsapp', 'email', 'linkedin'] as GeneratorName[])(
    '%s: produces replies to earlier events and returning customers',
    (name) => {
      const deliveries = run(name, 80);
      expect(deliveries.some((d) => d.parentExternalId !== undefined)).toBe(true);
      const authors = deliveries.map((d) => d.author.id);
      expect(new Set(authors).size).toBeLessThan(authors.length);
      expect(new Set(deliveries.map((d) => d.externalId)).size).toBe(deliveries.length);
    },
  );

  it.each(['api', 'facebookComment', 'instagramComment', 'telegram', 'x', 'linkedin'] as GeneratorName[])('%s: a reply in a public thread comes from someone else', (name) => {
    const deliveries = run(name, 120);
    const authorOf = new Map(deliveries.map((d) => [d.externalId, d.author.id]));
    const replies = deliveries.filter((d) => d.parentExternalId !== undefined && d.kind !== 'message');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.author.id).not.toBe(authorOf.get(reply.parentExternalId!));
  });

  it("email: a customer's follow-up lands in their earlier thread", () => {
    const deliveries = run('email', 80);
    const followUp = deliveries.find((d) => d.parentExternalId !== undefined)!;
    const first = deliveries.find((d) => d.externalId === followUp.parentExternalId)!;
    expect(followUp.author.id).toBe(first.author.id);
    const [a] = deliver(first).events;
    const [b] = deliver(followUp).events;
    expect(b!.threadKey).toBe(a!.threadKey);
  });

  it('escapes Meta and Telegram bodies as those platforms do (ASCII only, \\/), and writes X ids as bare big numbers', () => {
    for (const name of ['facebookComment', 'messengerMessage', 'instagramComment', 'whatsapp', 'telegram'] as GeneratorName[]) {
      const bodies = run(name, 20).map((d) => d.body);
      expect(bodies.every((b) => /^[\x20-\x7e]*$/.test(b))).toBe(true);
      expect(bodies.some((b) => /\\u[0-9a-f]{4}/.test(b))).toBe(true);
      expect(bodies.every((b) => !/[^\\]\//.test(b))).toBe(true);
    }
    const x = run('x', 5)[0]!;
    expect(x.body).toMatch(new RegExp(`"id":${x.externalId},"id_str":"${x.externalId}"`));
  });

  it('mixes mostly api events with the platforms, in Italian and English with emoji, deterministically per seed', () => {
    const at = new Date('2025-05-01T10:00:00Z');
    const first = createTraffic({ seed: 3 });
    const again = createTraffic({ seed: 3 });
    const deliveries = Array.from({ length: 300 }, () => first.next(at));
    expect(Array.from({ length: 300 }, () => again.next(at).body)).toEqual(deliveries.map((d) => d.body));
    const byType = new Map<string, number>();
    for (const d of deliveries) byType.set(d.channelType, (byType.get(d.channelType) ?? 0) + 1);
    expect(byType.get('api')!).toBeGreaterThan(120);
    expect([...byType.keys()].sort()).toEqual(['api', 'facebook', 'instagram', 'telegram', 'whatsapp', 'x']);
    const texts = deliveries.map((d) => d.text).join(' ');
    expect(texts).toMatch(/[àèéìòù’]|Ciao|Vorrei|Avete/);
    expect(texts).toMatch(/\b(the|Do you|Could I)\b/);
    expect(texts).toMatch(/\p{Extended_Pictographic}/u);
    const followers = deliveries.flatMap((d) => (d.author.followers !== undefined ? [d.author.followers] : []));
    expect(Math.max(...followers)).toBeGreaterThan(15_000);
  });

  it('keeps every delivery parseable when only one platform is weighted', () => {
    const traffic = createTraffic({ seed: 9, weights: { api: 0, facebookComment: 0, messengerMessage: 0, instagramComment: 0, instagramDm: 0, whatsapp: 0, x: 0 } });
    for (let i = 0; i < 20; i++) expect(traffic.next().channelType).toBe('telegram');
  });
});
