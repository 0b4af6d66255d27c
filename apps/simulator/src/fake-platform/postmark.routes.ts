import { randomUUID } from 'node:crypto';
import { isObject, json } from './request-params';
import type { FakeRequest, FakeResponse, PlatformRouter } from './types';

/** Postmark's errors carry its own ErrorCode (300: invalid request, 10: bad token, 429: throttled). */
export function postmarkError(status: number, message: string): unknown {
  const code = status === 401 ? 10 : status === 422 ? 300 : status;
  return { ErrorCode: code, Message: message };
}

function sendEmail(req: FakeRequest): FakeResponse {
  if (!req.headers['x-postmark-server-token']) {
    const message = 'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.';
    return json(401, postmarkError(401, message));
  }
  if (!isObject(req.json)) return json(422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
  const to = req.json.To;
  if (typeof to !== 'string' || to.trim() === '') return json(422, { ErrorCode: 300, Message: "Invalid 'To' address" });
  return json(200, { To: to, SubmittedAt: new Date().toISOString(), MessageID: randomUUID(), ErrorCode: 0, Message: 'OK' });
}

/** Postmark's send API, mounted at /postmark. */
export function createPostmarkRouter(): PlatformRouter {
  return {
    platform: 'postmark',
    match: (req) => (req.method === 'POST' && req.segments.length === 1 && req.segments[0] === 'email' ? sendEmail : null),
    errorBody: postmarkError,
  };
}
