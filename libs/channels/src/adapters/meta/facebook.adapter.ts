import type { ChannelAdapter } from '../../types/channel-adapter';
import { parseFeedChange } from './facebook-feed.parser';
import { readMetaReply } from './meta-error';
import { isoFromEpoch } from './meta-fields';
import { parseMessagingItem } from './meta-messaging.parser';
import { configuredId, directRecipient, graphPost, isDirectConversation, rootCommentId } from './meta-reply';
import { changesOf, messagingOf, metaWebhookMethods, ownIds, parseMetaDelivery } from './meta-webhook';

/** A Facebook Page: comments on its posts (`feed` changes) and Messenger conversations (`messaging`). */
export const facebookAdapter: ChannelAdapter = {
  type: 'facebook',
  ...metaWebhookMethods,

  parse(req, config) {
    return parseMetaDelivery(req, 'page', (entry) => {
      const pageIds = ownIds(entry, config, 'pageId');
      const entryTime = isoFromEpoch(entry.time);
      return [
        ...changesOf(entry).map((change) => (change.field === 'feed' ? parseFeedChange(change.value, pageIds, entryTime) : undefined)),
        ...messagingOf(entry).map((item) => parseMessagingItem(item, pageIds)),
      ];
    });
  },

  /** Messenger: a RESPONSE inside the 24 h window. Comments: a reply under the thread's root comment. */
  buildReply(ctx) {
    const { config } = ctx.channel;
    const text = ctx.message.text;
    if (isDirectConversation(ctx)) {
      const body = { recipient: { id: directRecipient(ctx, 'recipientId') }, messaging_type: 'RESPONSE', message: { text } };
      return graphPost(config, 'pageAccessToken', [configuredId(config, 'pageId'), 'messages'], body);
    }
    return graphPost(config, 'pageAccessToken', [rootCommentId(ctx), 'comments'], { message: text });
  },

  readReply: (res) => readMetaReply(res),
};
