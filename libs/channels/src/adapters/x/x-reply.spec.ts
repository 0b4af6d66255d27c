import type { ChannelConfig } from '../../types/channel-type';
import { replyContext, response } from '../../testing/adapter-test-kit';
import { xAdapter } from './x.adapter';

const config: ChannelConfig = { apiBaseUrl: 'https://api.x.com', userId: '1402345678901234567', consumerSecret: 's', accessToken: 'x-user-token' };
const GIULIA = '1187654321098765432';

const tweetCtx = () =>
  replyContext('x', config, {
    kind: 'mention',
    threadKey: '1801234567890123456',
    contactId: GIULIA,
    replyTo: { externalId: '1801234567890123456', replyRef: { tweetId: '1801234567890123456', authorId: GIULIA, authorUsername: 'giuliarossi92' } },
  });
const dmCtx = () =>
  replyContext('x', config, {
    kind: 'message',
    threadKey: `dm:${GIULIA}`,
    contactId: GIULIA,
    replyTo: { externalId: '1801240000111222333', replyRef: { dmEventId: '1801240000111222333', participantId: GIULIA, dmConversationId: `${GIULIA}-1402345678901234567` } },
  });

describe('xAdapter buildReply', () => {
  it('replies to the answered tweet with POST /2/tweets', () => {
    const req = xAdapter.buildReply(tweetCtx());
    expect(req).toEqual({
      method: 'POST',
      url: 'https://api.x.com/2/tweets',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x-user-token' },
      body: JSON.stringify({ text: 'Grazie, a presto! 🙏', reply: { in_reply_to_tweet_id: '1801234567890123456' } }),
    });
  });

  it('answers a comment under the comment itself, from its externalId when replyRef is empty', () => {
    const ctx = replyContext('x', { ...config, apiBaseUrl: 'https://x.mock/' }, { kind: 'comment', threadKey: 'root:1801234999990001112', replyTo: { externalId: '1801234999990001112', parentExternalId: '1800999888777666555' } });
    const req = xAdapter.buildReply(ctx);
    expect(req.url).toBe('https://x.mock/2/tweets');
    expect(JSON.parse(req.body!)).toEqual({ text: 'Grazie, a presto! 🙏', reply: { in_reply_to_tweet_id: '1801234999990001112' } });
  });

  it('sends a DM to the customer with POST /2/dm_conversations/with/{participant_id}/messages', () => {
    expect(xAdapter.buildReply(dmCtx())).toEqual({
      method: 'POST',
      url: `https://api.x.com/2/dm_conversations/with/${GIULIA}/messages`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer x-user-token' },
      body: JSON.stringify({ text: 'Grazie, a presto! 🙏' }),
    });
  });

  it('finds the DM participant from the thread key when no inbound message is left', () => {
    const ctx = replyContext('x', config, { kind: 'message', threadKey: `dm:${GIULIA}`, replyTo: null });
    expect(xAdapter.buildReply(ctx).url).toBe(`https://api.x.com/2/dm_conversations/with/${GIULIA}/messages`);
  });

  it('refuses to build a reply with nothing to answer', () => {
    expect(() => xAdapter.buildReply(replyContext('x', config, { kind: 'mention', threadKey: 'root:x', replyTo: null }))).toThrow(/no tweet/);
    expect(() => xAdapter.buildReply(replyContext('x', config, { kind: 'message', threadKey: 'dm:../../evil', replyTo: null }))).toThrow(/direct message/);
  });
});

describe('xAdapter readReply', () => {
  it('reads the new tweet id from a 201', () => {
    const res = response(201, { data: { id: '1801235000000000001', text: 'Grazie', edit_history_tweet_ids: ['1801235000000000001'] } });
    expect(xAdapter.readReply(res, tweetCtx())).toEqual({ outcome: 'sent', externalId: '1801235000000000001' });
  });

  it('reads the dm_event_id (what the DM echo carries) from a 201', () => {
    const res = response(201, { data: { dm_conversation_id: `${GIULIA}-1402345678901234567`, dm_event_id: '1801241000000000002' } });
    expect(xAdapter.readReply(res, dmCtx())).toEqual({ outcome: 'sent', externalId: '1801241000000000002' });
  });

  it('fails for good on an RFC 7807 4xx, with X own words', () => {
    const res = response(403, { title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', status: 403 });
    expect(xAdapter.readReply(res, tweetCtx())).toEqual({ outcome: 'failed', error: '403: Forbidden: You are not allowed to create a Tweet with duplicate content.' });
  });

  it('fails for good on an errors[] 4xx', () => {
    const res = response(400, { errors: [{ parameters: { text: [''] }, message: 'Invalid value for text' }], title: 'Invalid Request', detail: undefined, type: 'https://api.twitter.com/2/problems/invalid-request' });
    expect(xAdapter.readReply(res, tweetCtx())).toEqual({ outcome: 'failed', error: '400: Invalid value for text' });
  });

  it('retries a 429 after x-rate-limit-reset', () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const res = response(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' });
    const outcome = xAdapter.readReply(res, dmCtx());
    expect(outcome).toMatchObject({ outcome: 'retry', error: '429: Too Many Requests' });
    expect(outcome.outcome === 'retry' && outcome.retryAfterSeconds).toBeGreaterThanOrEqual(118);
  });

  it('retries a 5xx, whatever its body', () => {
    expect(xAdapter.readReply(response(503, '<html>Over capacity</html>'), tweetCtx())).toEqual({ outcome: 'retry', error: '503: <html>Over capacity</html>' });
  });
});
