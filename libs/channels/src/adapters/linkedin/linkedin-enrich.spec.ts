import type { ChannelConfig } from '../../types/channel-type';
import type { HttpRequest } from '../../types/outbound';
import { delivery, response } from '../../testing/adapter-test-kit';
import { linkedinAdapter } from './linkedin.adapter';

const ORG = 'urn:li:organization:2414183';
const config: ChannelConfig = { apiBaseUrl: 'https://api.linkedin.com/rest', organizationUrn: ORG, clientSecret: 's', accessToken: 'li-token' };
const ROOT = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890123456)';
const REPLY = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890999999)';

const bare = (action: string, generatedActivity: string) =>
  linkedinAdapter.parse(
    delivery(JSON.stringify({ notifications: [{ notificationId: 1, action, sourcePost: 'urn:li:share:7205123456789012480', generatedActivity, lastModifiedAt: 1718040000000 }] })),
    config,
  )[0]!;

describe('linkedinAdapter enrich', () => {
  it('fetches a bare comment: author, text and its root', async () => {
    const seen: HttpRequest[] = [];
    const http = async (req: HttpRequest) => {
      seen.push(req);
      return response(200, { actor: 'urn:li:person:Q9wErT5yUi', message: { text: 'Bravi!' }, parentComment: ROOT, object: 'urn:li:activity:7205123456789012480' });
    };
    const event = await linkedinAdapter.enrich!(bare('COMMENT', REPLY), config, http);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: `https://api.linkedin.com/rest/socialActions/${encodeURIComponent('urn:li:activity:7205123456789012480')}/comments/7205234567890999999`,
      headers: { authorization: 'Bearer li-token', 'x-restli-protocol-version': '2.0.0' },
    });
    expect(event).toMatchObject({ author: { id: 'urn:li:person:Q9wErT5yUi' }, text: 'Bravi!', threadKey: ROOT, parentExternalId: ROOT, replyRef: { rootCommentUrn: ROOT } });
    expect(event.needsEnrichment).toBeUndefined();
  });

  it('fetches a bare mention from /posts', async () => {
    const mention = linkedinAdapter.parse(delivery(JSON.stringify({ notifications: [{ action: 'SHARE_MENTION', generatedActivity: 'urn:li:share:9', lastModifiedAt: 1 }] })), config)[0]!;
    let url = '';
    const event = await linkedinAdapter.enrich!(mention, config, async (req) => {
      url = req.url;
      return response(200, { author: 'urn:li:person:Zz', commentary: 'Pranzo top' });
    });
    expect(url).toBe(`https://api.linkedin.com/rest/posts/${encodeURIComponent('urn:li:share:9')}`);
    expect(event).toMatchObject({ author: { id: 'urn:li:person:Zz' }, text: 'Pranzo top', kind: 'mention' });
  });

  it('keeps the event incomplete when LinkedIn refuses, and throws to retry on throttling or outage', async () => {
    const ev = bare('COMMENT', ROOT);
    expect(await linkedinAdapter.enrich!(ev, config, async () => response(403, { message: 'no' }))).toEqual(ev);
    await expect(linkedinAdapter.enrich!(ev, config, async () => response(429, ''))).rejects.toThrow(/429/);
    await expect(linkedinAdapter.enrich!(ev, config, async () => response(503, ''))).rejects.toThrow(/503/);
  });

  it('survives a junk answer', async () => {
    const ev = bare('COMMENT', ROOT);
    expect(await linkedinAdapter.enrich!(ev, config, async () => response(200, 'not json'))).toMatchObject({ externalId: ROOT, needsEnrichment: true });
  });
});
