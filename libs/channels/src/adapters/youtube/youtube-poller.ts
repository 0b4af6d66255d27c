import { tryJson } from '../../http/read-json';
import type { ChannelConfig, HttpExecutor } from '../../types';
import { describeYoutubeError, youtubeHeaders } from './youtube-api';
import { toIso } from './youtube-comments.parser';

/** Where the last poll ended; stored as JSON on the channel row. */
export interface YoutubeCursor {
  /** ISO time of the newest publishedAt/updatedAt seen so far. */
  since: string | null;
  /**
   * totalReplyCount of each thread on the pages last fetched: a new reply on an older thread does not bring the
   * thread back to the top, but it does change this count.
   */
  replyCounts?: Record<string, number>;
}

export interface YoutubePoll {
  /** Raw response bodies, each stored as a delivery and read by parse(). */
  bodies: string[];
  cursor: YoutubeCursor;
}

/** Bounds on one poll's quota use (1 unit per list call); whatever is older waits for nobody: it was seen, or is lost. */
const MAX_THREAD_PAGES = 10;
const MAX_REPLY_PAGES = 5;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const items = (page: Json): Json[] => (Array.isArray(page.items) ? page.items.map(obj).filter((x): x is Json => x !== undefined) : []);

/**
 * Fetches what changed since the cursor: comment thread pages (newest first) until a page reaches threads not
 * updated since, then the full reply lists of threads whose embedded replies are partial. The first poll (no
 * cursor) takes one page. A non-2xx answer throws with the platform's message, so the caller backs off.
 */
export async function pollYoutube(config: ChannelConfig, cursor: YoutubeCursor | null, http: HttpExecutor): Promise<YoutubePoll> {
  const channelId = config.channelId;
  if (typeof channelId !== 'string' || channelId === '') throw new Error('this YouTube channel has no channelId');
  const since = toIso(cursor?.since);
  const knownCounts = obj(cursor?.replyCounts) ?? {};
  const bodies: string[] = [];
  const replyCounts: Record<string, number> = {};
  const needReplies: string[] = [];
  let newest = since ?? '';
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_THREAD_PAGES; page++) {
    const query = `part=snippet,replies&allThreadsRelatedToChannelId=${encodeURIComponent(channelId)}&order=time&maxResults=100&textFormat=plainText`;
    const { body, json } = await get(http, config, `/commentThreads?${query}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`);
    bodies.push(body);
    let reachedSeen = false;
    for (const thread of items(json)) {
      const activity = latestActivity(thread);
      if (activity > newest) newest = activity;
      if (since !== undefined && activity <= since) reachedSeen = true;
      const id = typeof thread.id === 'string' ? thread.id : undefined;
      const total = obj(thread.snippet)?.totalReplyCount;
      if (!id || typeof total !== 'number') continue;
      replyCounts[id] = total;
      const embedded = Array.isArray(obj(thread.replies)?.comments) ? (obj(thread.replies)!.comments as unknown[]).length : 0;
      const changed = since === undefined || activity > since || knownCounts[id] !== total;
      if (total > embedded && changed) needReplies.push(id);
    }
    pageToken = typeof json.nextPageToken === 'string' && json.nextPageToken !== '' ? json.nextPageToken : undefined;
    if (!pageToken || since === undefined || reachedSeen) break;
  }
  for (const threadId of needReplies) {
    let replyPage: string | undefined;
    for (let page = 0; page < MAX_REPLY_PAGES; page++) {
      const query = `part=snippet&parentId=${encodeURIComponent(threadId)}&maxResults=100&textFormat=plainText`;
      const { body, json } = await get(http, config, `/comments?${query}${replyPage ? `&pageToken=${encodeURIComponent(replyPage)}` : ''}`);
      bodies.push(body);
      for (const comment of items(json)) newest = maxTime(newest, obj(comment.snippet));
      replyPage = typeof json.nextPageToken === 'string' && json.nextPageToken !== '' ? json.nextPageToken : undefined;
      if (!replyPage) break;
    }
  }
  return { bodies, cursor: { since: newest || null, replyCounts } };
}

async function get(http: HttpExecutor, config: ChannelConfig, path: string): Promise<{ body: string; json: Json }> {
  const res = await http({ method: 'GET', url: `${config.apiBaseUrl}${path}`, headers: youtubeHeaders(config) });
  const parsed = tryJson(res.body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`YouTube API ${res.status}: ${describeYoutubeError(parsed) ?? (res.body.slice(0, 300) || 'no message')}`);
  }
  const json = obj(parsed);
  if (!json) throw new Error('YouTube API answered with something other than a JSON object');
  return { body: res.body, json };
}

/** The newest time in a thread: its top-level comment and the replies embedded with it. */
function latestActivity(thread: Json): string {
  let latest = maxTime('', obj(obj(obj(thread.snippet)?.topLevelComment)?.snippet));
  const replies = obj(thread.replies)?.comments;
  for (const reply of Array.isArray(replies) ? replies.slice(0, 1_000) : []) latest = maxTime(latest, obj(obj(reply)?.snippet));
  return latest;
}

function maxTime(current: string, snippet: Json | undefined): string {
  let latest = current;
  for (const t of [toIso(snippet?.publishedAt), toIso(snippet?.updatedAt)]) if (t !== undefined && t > latest) latest = t;
  return latest;
}
