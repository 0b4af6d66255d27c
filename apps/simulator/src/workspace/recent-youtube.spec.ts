import { defaultYoutubeData } from '../fake-platform/youtube-store';
import { recentYoutubeData, YOUTUBE_WINDOW_MINUTES } from './recent-youtube';

const NOW = new Date('2026-03-14T12:00:00Z');

function times(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => times(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (k === 'publishedAt' || k === 'updatedAt') && typeof v === 'string' ? out.push(v) : times(v, out);
  return out;
}

describe('the fake YouTube comments for the demo workspace', () => {
  it('moves the fixture comments into the last half hour, keeping their order and everything else', () => {
    const original = defaultYoutubeData();
    const recent = recentYoutubeData(original, NOW);
    const before = times(original);
    const after = times(recent);
    expect(before.length).toBeGreaterThan(3);
    expect(after).toHaveLength(before.length);
    const [oldest, newest] = YOUTUBE_WINDOW_MINUTES.map((m) => NOW.getTime() - m * 60_000);
    for (const t of after) {
      expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(t)).toBeGreaterThanOrEqual(oldest! - 1000);
      expect(Date.parse(t)).toBeLessThanOrEqual(newest! + 1000);
    }
    const order = (list: string[]) => list.map((_, i) => i).sort((a, b) => Date.parse(list[a]!) - Date.parse(list[b]!) || a - b);
    expect(order(after)).toEqual(order(before));
    const blank = (data: unknown) => JSON.stringify(data).replace(/"(publishedAt|updatedAt)":"[^"]*"/g, '"$1":""');
    expect(blank(recent)).toEqual(blank(original));
  });
});
