import { fixtureBytes } from '../../testing/fixtures';
import type { ChannelConfig, HttpExecutor, HttpRequest, HttpResponse } from '../../types';
import { pollYoutube } from './youtube-poller';

const config: ChannelConfig = { apiBaseUrl: 'https://www.googleapis.com/youtube/v3', channelId: 'UCx1y2z3DaGino00000000Ab', accessToken: 'ya29.token', pollSeconds: 60 };
const BASE = 'https://www.googleapis.com/youtube/v3';
const THREADS = `${BASE}/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=UCx1y2z3DaGino00000000Ab&order=time&maxResults=100&textFormat=plainText`;
const THREAD_1 = 'UgzKp4Qx9rN2mB7vL1Z4AaABAg';
const REPLIES_1 = `${BASE}/comments?part=snippet&parentId=${THREAD_1}&maxResults=100&textFormat=plainText`;
const PAGE_2_TOKEN = 'QURTSl9pMlR4Z2p2N0JxN0w1dk5hbTRnT1Z4U0pzZkRfVGFwdGhiS1l5eF9yR1BuS2x4SHp0RUlfQ2xvU2s=';

const text = (file: string): string => fixtureBytes('youtube', file).toString('utf8');
/** Page 1 as the fixture has it, optionally claiming more replies on thread 1 than it embeds. */
function page1(totalReplies = 2): string {
  const page = JSON.parse(text('commentThreads_list_response.json'));
  page.items[0].snippet.totalReplyCount = totalReplies;
  return JSON.stringify(page);
}
function olderPage(publishedAt: string, nextPageToken?: string): string {
  const top = { id: 'UgOld', snippet: { textOriginal: 'old', authorChannelId: { value: 'UCold' }, publishedAt, updatedAt: publishedAt } };
  return JSON.stringify({ kind: 'youtube#commentThreadListResponse', ...(nextPageToken ? { nextPageToken } : {}), items: [{ kind: 'youtube#commentThread', id: 'UgOld', snippet: { topLevelComment: top, totalReplyCount: 0 } }] });
}

/** A fake API: answers by exact URL, records every request, fails the test on an unexpected one. */
function fakeApi(routes: Record<string, string | HttpResponse>): { http: HttpExecutor; calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  const http: HttpExecutor = async (req) => {
    calls.push(req);
    const answer = routes[req.url];
    if (answer === undefined) throw new Error(`unexpected request ${req.url}`);
    return typeof answer === 'string' ? { status: 200, headers: { 'content-type': 'application/json' }, body: answer } : answer;
  };
  return { http, calls };
}

