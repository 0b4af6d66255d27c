import { createHmac } from 'node:crypto';
import { fixtureBytes } from '../../testing/fixtures';
import type { ChannelConfig } from '../../types/channel-type';
import { WebhookParseError } from '../../types/webhook-request';
import { deeplyNested, delivery, getRequest } from '../../testing/adapter-test-kit';
import { linkedinAdapter } from './linkedin.adapter';

const ORG = 'urn:li:organization:2414183';
const config: ChannelConfig = { apiBaseUrl: 'https://api.linkedin.com/rest', organizationUrn: ORG, clientSecret: 'test_linkedin_client_secret_77', accessToken: 'li-token' };
const COMMENT = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890123456)';
const POST = 'urn:li:share:7205123456789012480';

/** The README's precomputed X-LI-Signature of each fixture. */
const SIGNED: Record<string, string> = {
  'org_comment.json': 'f80451be9ebee59b9d45144f6f92d0c7343629d7297ddf7a6d58b75cf9285baa',
  'org_share_mention.json': '2c0b2e4abf57dd4a45e4a21b65216cd9927433ec838e0c5d6c2fb50c76c3c4ff',
  'org_comment_delete.json': '7ee0a338582418d23252b4dd66ec00e9a9eed71fe7f657cdec6f7d5962b0990b',
};

