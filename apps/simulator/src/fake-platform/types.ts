import type { ChannelType } from '@app/channels/types/channel-type';

/** The API families the fake answers; one mount prefix each. Meta (Facebook, Instagram, WhatsApp) shares one Graph API. */
export type PlatformName = 'meta' | 'x' | 'telegram' | 'youtube' | 'linkedin' | 'postmark' | 'api';

export interface RecordedRequest {
  /** 'unknown' for a path under no platform's prefix. */
  platform: PlatformName | 'unknown';
  method: string;
  /** The full path as received, without the query string (still URL-encoded, e.g. LinkedIn URNs). */
  path: string;
  query: Record<string, string>;
  /** Names lower-cased. */
  headers: Record<string, string>;
  /** The raw body as text. */
  body: string;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
  /** ISO 8601 time the request arrived. */
  at: string;
  /** The status the fake answered (set once answered). */
  status?: number;
  /** The body the fake answered. */
  response?: string;
}

export interface Behaviour {
  /** The next N matching requests fail with failStatus / failBody. */
  failNext?: number;
  /** Default 500. */
  failStatus?: number;
  /** Sent verbatim; default: the platform's own error shape for failStatus. */
  failBody?: string;
  /** The next N matching requests get 429 with Retry-After and the platform's rate-limit body. */
  throttleNext?: number;
  /** Default 1. */
  retryAfterSeconds?: number;
  /** Every matching request waits this long before it is answered. */
  delayMs?: number;
  /** Every matching request fails with this status and message in the platform's error shape, until reset. */
  permanentError?: { status: number; message: string };
  /** Limits the behaviour to these platforms' requests (e.g. leave YouTube polling alone). Default: all. */
  platform?: PlatformName | PlatformName[];
  /** Limits the behaviour to one method (e.g. POST: replies only). Default: both. */
  method?: 'GET' | 'POST';
}

/** A YouTube comment list or comment-thread list response, as the Data API returns it. */
export interface YoutubeListResponse {
  kind?: string;
  nextPageToken?: string;
  items: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface YoutubeData {
  /** Pages of GET /commentThreads: the first answers without pageToken, each next one the previous nextPageToken. */
  commentThreads: YoutubeListResponse[];
  /** Every reply comment GET /comments may serve; filtered by parentId / id. */
  comments: YoutubeListResponse;
}

/** A replacement for the YouTube lists: one commentThreads page or several, and/or the replies list. */
export interface YoutubeDataInput {
  commentThreads?: YoutubeListResponse | YoutubeListResponse[];
  comments?: YoutubeListResponse;
}

/** What GET /{ig-user-id}?fields=mentioned_comment.comment_id(X){...} returns for X. */
export interface MentionedComment {
  text: string;
  username: string;
  timestamp: string;
  media?: { id: string };
}

export interface FakePlatform {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  /** What to put in each channel's config.apiBaseUrl (api: its replyUrl). */
  baseUrls: Record<ChannelType, string>;
  /** Every platform request so far, oldest first (control requests are not recorded). Cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Merges into the current behaviour; a key set to undefined/null (over HTTP: null) is removed. */
  behave(b: Behaviour): void;
  /** Clears requests, behaviour, YouTube lists and mentions back to their defaults. */
  reset(): void;
  /** Resolves with the matching requests once at least n are recorded; rejects after timeoutMs. */
  waitForRequests(n: number, timeoutMs: number, filter?: (r: RecordedRequest) => boolean): Promise<RecordedRequest[]>;
  /** Replaces the YouTube lists (e.g. new comments between two polls); omitted keys stay. */
  youtube(data: YoutubeDataInput): void;
  /** Sets the content of mentioned comments by comment id (merged into the current map). */
  mentions(map: Record<string, MentionedComment>): void;
  /** Calls listener after each recorded request is answered; returns the unsubscribe function. */
  onRequest(listener: (r: RecordedRequest) => void): () => void;
  close(): Promise<void>;
}

/** One request as a platform router sees it: the path after the platform's mount prefix. */
export interface FakeRequest {
  method: string;
  /** Path after the prefix, e.g. `/123_456/comments` (as received, still URL-encoded). */
  route: string;
  /** The route's segments, each URL-decoded (a LinkedIn URN is one segment). */
  segments: string[];
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

export interface FakeResponse {
  status: number;
  /** Objects are sent as JSON; strings verbatim. */
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: FakeRequest) => FakeResponse;

export interface PlatformRouter {
  platform: PlatformName;
  /** The handler for this request, or null when the platform has no such route (answered 404). */
  match(req: FakeRequest): RouteHandler | null;
  /** The platform's own error body for a status and message (failNext, permanentError, 404, 429). */
  errorBody(status: number, message: string): unknown;
  /** Extra headers on a 429 besides Retry-After (X's x-rate-limit-*). */
  throttleHeaders?(retryAfterSeconds: number): Record<string, string>;
  /** Body of a 429, when it is not errorBody(429, ...) (Telegram's parameters.retry_after). */
  throttleBody?(retryAfterSeconds: number): unknown;
}