describe('pollYoutube', () => {
  it('first poll: one page only, Bearer token, cursor at the newest time seen', async () => {
    const { http, calls } = fakeApi({ [THREADS]: page1() });
    const result = await pollYoutube(config, null, http);
    expect(calls).toEqual([{ method: 'GET', url: THREADS, headers: { authorization: 'Bearer ya29.token', accept: 'application/json' } }]);
    expect(result.bodies).toEqual([page1()]);
    expect(result.cursor).toEqual({ since: '2024-06-10T10:01:44.000Z', replyCounts: { [THREAD_1]: 2, Ugw7tYc3nM8kP2qR5sX9AaABAg: 0 } });
    expect(JSON.parse(JSON.stringify(result.cursor))).toEqual(result.cursor);
  });

  it('fetches the full reply list of a thread whose embedded replies are partial', async () => {
    const replies = text('comments_list_replies_response.json');
    const { http, calls } = fakeApi({ [THREADS]: page1(5), [REPLIES_1]: replies });
    const result = await pollYoutube(config, null, http);
    expect(calls.map((c) => c.url)).toEqual([THREADS, REPLIES_1]);
    expect(calls[1]!.headers.authorization).toBe('Bearer ya29.token');
    expect(result.bodies).toEqual([page1(5), replies]);
  });

  it('follows nextPageToken while every thread is newer than the cursor, and stops at the first page reaching it', async () => {
    const page2 = olderPage('2024-05-01T00:00:00Z', 'PAGE3');
    const { http, calls } = fakeApi({ [THREADS]: page1(), [`${THREADS}&pageToken=${encodeURIComponent(PAGE_2_TOKEN)}`]: page2 });
    const result = await pollYoutube(config, { since: '2024-06-01T00:00:00.000Z' }, http);
    expect(calls).toHaveLength(2);
    expect(result.bodies).toEqual([page1(), page2]);
    expect(result.cursor.since).toBe('2024-06-10T10:01:44.000Z');
    expect(result.cursor.replyCounts).toEqual({ [THREAD_1]: 2, Ugw7tYc3nM8kP2qR5sX9AaABAg: 0, UgOld: 0 });
  });

  it('does not page past threads already seen, and keeps the cursor when nothing is newer', async () => {
    const { http, calls } = fakeApi({ [THREADS]: page1() });
    const result = await pollYoutube(config, { since: '2024-06-10T10:01:44.000Z', replyCounts: {} }, http);
    expect(calls).toHaveLength(1);
    expect(result.cursor.since).toBe('2024-06-10T10:01:44.000Z');
  });

  it('re-fetches the replies of an older thread only when its reply count changed', async () => {
    const cursor = { since: '2024-06-11T00:00:00.000Z', replyCounts: { [THREAD_1]: 5 } };
    const unchanged = fakeApi({ [THREADS]: page1(5) });
    await pollYoutube(config, cursor, unchanged.http);
    expect(unchanged.calls).toHaveLength(1);

    const morePage = JSON.stringify({ kind: 'youtube#commentListResponse', nextPageToken: 'R2', items: [] });
    const lastPage = JSON.stringify({ kind: 'youtube#commentListResponse', items: [{ id: `${THREAD_1}.New`, snippet: { parentId: THREAD_1, publishedAt: '2024-06-12T08:00:00Z', updatedAt: '2024-06-12T08:00:00Z' } }] });
    const changed = fakeApi({ [THREADS]: page1(6), [REPLIES_1]: morePage, [`${REPLIES_1}&pageToken=R2`]: lastPage });
    const result = await pollYoutube(config, cursor, changed.http);
    expect(changed.calls.map((c) => c.url)).toEqual([THREADS, REPLIES_1, `${REPLIES_1}&pageToken=R2`]);
    expect(result.bodies).toHaveLength(3);
    expect(result.cursor).toEqual({ since: '2024-06-12T08:00:00.000Z', replyCounts: { [THREAD_1]: 6, Ugw7tYc3nM8kP2qR5sX9AaABAg: 0 } });
  });

  it("throws the platform's message on a quota error, so the caller backs off", async () => {
    const { http } = fakeApi({ [THREADS]: { status: 403, headers: {}, body: text('error_quota_exceeded.json') } });
    await expect(pollYoutube(config, null, http)).rejects.toThrow('YouTube API 403: The request cannot be completed because you have exceeded your quota. (quotaExceeded)');
  });

  it('throws when a reply fetch fails, on a 2xx that is not JSON, and without a channelId', async () => {
    const failing = fakeApi({ [THREADS]: page1(5), [REPLIES_1]: { status: 500, headers: {}, body: 'oops' } });
    await expect(pollYoutube(config, null, failing.http)).rejects.toThrow('YouTube API 500: oops');
    await expect(pollYoutube(config, null, fakeApi({ [THREADS]: '<html>' }).http)).rejects.toThrow('JSON object');
    await expect(pollYoutube({ ...config, channelId: undefined }, null, fakeApi({}).http)).rejects.toThrow('channelId');
  });

  it('treats a damaged cursor as a first poll', async () => {
    const { http, calls } = fakeApi({ [THREADS]: page1() });
    await pollYoutube(config, { since: 'garbage', replyCounts: 'x' as unknown as Record<string, number> }, http);
    expect(calls).toHaveLength(1);
  });
});
