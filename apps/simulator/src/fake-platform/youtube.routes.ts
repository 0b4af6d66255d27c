import { createHash } from 'node:crypto';
import { token } from './ids';
import { bearer, isObject, json } from './request-params';
import type { FakeRequest, FakeResponse, PlatformRouter, RouteHandler } from './types';
import type { YoutubeStore } from './youtube-store';

type Item = Record<string, unknown>;

const REASONS: Record<number, [string, string]> = {
  400: ['global', 'badRequest'],
  401: ['global', 'authError'],
  403: ['global', 'forbidden'],
  404: ['global', 'notFound'],
  429: ['youtube.quota', 'rateLimitExceeded'],
};

export function youtubeError(status: number, message: string, reason?: string, domain?: string): unknown {
  const [defaultDomain, defaultReason] = REASONS[status] ?? ['global', 'backendError'];
  return { error: { code: status, message, errors: [{ message, domain: domain ?? defaultDomain, reason: reason ?? defaultReason }] } };
}

/** Reads may use an API key; writes need OAuth. */
function withAuth(handler: RouteHandler, keyAllowed: boolean): RouteHandler {
  return (req) => {
    if (bearer(req) || (keyAllowed && req.query.key)) return handler(req);
    const message = 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
    return json(401, youtubeError(401, message, 'required'));
  };
}

/** Every Data API call names the parts it reads or writes. */
function withPart(handler: RouteHandler): RouteHandler {
  return (req) => (req.query.part ? handler(req) : json(400, youtubeError(400, 'Required parameter: part', 'required')));
}

const etag = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 27);

function list(kind: string, items: Item[]): Item {
  return { kind, etag: etag(items), pageInfo: { totalResults: items.length, resultsPerPage: 100 }, items };
}

function snippetText(req: FakeRequest): { snippet: Item; text: string } | FakeResponse {
  const snippet = isObject(req.json) && isObject(req.json.snippet) ? req.json.snippet : undefined;
  if (!snippet) return json(400, youtubeError(400, 'The request body is missing the snippet.', 'invalidCommentMetadata', 'youtube.comment'));
  const top = isObject(snippet.topLevelComment) && isObject(snippet.topLevelComment.snippet) ? snippet.topLevelComment.snippet : snippet;
  const text = top.textOriginal;
  if (typeof text !== 'string' || text === '') return json(400, youtubeError(400, 'The comment text is empty.', 'commentTextRequired', 'youtube.comment'));
  return { snippet, text };
}

function comment(store: YoutubeStore, channelId: string, videoId: unknown, parentId: string | undefined, id: string, text: string): Item {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const snippet: Item = { channelId, videoId, textDisplay: text, textOriginal: text, ...store.ownAuthor(channelId) };
  Object.assign(snippet, { canRate: true, viewerRating: 'none', likeCount: 0, publishedAt: now, updatedAt: now });
  if (parentId) snippet.parentId = parentId;
  return { kind: 'youtube#comment', etag: etag(id), id, snippet };
}

function insertReply(store: YoutubeStore): RouteHandler {
  return (req) => {
    const input = snippetText(req);
    if ('status' in input) return input;
    const parentId = input.snippet.parentId;
    if (typeof parentId !== 'string' || parentId === '') return json(400, youtubeError(400, 'No parentId specified.', 'parentIdMissing', 'youtube.comment'));
    const thread = store.thread(parentId);
    if (!thread) {
      const message = 'The comment identified by the <code>parentId</code> parameter could not be found.';
      return json(404, youtubeError(404, message, 'parentCommentNotFound', 'youtube.comment'));
    }
    const threadSnippet = (thread.snippet as Item | undefined) ?? {};
    const created = comment(store, String(threadSnippet.channelId ?? 'UCsimulated'), threadSnippet.videoId, parentId, `${parentId}.${token(16)}`, input.text);
    store.addReply(thread, created);
    return json(200, created);
  };
}

function insertThread(store: YoutubeStore): RouteHandler {
  return (req) => {
    const input = snippetText(req);
    if ('status' in input) return input;
    const videoId = input.snippet.videoId;
    if (typeof videoId !== 'string') return json(400, youtubeError(400, 'No videoId specified.', 'videoNotFound', 'youtube.commentThread'));
    const id = `Ug${token(18)}AaABAg`;
    const channelId = String(input.snippet.channelId ?? 'UCsimulated');
    const top = comment(store, channelId, videoId, undefined, id, input.text);
    const thread = { kind: 'youtube#commentThread', etag: etag(id), id, snippet: { channelId, videoId, topLevelComment: top, canReply: true, totalReplyCount: 0, isPublic: true } };
    store.addThread(thread);
    return json(200, thread);
  };
}

function listReplies(store: YoutubeStore): RouteHandler {
  return (req) => {
    const { parentId, id } = req.query;
    if (!parentId && !id) return json(400, youtubeError(400, 'No filter selected. Expected one of: parentId, id', 'missingRequiredParameter'));
    const ids = new Set((id ?? '').split(','));
    const items = store.replies().filter((c) => (parentId ? (c.snippet as Item | undefined)?.parentId === parentId : ids.has(String(c.id))));
    return json(200, list('youtube#commentListResponse', items));
  };
}

function listThreads(store: YoutubeStore): RouteHandler {
  return (req) => {
    const page = store.threadsPage(req.query.pageToken);
    const { videoId } = req.query;
    if (!videoId) return json(200, page);
    const items = page.items.filter((t) => (t.snippet as Item | undefined)?.videoId === videoId);
    return json(200, { ...page, items, pageInfo: { totalResults: items.length, resultsPerPage: 100 } });
  };
}

/** YouTube Data API v3, mounted at /youtube/v3: polled lists and comment inserts. */
export function createYoutubeRouter(store: YoutubeStore): PlatformRouter {
  return {
    platform: 'youtube',
    match(req) {
      if (req.segments.length !== 1) return null;
      const [resource] = req.segments;
      if (resource === 'commentThreads') {
        if (req.method === 'GET') return withAuth(withPart(listThreads(store)), true);
        if (req.method === 'POST') return withAuth(withPart(insertThread(store)), false);
      }
      if (resource === 'comments') {
        if (req.method === 'GET') return withAuth(withPart(listReplies(store)), true);
        if (req.method === 'POST') return withAuth(withPart(insertReply(store)), false);
      }
      return null;
    },
    errorBody: (status, message) => youtubeError(status, message),
  };
}
