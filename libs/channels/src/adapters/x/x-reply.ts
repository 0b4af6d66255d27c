import { classifyResponse } from '../../http/classify-response';
import type { HttpRequest, HttpResponse, ReplyContext, SendOutcome } from '../../types/outbound';
import { apiBase, bearer, postJson } from '../shared/json-request';
import { at, configText, objects, refText, str } from '../shared/payload-fields';
import { xId } from './x-user';

/**
 * A DM conversation is answered with a DM to the customer; anything else with a tweet replying to the tweet
 * being answered (X adds the @mention itself).
 */
export function buildXReply(ctx: ReplyContext): HttpRequest {
  const { config } = ctx.channel;
  const auth = bearer(configText(config, 'accessToken'));
  const ref = ctx.replyTo?.replyRef;
  const threadKey = ctx.conversation.threadKey;
  if (ctx.conversation.kind === 'message' || threadKey.startsWith('dm:')) {
    const participant = xId(refText(ref, 'participantId')) ?? xId(threadKey.slice('dm:'.length)) ?? xId(ctx.contact?.externalId);
    if (participant === undefined) throw new Error('no X user to send this direct message to');
    return postJson(`${apiBase(config)}/2/dm_conversations/with/${participant}/messages`, { text: ctx.message.text }, auth);
  }
  const tweetId = xId(refText(ref, 'tweetId')) ?? xId(ctx.replyTo?.externalId);
  if (tweetId === undefined) throw new Error('no tweet to reply to in this conversation');
  return postJson(`${apiBase(config)}/2/tweets`, { text: ctx.message.text, reply: { in_reply_to_tweet_id: tweetId } }, auth);
}

/** The tweet's id, or the DM event's id: both are what the echo of our message will carry. */
export function readXReply(res: HttpResponse): SendOutcome {
  return classifyResponse(res, {
    id: (body) => str(at(body, 'data', 'dm_event_id')) ?? str(at(body, 'data', 'id')),
    error: xError,
  });
}

/** v2 errors come RFC 7807 style ({title, detail}) or as an errors[] list. */
function xError(body: unknown): string | undefined {
  const title = str(at(body, 'title'));
  const detail = str(at(body, 'detail'));
  if (detail !== undefined) return title !== undefined && !detail.startsWith(title) ? `${title}: ${detail}` : detail;
  const listed = objects(at(body, 'errors'))
    .map((e) => str(at(e, 'message')) ?? str(at(e, 'detail')))
    .filter((m): m is string => m !== undefined);
  return listed.length > 0 ? listed.slice(0, 5).join('; ') : title;
}
