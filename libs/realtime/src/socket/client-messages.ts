import { UUID_PATTERN } from '@app/common';

/** The messages a client may send, each validated before anything acts on it. */
export type ClientMessage =
  | { event: 'presence.set'; status: 'online' | 'away' }
  | { event: 'conversation.view' | 'conversation.leave' | 'conversation.typing'; conversationId: string };

export const CLIENT_EVENTS = ['presence.set', 'conversation.view', 'conversation.leave', 'conversation.typing'] as const;


export type Parsed = { ok: true; message: ClientMessage } | { ok: false; problems: string[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Exactly the fields the contract names: anything else is a client bug worth telling about. */
export function parseClientMessage(event: string, body: unknown): Parsed {
  if (!(CLIENT_EVENTS as readonly string[]).includes(event)) return { ok: false, problems: [`unknown event ${JSON.stringify(event.slice(0, 60))}`] };
  if (!isRecord(body)) return { ok: false, problems: ['the payload must be an object'] };
  const allowed = event === 'presence.set' ? ['status'] : ['conversationId'];
  const problems = Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => `property ${k.slice(0, 60)} should not exist`);
  if (event === 'presence.set') {
    if (body.status !== 'online' && body.status !== 'away') problems.push('status must be one of: online, away');
    return problems.length ? { ok: false, problems } : { ok: true, message: { event, status: body.status as 'online' | 'away' } };
  }
  if (typeof body.conversationId !== 'string' || !UUID_PATTERN.test(body.conversationId)) problems.push('conversationId must be a UUID');
  return problems.length
    ? { ok: false, problems }
    : { ok: true, message: { event: event as 'conversation.view', conversationId: (body.conversationId as string).toLowerCase() } };
}
