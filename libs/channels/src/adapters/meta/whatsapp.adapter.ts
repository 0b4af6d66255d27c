import type { ChannelAdapter } from '../../types/channel-adapter';
import { at, objects, refText } from '../shared/payload-fields';
import { readMetaReply } from './meta-error';
import { metaId } from './meta-fields';
import { configuredId, directRecipient, graphPost } from './meta-reply';
import { changesOf, metaWebhookMethods, parseMetaDelivery } from './meta-webhook';
import { parseWhatsAppMessage } from './whatsapp-message.parser';
import { parseWhatsAppStatus } from './whatsapp-status.parser';

/** A WhatsApp Cloud API business number: customer messages in, and the fate of ours (statuses). */
export const whatsappAdapter: ChannelAdapter = {
  type: 'whatsapp',
  ...metaWebhookMethods,

  parse(req) {
    return parseMetaDelivery(req, 'whatsapp_business_account', (entry) =>
      changesOf(entry)
        .filter((change) => change.field === 'messages')
        .flatMap(({ value }) => {
          const phoneNumberId = metaId(at(value, 'metadata', 'phone_number_id'));
          const contacts = objects(value.contacts);
          return [
            ...objects(value.messages).map((message) => parseWhatsAppMessage(message, contacts, phoneNumberId)),
            ...objects(value.statuses).map((status) => parseWhatsAppStatus(status, phoneNumberId)),
          ];
        }),
    );
  },

  /** A free-form text (inside the 24 h window), quoting the customer message being answered. */
  buildReply(ctx) {
    const { config } = ctx.channel;
    const answered = refText(ctx.replyTo?.replyRef, 'messageId') ?? (ctx.replyTo?.externalId || undefined);
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: directRecipient(ctx, 'waId'),
      type: 'text',
      text: { preview_url: false, body: ctx.message.text },
      ...(answered !== undefined ? { context: { message_id: answered } } : {}),
    };
    return graphPost(config, 'accessToken', [configuredId(config, 'phoneNumberId'), 'messages'], body);
  },

  readReply: (res) => readMetaReply(res),
};