const fixture = (file: string) => delivery(fixtureBytes('linkedin', file), { 'x-li-signature': SIGNED[file] });
const parse = (body: unknown) => linkedinAdapter.parse(delivery(typeof body === 'string' ? body : JSON.stringify(body)), config);
const notification = (file: string) => JSON.parse(fixtureBytes('linkedin', file).toString('utf8')).notifications[0];
const envelope = (...notifications: unknown[]) => ({ type: 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS', notifications });

describe('linkedinAdapter handshake (challengeCode)', () => {
  it('answers the README challenge with the precomputed hex HMAC as JSON', () => {
    const answer = linkedinAdapter.handshake(getRequest({ challengeCode: 'f7e8a9b0-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }), config);
    expect(answer).toEqual({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ challengeCode: 'f7e8a9b0-1c2d-4e3f-8a9b-0c1d2e3f4a5b', challengeResponse: 'abd4743d96e810d3da4dc5de1c3f3232175890acbdac200d7d2f41ddcea4749f' }),
    });
  });

  it('is not a handshake without challengeCode or on a POST; refuses without a client secret', () => {
    expect(linkedinAdapter.handshake(getRequest({ 'hub.challenge': '1' }), config)).toBeNull();
    expect(linkedinAdapter.handshake({ ...delivery('{}'), query: { challengeCode: 'x' } }, config)).toBeNull();
    expect(linkedinAdapter.handshake(getRequest({ challengeCode: 'x' }), { ...config, clientSecret: undefined })?.status).toBe(403);
  });
});

describe('linkedinAdapter verify', () => {
  it.each(Object.keys(SIGNED))('accepts %s with its README signature', (file) => {
    expect(linkedinAdapter.verify(fixture(file), config)).toEqual({ ok: true });
  });

  it.each(Object.keys(SIGNED))('signDelivery reproduces the README signature of %s', (file) => {
    expect(linkedinAdapter.signDelivery(fixtureBytes('linkedin', file), config)).toEqual({ 'x-li-signature': SIGNED[file] });
  });

  it('accepts the hex in upper case', () => {
    const body = fixtureBytes('linkedin', 'org_comment.json');
    expect(linkedinAdapter.verify(delivery(body, { 'x-li-signature': SIGNED['org_comment.json']!.toUpperCase() }), config)).toEqual({ ok: true });
  });

  it('rejects a tampered body, another secret, or a signature of the body without the prefix with 403', () => {
    const body = fixtureBytes('linkedin', 'org_comment.json');
    const tampered = Buffer.from(body.toString('utf8').replace('Congrats', 'Congratz'));
    expect(linkedinAdapter.verify(delivery(tampered, { 'x-li-signature': SIGNED['org_comment.json'] }), config)).toMatchObject({ ok: false, status: 403 });
    expect(linkedinAdapter.verify(fixture('org_comment.json'), { ...config, clientSecret: 'another' })).toMatchObject({ ok: false, status: 403 });
    const unprefixed = createHmac('sha256', 'test_linkedin_client_secret_77').update(body).digest('hex');
    expect(linkedinAdapter.verify(delivery(body, { 'x-li-signature': unprefixed }), config)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a missing signature header with 401', () => {
    expect(linkedinAdapter.verify(delivery(fixtureBytes('linkedin', 'org_comment.json')), config)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('linkedinAdapter parse: fixtures', () => {
  it('org_comment.json: a top-level comment rooting its own thread', () => {
    expect(linkedinAdapter.parse(fixture('org_comment.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'comment',
        externalId: COMMENT,
        threadKey: COMMENT,
        author: { id: 'urn:li:person:Q9wErT5yUi' },
        text: 'Complimenti per i 55 anni di attività! 🎉 Congrats on the anniversary',
        attachments: [],
        occurredAt: '2024-06-10T17:20:00.000Z',
        isEcho: false,
        context: { url: `https://www.linkedin.com/feed/update/${POST}/` },
        replyRef: { postUrn: POST, commentUrn: COMMENT, rootCommentUrn: COMMENT },
      },
    ]);
  });

  it('org_share_mention.json: the mentioning post, rooting its own thread', () => {
    const mention = 'urn:li:share:7205345678901234567';
    expect(linkedinAdapter.parse(fixture('org_share_mention.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'mention',
        externalId: mention,
        threadKey: mention,
        author: { id: 'urn:li:person:Lm3NoP7qRs' },
        text: 'Great team lunch today at Trattoria Da Gino 🍝 highly recommended for client meetings in Rome.',
        attachments: [],
        occurredAt: '2024-06-10T17:36:40.000Z',
        isEcho: false,
        context: { url: `https://www.linkedin.com/feed/update/${mention}/` },
        replyRef: { postUrn: mention },
      },
    ]);
  });

  it('org_comment_delete.json: a delete of the comment', () => {
    expect(linkedinAdapter.parse(fixture('org_comment_delete.json'), config)).toEqual([
      { op: 'delete', kind: 'comment', externalId: COMMENT, author: { id: 'urn:li:person:unknown' }, text: '', attachments: [], occurredAt: '2024-06-10T17:53:20.000Z', isEcho: false },
    ]);
  });
});

describe('linkedinAdapter parse: other notifications', () => {
  const reply = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890999999)';

  it('a reply (decorated parentComment) joins its root comment thread', () => {
    const n = notification('org_comment.json');
    n.generatedActivity = reply;
    n.decoratedGeneratedActivity.comment = { ...n.decoratedGeneratedActivity.comment, entity: reply, parentComment: COMMENT, owner: { urn: 'urn:li:person:Ab1', localizedFirstName: 'Marco', localizedLastName: 'Bianchi' } };
    expect(parse(envelope(n))[0]).toMatchObject({ externalId: reply, threadKey: COMMENT, parentExternalId: COMMENT, author: { id: 'urn:li:person:Ab1', name: 'Marco Bianchi' }, replyRef: { rootCommentUrn: COMMENT } });
  });

  it('ADMIN_COMMENT is our own echo in the thread it answers', () => {
    const n = notification('org_comment.json');
    n.action = 'ADMIN_COMMENT';
    n.generatedActivity = reply;
    n.decoratedGeneratedActivity.comment = { entity: reply, parentComment: COMMENT, owner: ORG, text: 'Grazie mille!' };
    expect(parse(envelope(n))[0]).toMatchObject({ isEcho: true, author: { id: ORG }, threadKey: COMMENT, parentExternalId: COMMENT, text: 'Grazie mille!' });
  });

  it('COMMENT_EDIT is an edit of the same comment', () => {
    const n = notification('org_comment.json');
    n.action = 'COMMENT_EDIT';
    n.decoratedGeneratedActivity.comment.text = 'Complimenti! (edited)';
    expect(parse(envelope(n))[0]).toMatchObject({ op: 'edit', externalId: COMMENT, text: 'Complimenti! (edited)' });
  });

  it('a comment without decorated data asks for enrichment', () => {
    const n = notification('org_comment.json');
    delete n.decoratedGeneratedActivity;
    expect(parse(envelope(n))[0]).toMatchObject({ externalId: COMMENT, author: { id: 'urn:li:person:unknown' }, text: '', needsEnrichment: true, replyRef: { postUrn: POST } });
  });

  it('ignores likes and reshares, and other notification types; yields every event of a batch', () => {
    const like = { ...notification('org_comment.json'), action: 'LIKE' };
    const share = { ...notification('org_share_mention.json'), action: 'SHARE' };
    expect(parse(envelope(like, share))).toEqual([]);
    expect(parse({ type: 'SOMETHING_ELSE', notifications: [notification('org_comment.json')] })).toEqual([]);
    const batch = parse(envelope(notification('org_comment.json'), like, notification('org_share_mention.json'), notification('org_comment_delete.json')));
    expect(batch.map((e) => [e.op, e.kind, e.externalId])).toEqual([
      ['create', 'comment', COMMENT],
      ['create', 'mention', 'urn:li:share:7205345678901234567'],
      ['delete', 'comment', COMMENT],
    ]);
  });
});

describe('linkedinAdapter parse: hostile bodies', () => {
  it.each([
    ['not JSON', '<xml/>'],
    ['a JSON array', '[]'],
    ['an object without notifications', '{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS"}'],
    ['notifications that is an object', '{"notifications":{"0":{}}}'],
    ['a numeric type', '{"type":5,"notifications":[]}'],
    ['deeply nested JSON', deeplyNested(100_000)],
  ])('throws WebhookParseError for %s', (_, body) => {
    expect(() => parse(body)).toThrow(WebhookParseError);
  });

  it('skips notifications of the wrong shape without throwing', () => {
    const junk = [null, 1, 'x', [], {}, { action: 'COMMENT' }, { action: 'COMMENT', generatedActivity: 'urn:li:share:1' }, { action: 'COMMENT', generatedActivity: 42 }, { action: 'SHARE_MENTION', generatedActivity: 'not a urn' }, { action: ['COMMENT'] }];
    expect(parse({ notifications: [...junk, ...new Array(10_000).fill({ action: 'LIKE' })] })).toEqual([]);
  });

  it('survives wrong types inside a valid notification, stripping NUL', () => {
    const n = notification('org_comment.json');
    n.lastModifiedAt = 'yesterday';
    n.sourcePost = { urn: 1 };
    n.decoratedGeneratedActivity.comment = { owner: 'urn:li:person:A\u0000b', text: 'ci\u0000ao', parentComment: 7, object: [] };
    const [event] = parse(envelope(n));
    expect(event).toMatchObject({ text: 'ciao', author: { id: 'urn:li:person:Ab' }, threadKey: COMMENT, replyRef: { postUrn: 'urn:li:activity:7205123456789012480' } });
    expect(Number.isNaN(Date.parse(event!.occurredAt))).toBe(false);
  });
});
