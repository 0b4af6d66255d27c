import type { ChannelAdapter } from '../../types/channel-adapter';
import type { HttpRequest, ReplyContext } from '../../types/outbound';
import { compact, refText } from '../shared/payload-fields';
import { parseInstagramComment, parseInstagramMention } from './instagram-comment.parser';
import { enrichMention } from './instagram-mention';
import { readMetaReply } from './meta-error';
import { isoFromEpoch } from './meta-fields';
import { parseMessagingItem } from './meta-messaging.parser';
import { configuredId, directRecipient, graphPost, isDirectConversation, rootCommentId } from './meta-reply';
import { changesOf, messagingOf, metaWebhookMethods, ownIds, parseMetaDelivery, type MetaChange } from './meta-webhook';

/** An Instagram professional account: comments, mentions and Instagram Messaging. */
export const instagramAdapter: ChannelAdapter = {
  type: 'instagram',
  ...metaWebhookMethods,

  parse(req, config) {
    return parseMetaDelivery(req, 'instagram', (entry) => {
      const accountIds = ownIds(entry, config, 'igUserId');
      const entryTime = isoFromEpoch(entry.time);
      return [
        ...changesOf(entry).map((change) => parseChange(change, accountIds, entryTime)),
        ...messagingOf(entry).map((item) => parseMessagingItem(item, accountIds)),
      ];
    });
  },

  enrich: enrichMention,

  /** A DM to the customer, a reply to a mention through our account, or a reply under the root comment. */
  buildReply(ctx) {
    const { config } = ctx.channel;
    const message = ctx.message.text;
    if (isDirectConversation(ctx)) {
      const body = { recipient: { id: directRecipient(ctx, 'recipientId') }, message: { text: message } };
      return graphPost(config, 'accessToken', [configuredId(config, 'igUserId'), 'messages'], body);
    }
    if (ctx.conversation.kind === 'mention') return mentionReply(ctx, message);
    return graphPost(config, 'accessToken', [rootCommentId(ctx), 'replies'], { message });
  },

  readReply: (res) => readMetaReply(res),
};

function parseChange(change: MetaChange, accountIds: string[], entryTime: string | undefined) {
  switch (change.field) {
    case 'comments':
    case 'live_comments':
      return parseInstagramComment(change.value, accountIds, entryTime);
    case 'mentions':
      return parseInstagramMention(change.value, entryTime);
    case 'messages':
      // Instagram Login's dashboard test sends a DM as a change whose value is one messaging item.
      return parseMessagingItem(change.value, accountIds);
    default:
      return undefined;
  }
}

function mentionReply(ctx: ReplyContext, message: string): HttpRequest {
  const ref = ctx.replyTo?.replyRef;
  const mediaId = refText(ref, 'mediaId');
  const commentId = refText(ref, 'commentId') ?? (mediaId === undefined ? ctx.replyTo?.externalId : undefined);
  if (mediaId === undefined && commentId === undefined) throw new Error('no mention to reply to in this conversation');
  const body = compact({ comment_id: commentId, media_id: mediaId, message });
  return graphPost(ctx.channel.config, 'accessToken', [configuredId(ctx.channel.config, 'igUserId'), 'mentions'], body);
}
