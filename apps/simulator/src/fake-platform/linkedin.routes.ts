import { digits } from './ids';
import { bearer, isObject, json } from './request-params';
import type { FakeRequest, FakeResponse, PlatformRouter } from './types';

const CODES: Record<number, [number, string]> = {
  400: [100, 'BAD_REQUEST'],
  401: [65600, 'INVALID_ACCESS_TOKEN'],
  403: [100, 'ACCESS_DENIED'],
  404: [100, 'NOT_FOUND'],
  422: [100, 'UNPROCESSABLE_ENTITY'],
  429: [101, 'TOO_MANY_REQUESTS'],
};

export function linkedinError(status: number, message: string): unknown {
  const [serviceErrorCode, code] = CODES[status] ?? [0, status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR'];
  return { status, serviceErrorCode, code, message };
}

/** The activity a new comment hangs under: the parent comment's activity, else the body's object, else the post. */
function activityOf(target: string, body: Record<string, unknown>): string {
  const parentComment = /^urn:li:comment:\((.+),\d+\)$/.exec(target);
  if (parentComment) return parentComment[1]!;
  return typeof body.object === 'string' && body.object !== '' ? body.object : target;
}

function createComment(target: string) {
  return (req: FakeRequest): FakeResponse => {
    if (!bearer(req)) return json(401, linkedinError(401, 'Empty oauth2 access token'));
    if (!req.headers['linkedin-version']) {
      return json(400, { ...(linkedinError(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.') as object), code: 'VERSION_MISSING' });
    }
    const body = isObject(req.json) ? req.json : undefined;
    const message = body && isObject(body.message) ? body.message.text : undefined;
    if (!body || typeof message !== 'string' || message === '') return json(422, linkedinError(422, 'ERROR :: /message/text :: field is required but not found and has no default value'));
    if (typeof body.actor !== 'string' || !body.actor.startsWith('urn:li:')) return json(422, linkedinError(422, 'ERROR :: /actor :: field is required but not found and has no default value'));
    const commentId = digits(19);
    const activity = activityOf(target, body);
    const urn = `urn:li:comment:(${activity},${commentId})`;
    return json(201, { id: commentId, object: activity, actor: body.actor, message: { text: message }, $URN: urn }, { 'x-restli-id': urn });
  };
}

/** LinkedIn Community Management REST API, mounted at /linkedin/rest. */
export function createLinkedinRouter(): PlatformRouter {
  return {
    platform: 'linkedin',
    match(req) {
      const [resource, target, edge, ...rest] = req.segments;
      if (req.method !== 'POST' || resource !== 'socialActions' || !target || edge !== 'comments' || rest.length > 0) return null;
      return createComment(target);
    },
    errorBody: linkedinError,
  };
}
