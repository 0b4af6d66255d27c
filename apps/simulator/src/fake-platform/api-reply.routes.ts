import { randomUUID } from 'node:crypto';
import { json } from './request-params';
import type { PlatformRouter } from './types';

/** A generic `api` channel's replyUrl: any POST under /api-reply is accepted. */
export function createApiReplyRouter(): PlatformRouter {
  return {
    platform: 'api',
    match: (req) => (req.method === 'POST' ? () => json(200, { id: randomUUID() }) : null),
    errorBody: (status, message) => ({ error: message, status }),
  };
}
