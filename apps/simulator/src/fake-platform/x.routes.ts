import { STATUS_CODES } from 'node:http';
import { digits } from './ids';
import { isObject, json } from './request-params';
import type { FakeRequest, FakeResponse, PlatformRouter, RouteHandler } from './types';

/** The account the fake acts as when it must name "us" (a DM conversation id is the sorted pair of both users). */
export const X_OWN_USER_ID = '1402345678901234567';

/** v2 errors are RFC 7807 problem documents. */
export function xError(status: number, detail: string): unknown {
  const title = status === 429 ? 'Too Many Requests' : (STATUS_CODES[status] ?? 'Error');
  const type = status === 400 ? 'https://api.twitter.com/2/problems/invalid-request' : 'about:blank';
  return { title, detail, type, status };
}

function withAuth(handler: RouteHandler): RouteHandler {
  return (req) => (req.headers.authorization ? handler(req) : json(401, xError(401, 'Unauthorized')));
}

function text(req: FakeRequest): string | FakeResponse {
  if (!isObject(req.json)) return json(400, xError(400, 'The request body is not valid JSON.'));
  const value = req.json.text;
  const hasMedia = isObject(req.json.media) || Array.isArray(req.json.attachments);
  if (typeof value === 'string' && value !== '') return value;
  return hasMedia ? '' : json(400, xError(400, 'One or more parameters to your request was invalid: text is required.'));
}

function tweet(req: FakeRequest): FakeResponse {
  const body = text(req);
  if (typeof body !== 'string') return body;
  const id = digits(19);
  return json(201, { data: { id, text: body, edit_history_tweet_ids: [id] } });
}

function dm(conversationId: (req: FakeRequest) => string): RouteHandler {
  return (req) => {
    const body = text(req);
    if (typeof body !== 'string') return body;
    return json(201, { data: { dm_conversation_id: conversationId(req), dm_event_id: digits(19) } });
  };
}

const pair = (participant: string): string => [participant, X_OWN_USER_ID].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).join('-');

/** X API v2, mounted at /x (the adapter's apiBaseUrl replaces https://api.x.com). */
export function createXRouter(): PlatformRouter {
  return {
    platform: 'x',
    match(req) {
      const s = req.segments;
      if (s[0] !== '2') return null;
      if (req.method === 'POST' && s.length === 2 && s[1] === 'tweets') return withAuth(tweet);
      // A lookup of a tweet (its conversation_id): the fake treats every tweet as the root of its conversation.
      if (req.method === 'GET' && s.length === 3 && s[1] === 'tweets' && /^\d+$/.test(s[2]!)) {
        const id = s[2]!;
        return withAuth(() => json(200, { data: { id, text: 'A tweet', conversation_id: id, edit_history_tweet_ids: [id] } }));
      }
      if (req.method !== 'POST' || s[1] !== 'dm_conversations' || s.at(-1) !== 'messages') return null;
      if (s.length === 5 && s[2] === 'with' && /^\d+$/.test(s[3]!)) return withAuth(dm(() => pair(s[3]!)));
      if (s.length === 4) return withAuth(dm(() => s[2]!));
      return null;
    },
    errorBody: xError,
    throttleHeaders: (retryAfter) => ({
      'x-rate-limit-limit': '200',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + retryAfter),
    }),
  };
}
