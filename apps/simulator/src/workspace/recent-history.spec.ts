import { adapterFor } from '@app/channels/adapters/registry';
import { CHANNEL_TYPES, type ChannelType } from '@app/channels/types/channel-type';
import type { WebhookRequest } from '@app/channels/types/webhook-request';
import { demoAdapterConfig } from '../demo-accounts';
import { HISTORY, recentHistory } from './recent-history';

const NOW = new Date('2026-03-14T12:00:00Z');
const minutesAgo = (at: Date): number => (NOW.getTime() - at.getTime()) / 60_000;

describe('the demo workspace history', () => {
  const history = recentHistory(NOW);

  it('is the same on every new workspace', () => {
    expect(recentHistory(NOW).map((d) => d.body)).toEqual(history.map((d) => d.body));
    expect(history).toHaveLength(HISTORY.length);
  });

  it('covers every channel type but YouTube (which the fake platform serves to the poller), oldest first, within the last 40 minutes', () => {
    expect(new Set(history.map((d) => d.channelType))).toEqual(new Set(CHANNEL_TYPES.filter((t) => t !== 'youtube')));
    const ages = history.map((d) => minutesAgo(d.at));
    expect(ages.every((a) => a > 0 && a <= 40)).toBe(true);
    expect([...ages].sort((a, b) => b - a)).toEqual(ages);
  });

  it('has two customers waiting past a 15-minute first response, three past its 80% warning, and the rest on time', () => {
    const ages = history.map((d) => minutesAgo(d.at));
    expect(ages.filter((a) => a > 15)).toHaveLength(2);
    expect(ages.filter((a) => a >= 12 && a <= 15)).toHaveLength(3);
    expect(ages.filter((a) => a < 12).length).toBeGreaterThan(history.length / 2);
  });

  it("carries its moment in each platform's own timestamp field, which the desk reads as the message's time", () => {
    const baseUrls = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, 'http://fake.invalid'])) as Record<ChannelType, string>;
    for (const d of history) {
      const request: WebhookRequest = { method: 'POST', headers: { 'content-type': d.contentType }, query: {}, rawBody: Buffer.from(d.body, 'utf8') };
      const [event] = adapterFor(d.channelType).parse(request, demoAdapterConfig(d.channelType, baseUrls));
      expect(Math.abs(Date.parse(event!.occurredAt) - d.at.getTime())).toBeLessThan(1000);
    }
  });

  it('has customers who write again before an answer, replies from others in public threads, and text in every message', () => {
    const dms = history.filter((d) => d.kind === 'message');
    const writers = dms.map((d) => `${d.channelType}:${d.author.id}`);
    expect(new Set(writers).size).toBeLessThan(writers.length);
    expect(history.some((d) => d.parentExternalId !== undefined && d.kind === 'comment')).toBe(true);
    expect(history.every((d) => d.text.trim() !== '')).toBe(true);
    expect(new Set(history.map((d) => d.language))).toEqual(new Set(['it', 'en']));
  });
});
