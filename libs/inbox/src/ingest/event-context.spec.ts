import type { NormalizedEvent } from '@app/channels';
import { eventContext } from './event-context';

const ev = (fields: Partial<NormalizedEvent>): NormalizedEvent => ({
  op: 'create',
  kind: 'comment',
  externalId: 'e-1',
  author: { id: 'a-1' },
  text: 'hi',
  attachments: [],
  occurredAt: '2026-03-01T09:00:00.000Z',
  isEcho: false,
  ...fields,
});

describe('eventContext', () => {
  it("keeps the event's http(s) link and title, trimmed", () => {
    expect(eventContext('api', ev({ context: { url: ' https://shop.example/p/1 ', title: ' Oven ' } }))).toEqual({ url: 'https://shop.example/p/1', title: 'Oven' });
    expect(eventContext('youtube', ev({ context: { url: 'https://www.youtube.com/watch?v=abc&lc=xyz' } }))).toEqual({
      url: 'https://www.youtube.com/watch?v=abc&lc=xyz',
      title: null,
    });
  });

  it('drops links that are not http(s) or not links at all, and answers null when nothing is left', () => {
    expect(eventContext('api', ev({ context: { url: 'javascript:alert(1)', title: 'Promo' } }))).toEqual({ url: null, title: 'Promo' });
    expect(eventContext('api', ev({ context: { url: 'data:text/html,<b>x</b>' } }))).toBeNull();
    expect(eventContext('api', ev({ context: { url: 'not a url', title: '   ' } }))).toBeNull();
    expect(eventContext('api', ev({ context: { url: `https://x.example/${'a'.repeat(2_100)}` } }))).toBeNull();
    expect(eventContext('api', ev({}))).toBeNull();
  });

  it("builds a Facebook Page post's public address from its id, for comments only", () => {
    const comment = ev({ replyRef: { postId: '104857600123456_987654321098765', commentId: 'c' } });
    expect(eventContext('facebook', comment)).toEqual({ url: 'https://www.facebook.com/104857600123456/posts/987654321098765', title: null });
    expect(eventContext('facebook', { ...comment, context: { url: 'https://www.facebook.com/permalink' } })?.url).toBe('https://www.facebook.com/permalink');
    expect(eventContext('facebook', { ...comment, kind: 'message' })).toBeNull();
    expect(eventContext('instagram', comment)).toBeNull();
    expect(eventContext('facebook', ev({ replyRef: { postId: 'not-a-post-id' } }))).toBeNull();
  });
});
