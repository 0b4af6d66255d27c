import type { EventAuthor, EventOp, NormalizedEvent } from '../../types/normalized-event';
import { WebhookParseError } from '../../types/webhook-request';
import { at, clean, cleanOpt, compact, isoFromSeconds, isoOrNow, obj, str, type Json } from '../shared/payload-fields';
import { telegramAttachments } from './telegram-attachments';

/** The Update fields that carry a message, and what each means for it. Anything else (callbacks, polls, member changes) is not a message. */
const MESSAGE_FIELDS: ReadonlyArray<readonly [string, EventOp]> = [
  ['message', 'create'],
  ['edited_message', 'edit'],
  ['channel_post', 'create'],
  ['edited_channel_post', 'edit'],
  ['business_message', 'create'],
  ['edited_business_message', 'edit'],
];

/** One Update (Telegram sends one per POST) as the events it holds. */
export function parseTelegramUpdate(update: Json, botId: string): NormalizedEvent[] {
  if (tgId(update.update_id) === undefined) throw new WebhookParseError('not a Telegram Update: update_id is missing');
  const events: Array<NormalizedEvent | undefined> = [];
  for (const [key, op] of MESSAGE_FIELDS) {
    if (update[key] === undefined) continue;
    if (obj(update[key]) === undefined) throw new WebhookParseError(`${key} is not an object`);
    events.push(parseMessage(update[key], op, botId));
  }
  events.push(...deletedBusinessMessages(update.deleted_business_messages));
  return events.filter((e): e is NormalizedEvent => e !== undefined);
}

/** Telegram ids are integers (chat ids negative for groups); a message_id is unique only within its chat. */
export function tgId(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}

function parseMessage(message: unknown, op: EventOp, botId: string): NormalizedEvent | undefined {
  const chatId = tgId(at(message, 'chat', 'id'));
  const messageId = tgId(at(message, 'message_id'));
  if (chatId === undefined || messageId === undefined) return undefined;
  const attachments = telegramAttachments(message);
  const text = str(at(message, 'text')) ?? str(at(message, 'caption'));
  // Service messages (members joining, pins, topic changes) carry neither text nor media.
  if (text === undefined && attachments.length === 0) return undefined;
  const fromId = tgId(at(message, 'from', 'id'));
  const isPrivate = str(at(message, 'chat', 'type')) === 'private';
  const author = at(message, 'sender_chat') !== undefined ? chatAuthor(message) : userAuthor(at(message, 'from'));
  const fallbackAuthor = isPrivate ? userAuthor(at(message, 'chat')) : undefined;
  const who = author ?? fallbackAuthor;
  if (who === undefined) return undefined;
  const isEcho = (at(message, 'from', 'is_bot') === true && fromId === botId) || (isPrivate && fromId !== undefined && fromId !== chatId);
  const shared = {
    op,
    externalId: `${chatId}:${messageId}`,
    author: who,
    text: clean(text ?? ''),
    attachments,
    occurredAt: isoOrNow(isoFromSeconds(at(message, 'date'))),
    isEcho,
  };
  const topic = forumTopic(message);
  const replyRef = compact({ chatId, messageId, threadId: topic, businessConnectionId: cleanOpt(at(message, 'business_connection_id')) });
  if (isPrivate) {
    // A private chat's id is the customer's user id; a business owner's own messages arrive from another id.
    return compact<NormalizedEvent>({ ...shared, kind: 'message', threadKey: `dm:${chatId}`, counterpart: isEcho ? fallbackAuthor : undefined, replyRef });
  }
  return compact<NormalizedEvent>({
    ...shared,
    kind: 'comment',
    threadKey: topic !== undefined ? `topic:${chatId}:${topic}` : undefined,
    parentExternalId: parentOf(message, chatId, topic),
    replyRef,
  });
}

function userAuthor(user: unknown): EventAuthor | undefined {
  const id = tgId(at(user, 'id'));
  if (id === undefined) return undefined;
  const name = [cleanOpt(at(user, 'first_name')), cleanOpt(at(user, 'last_name'))].filter((n) => n !== undefined && n !== '').join(' ');
  return compact({ id, name: name === '' ? undefined : name, username: cleanOpt(at(user, 'username')) });
}

/** Channel posts and anonymous admins write as a chat; a channel post may name its human author in author_signature. */
function chatAuthor(message: unknown): EventAuthor | undefined {
  const id = tgId(at(message, 'sender_chat', 'id'));
  if (id === undefined) return undefined;
  const title = cleanOpt(at(message, 'sender_chat', 'title'));
  const signature = cleanOpt(at(message, 'author_signature'));
  const name = title !== undefined && signature !== undefined ? `${title} (${signature})` : (title ?? signature);
  return compact({ id, name, username: cleanOpt(at(message, 'sender_chat', 'username')) });
}

/** The forum topic a message was posted in; plain supergroups reuse message_thread_id for reply chains, which are not topics. */
function forumTopic(message: unknown): string | undefined {
  return at(message, 'is_topic_message') === true ? tgId(at(message, 'message_thread_id')) : undefined;
}

/** In a forum every message "replies" to its topic's opening service message; only a real reply has a parent. */
function parentOf(message: unknown, chatId: string, topic: string | undefined): string | undefined {
  const parent = tgId(at(message, 'reply_to_message', 'message_id'));
  return parent === undefined || parent === topic ? undefined : `${chatId}:${parent}`;
}

/** Business accounts (unlike bot chats) do report deletions: every listed message of the chat. */
function deletedBusinessMessages(value: unknown): NormalizedEvent[] {
  const chatId = tgId(at(value, 'chat', 'id'));
  const ids = at(value, 'message_ids');
  if (chatId === undefined || !Array.isArray(ids)) return [];
  return ids
    .map(tgId)
    .filter((id): id is string => id !== undefined)
    .map((id) => ({
      op: 'delete' as const,
      kind: 'message' as const,
      externalId: `${chatId}:${id}`,
      threadKey: `dm:${chatId}`,
      author: { id: chatId },
      text: '',
      attachments: [],
      occurredAt: isoOrNow(undefined),
      isEcho: false,
    }));
}
