import { readJsonObject } from '../../http/read-json';
import type { ChannelAdapter } from '../../types/channel-adapter';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import { WebhookParseError, type WebhookRequest } from '../../types/webhook-request';
import { checkCredential } from '../shared/delivery-auth';
import { configText, obj } from '../shared/payload-fields';
import { parseDirectMessage } from './x-dm.parser';
import { buildXReply, readXReply } from './x-reply';
import { X_SIGNATURE_HEADER, xSignature } from './x-signature';
import { parseTweetCreate, parseTweetDelete } from './x-tweet.parser';
import { xId } from './x-user';

const EVENT_LISTS = ['tweet_create_events', 'tweet_delete_events', 'direct_message_events'] as const;

/** X Account Activity API webhooks in, API v2 tweets and DMs out. */
export const xAdapter: ChannelAdapter = {
  type: 'x',

  handshake(req, config) {
    const token = req.query.crc_token;
    if (req.method !== 'GET' || token === undefined || token === '') return null;
    const secret = configText(config, 'consumerSecret');
    if (secret === '') return { status: 403, contentType: 'text/plain', body: 'the channel has no consumerSecret' };
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ response_token: xSignature(secret, token) }) };
  },

  verify(req, config) {
    const secret = configText(config, 'consumerSecret');
    return checkCredential(req.headers[X_SIGNATURE_HEADER], secret === '' ? undefined : xSignature(secret, req.rawBody), X_SIGNATURE_HEADER);
  },

  parse(req: WebhookRequest, config: ChannelConfig): NormalizedEvent[] {
    const body = readJsonObject(req.rawBody);
    if (body.for_user_id !== undefined && typeof body.for_user_id !== 'string') throw new WebhookParseError('for_user_id is not a string');
    for (const key of EVENT_LISTS) {
      if (body[key] !== undefined && !Array.isArray(body[key])) throw new WebhookParseError(`${key} is not an array`);
    }
    if (body.users !== undefined && obj(body.users) === undefined) throw new WebhookParseError('users is not an object');
    if (body.for_user_id === undefined && !Object.keys(body).some((key) => key.endsWith('_events'))) {
      throw new WebhookParseError('not an X Account Activity delivery');
    }
    // Other *_events (favorites, follows, typing, reads) carry no message: nothing for the desk.
    const ownId = xId(body.for_user_id) ?? configText(config, 'userId');
    const events: Array<NormalizedEvent | undefined> = [
      ...listOf(body.tweet_create_events).map((tweet) => parseTweetCreate(tweet, ownId)),
      ...listOf(body.tweet_delete_events).map((item) => parseTweetDelete(item, ownId)),
      ...listOf(body.direct_message_events).map((dm) => parseDirectMessage(dm, body.users, ownId)),
    ];
    return events.filter((e): e is NormalizedEvent => e !== undefined);
  },

  buildReply: buildXReply,
  readReply: (res) => readXReply(res),

  signDelivery(rawBody, config) {
    return { [X_SIGNATURE_HEADER]: xSignature(configText(config, 'consumerSecret'), rawBody) };
  },
};

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
