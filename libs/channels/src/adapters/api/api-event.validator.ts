import type { EventKind } from '../../types';
import { WebhookParseError } from '../../types/webhook-request';
import { idOf, isoFromTime, MAX_FOLLOWERS } from '../shared/payload-fields';

/** The desk's own generic event, for sources without a dedicated adapter. */
export interface ApiEvent {
  id: string;
  kind: EventKind;
  threadId?: string;
  inReplyTo?: string;
  author: { id: string; name?: string; username?: string; followers?: number };
  text: string;
  createdAt?: string;
  fromBusiness?: boolean;
  context?: { url?: string; title?: string };
}

export const MAX_TEXT = 10_000;
const MAX_BATCH = 1_000;
const MAX_ID = 256;
const KINDS: readonly string[] = ['comment', 'mention', 'message'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One event or `{events: [...]}`, checked field by field. Every problem is reported at once, named by its path,
 * so a sender can fix a rejected delivery (the webhook answers 400 with this message).
 */
export function validateApiDelivery(body: Json): ApiEvent[] {
  const errors: string[] = [];
  let events: Array<ApiEvent | null>;
  if ('events' in body) {
    if (!Array.isArray(body.events)) throw new WebhookParseError('invalid delivery: events must be an array');
    if (body.events.length > MAX_BATCH) throw new WebhookParseError(`invalid delivery: at most ${MAX_BATCH} events per batch`);
    events = body.events.map((e, i) => validateEvent(e, `events[${i}].`, errors));
  } else {
    events = [validateEvent(body, '', errors)];
  }
  if (errors.length > 0) {
    const more = errors.length > 10 ? ` (and ${errors.length - 10} more)` : '';
    throw new WebhookParseError(`invalid event: ${errors.slice(0, 10).join('; ')}${more}`);
  }
  return events.filter((e): e is ApiEvent => e !== null);
}

function validateEvent(value: unknown, at: string, errors: string[]): ApiEvent | null {
  if (!isObject(value)) {
    errors.push(`${at.replace(/\.$/, '') || 'body'} must be an object`);
    return null;
  }
  const fields = new FieldReader(value, at, errors);
  const id = fields.id('id', true);
  const kind = value.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) errors.push(`${at}kind must be one of ${KINDS.join(', ')}`);
  const threadId = fields.id('threadId', false);
  const inReplyTo = fields.id('inReplyTo', false);
  const author = value.author;
  let authorOut: ApiEvent['author'] = { id: '' };
  if (!isObject(author)) errors.push(`${at}author must be an object with an id`);
  else {
    const a = new FieldReader(author, `${at}author.`, errors);
    authorOut = { id: a.id('id', true) ?? '', ...present('name', a.text('name', MAX_ID)), ...present('username', a.text('username', MAX_ID)) };
    const followers = author.followers;
    if (followers !== undefined && followers !== null) {
      if (typeof followers === 'number' && Number.isSafeInteger(followers) && followers >= 0 && followers <= MAX_FOLLOWERS) authorOut.followers = followers;
      else errors.push(`${at}author.followers must be an integer from 0 to ${MAX_FOLLOWERS}`);
    }
  }
  const text = value.text;
  if (typeof text !== 'string' || [...text.slice(0, MAX_TEXT * 2 + 1)].length > MAX_TEXT) errors.push(`${at}text must be a string of at most ${MAX_TEXT} characters`);
  const createdAt = fields.text('createdAt', 64);
  if (createdAt !== undefined && (!ISO_8601.test(createdAt) || isoFromTime(Date.parse(createdAt)) === undefined)) errors.push(`${at}createdAt must be an ISO 8601 date-time`);
  const fromBusiness = value.fromBusiness;
  if (fromBusiness !== undefined && fromBusiness !== null && typeof fromBusiness !== 'boolean') errors.push(`${at}fromBusiness must be a boolean`);
  // Our own DM names no customer: the thread or the message answered must say whose conversation it is.
  if (fromBusiness === true && kind === 'message' && !threadId && !inReplyTo) errors.push(`${at}threadId or inReplyTo is required for a message fromBusiness`);
  let context: ApiEvent['context'];
  if (value.context !== undefined && value.context !== null) {
    if (!isObject(value.context)) errors.push(`${at}context must be an object`);
    else {
      const c = new FieldReader(value.context, `${at}context.`, errors);
      context = { ...present('url', c.text('url', 2_048)), ...present('title', c.text('title', 500)) };
    }
  }
  return {
    id: id ?? '',
    kind: kind as EventKind,
    ...present('threadId', threadId),
    ...present('inReplyTo', inReplyTo),
    author: authorOut,
    text: typeof text === 'string' ? text : '',
    ...present('createdAt', createdAt),
    ...(fromBusiness === true ? { fromBusiness } : {}),
    ...(context ? { context } : {}),
  };
}

/** Reads optional-or-required string fields, recording what is wrong; null counts as absent. */
class FieldReader {
  constructor(
    private readonly source: Json,
    private readonly at: string,
    private readonly errors: string[],
  ) {}

  id(name: string, required: boolean): string | undefined {
    const v = this.source[name];
    if ((v === undefined || v === null) && !required) return undefined;
    if (typeof v === 'string' && idOf(v) !== undefined && v.length <= MAX_ID) return v;
    this.errors.push(`${this.at}${name} must be a non-empty string of at most ${MAX_ID} characters`);
    return undefined;
  }

  text(name: string, max: number): string | undefined {
    const v = this.source[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && v.length <= max) return v;
    this.errors.push(`${this.at}${name} must be a string of at most ${max} characters`);
    return undefined;
  }
}

function present<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
