import { classifyResponse } from '../../http/classify-response';
import type { HttpRequest, HttpResponse, ReplyContext, SendOutcome } from '../../types/outbound';
import { apiBase, postJson } from '../shared/json-request';
import { at, compact, configText, num, refText, str } from '../shared/payload-fields';
import { tgId } from './telegram-update.parser';

const CHAT_ID = /^-?\d{1,20}$/;

/**
 * sendMessage to the chat of the message being answered, as a reply to it. allow_sending_without_reply keeps the
 * answer going when the customer has deleted their message meanwhile. The token travels in the path.
 */
export function buildTelegramReply(ctx: ReplyContext): HttpRequest {
  const { config } = ctx.channel;
  const target = replyTarget(ctx);
  if (target.chatId === undefined) throw new Error('no Telegram chat to send this reply to');
  const body = compact({
    chat_id: Number(target.chatId),
    text: ctx.message.text,
    message_thread_id: target.threadId !== undefined ? Number(target.threadId) : undefined,
    business_connection_id: target.businessConnectionId,
    reply_parameters: target.messageId !== undefined ? { message_id: Number(target.messageId), allow_sending_without_reply: true } : undefined,
  });
  return postJson(`${apiBase(config)}/bot${configText(config, 'botToken')}/sendMessage`, body);
}

/** Our message's id is only unique in its chat, so it is stored as `<chat.id>:<message_id>` like inbound ones. */
export function readTelegramReply(res: HttpResponse, ctx: ReplyContext): SendOutcome {
  return classifyResponse(res, {
    id: (body) => {
      const messageId = tgId(at(body, 'result', 'message_id'));
      const chatId = tgId(at(body, 'result', 'chat', 'id')) ?? replyTarget(ctx).chatId;
      return messageId !== undefined && chatId !== undefined ? `${chatId}:${messageId}` : undefined;
    },
    error: (body) => str(at(body, 'description')),
    retryAfter: (body) => {
      const seconds = num(at(body, 'parameters', 'retry_after'));
      return seconds !== undefined && seconds >= 0 ? Math.ceil(seconds) : undefined;
    },
  });
}

interface ReplyTarget {
  chatId?: string;
  messageId?: string;
  threadId?: string;
  businessConnectionId?: string;
}

/** From the answered message's replyRef, else its `<chat>:<message>` id, else the conversation's DM key. */
function replyTarget(ctx: ReplyContext): ReplyTarget {
  const ref = ctx.replyTo?.replyRef;
  const [idChat, idMessage] = splitExternalId(ctx.replyTo?.externalId);
  const threadKey = ctx.conversation.threadKey;
  const keyChat = threadKey.startsWith('dm:') ? threadKey.slice('dm:'.length) : threadKey.startsWith('topic:') ? threadKey.split(':')[1] : undefined;
  const chatId = [refText(ref, 'chatId'), idChat, keyChat].find((c) => c !== undefined && CHAT_ID.test(c));
  const messageId = [refText(ref, 'messageId'), idMessage].find((m) => m !== undefined && /^\d{1,15}$/.test(m));
  const threadId = refText(ref, 'threadId') ?? (threadKey.startsWith('topic:') ? threadKey.split(':')[2] : undefined);
  return {
    chatId,
    messageId,
    threadId: threadId !== undefined && /^\d{1,15}$/.test(threadId) ? threadId : undefined,
    businessConnectionId: refText(ref, 'businessConnectionId'),
  };
}

function splitExternalId(externalId: string | undefined): [string?, string?] {
  const cut = externalId?.lastIndexOf(':') ?? -1;
  return externalId !== undefined && cut > 0 ? [externalId.slice(0, cut), externalId.slice(cut + 1)] : [];
}
