import type { ChannelConfig } from '../../types/channel-type';
import { replyContext, response } from '../../testing/adapter-test-kit';
import { linkedinAdapter } from './linkedin.adapter';

const ORG = 'urn:li:organization:2414183';
const config: ChannelConfig = { apiBaseUrl: 'https://api.linkedin.com/rest', organizationUrn: ORG, clientSecret: 's', accessToken: 'li-token' };
const COMMENT = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890123456)';
const POST = 'urn:li:share:7205123456789012480';
const MENTION = 'urn:li:share:7205345678901234567';
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer li-token', 'linkedin-version': '202506', 'x-restli-protocol-version': '2.0.0' };

const commentCtx = (cfg: ChannelConfig = config) =>
  replyContext('linkedin', cfg, {
    kind: 'comment',
    threadKey: COMMENT,
    replyTo: { externalId: COMMENT, replyRef: { postUrn: POST, commentUrn: COMMENT, rootCommentUrn: COMMENT } },
  });
const mentionCtx = () => replyContext('linkedin', config, { kind: 'mention', threadKey: MENTION, replyTo: { externalId: MENTION, replyRef: { postUrn: MENTION } } });

describe('linkedinAdapter buildReply', () => {
  it('answers a comment thread under its root comment', () => {
    expect(linkedinAdapter.buildReply(commentCtx())).toEqual({
      method: 'POST',
      url: `https://api.linkedin.com/rest/socialActions/${encodeURIComponent(COMMENT)}/comments`,
      headers: HEADERS,
      body: JSON.stringify({ actor: ORG, object: POST, message: { text: 'Grazie, a presto! 🙏' }, parentComment: COMMENT }),
    });
  });

  it('answers a reply in the thread under the root, not under the reply', () => {
    const reply = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890999999)';
    const ctx = replyContext('linkedin', config, { kind: 'comment', threadKey: COMMENT, replyTo: { externalId: reply, parentExternalId: COMMENT, replyRef: { postUrn: POST, commentUrn: reply, rootCommentUrn: COMMENT } } });
    const req = linkedinAdapter.buildReply(ctx);
    expect(req.url).toBe(`https://api.linkedin.com/rest/socialActions/${encodeURIComponent(COMMENT)}/comments`);
    expect(JSON.parse(req.body!)).toMatchObject({ parentComment: COMMENT });
  });

  it('comments on the mentioning post for a mention, without parentComment', () => {
    expect(linkedinAdapter.buildReply(mentionCtx())).toEqual({
      method: 'POST',
      url: `https://api.linkedin.com/rest/socialActions/${encodeURIComponent(MENTION)}/comments`,
      headers: HEADERS,
      body: JSON.stringify({ actor: ORG, object: MENTION, message: { text: 'Grazie, a presto! 🙏' } }),
    });
  });

  it('uses the channel linkedinVersion, and falls back from the thread key when no inbound message is left', () => {
    const ctx = replyContext('linkedin', { ...config, linkedinVersion: '202511' }, { kind: 'comment', threadKey: COMMENT, replyTo: null });
    const req = linkedinAdapter.buildReply(ctx);
    expect(req.headers['linkedin-version']).toBe('202511');
    expect(JSON.parse(req.body!)).toEqual({ actor: ORG, object: 'urn:li:activity:7205123456789012480', message: { text: 'Grazie, a presto! 🙏' }, parentComment: COMMENT });
  });

  it('refuses to build a reply with no post to comment on', () => {
    expect(() => linkedinAdapter.buildReply(replyContext('linkedin', config, { kind: 'mention', threadKey: 'root:x', replyTo: null }))).toThrow(/no LinkedIn post/);
  });
});

describe('linkedinAdapter readReply', () => {
  const created = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205299999999999999)';

  it('reads the new comment URN from x-restli-id, decoded', () => {
    expect(linkedinAdapter.readReply(response(201, '', { 'x-restli-id': created }), commentCtx())).toEqual({ outcome: 'sent', externalId: created });
    expect(linkedinAdapter.readReply(response(201, '', { 'x-restli-id': encodeURIComponent(created) }), commentCtx())).toEqual({ outcome: 'sent', externalId: created });
  });

  it('makes a bare comment id the URN the echo will carry', () => {
    expect(linkedinAdapter.readReply(response(201, '', { 'x-restli-id': '7205299999999999999' }), commentCtx())).toEqual({ outcome: 'sent', externalId: created });
  });

  it('falls back to the $URN of the body', () => {
    expect(linkedinAdapter.readReply(response(201, { $URN: created, id: '7205299999999999999' }), commentCtx())).toEqual({ outcome: 'sent', externalId: created });
  });

  it('fails for good on a 4xx with LinkedIn message', () => {
    const res = response(403, { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: partnerApiSocialActions.CREATE' });
    expect(linkedinAdapter.readReply(res, commentCtx())).toEqual({ outcome: 'failed', error: '403: Not enough permissions to access: partnerApiSocialActions.CREATE' });
  });

  it('retries a 429 after Retry-After, and a 5xx', () => {
    const throttled = response(429, { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle limit reached' }, { 'retry-after': '60' });
    expect(linkedinAdapter.readReply(throttled, mentionCtx())).toEqual({ outcome: 'retry', error: '429: Resource level throttle limit reached', retryAfterSeconds: 60 });
    expect(linkedinAdapter.readReply(response(500, { status: 500, message: 'Internal Server Error' }), mentionCtx())).toEqual({ outcome: 'retry', error: '500: Internal Server Error' });
  });
});
