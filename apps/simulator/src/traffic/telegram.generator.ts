import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import { escapedJson } from './platform-json';
import type { Rng } from './random';
import { clip, customer, otherCustomer, seconds, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

const GROUP = { id: -1001234567890, title: 'Amici di Da Gino 🍝', username: 'amicidagino', type: 'supergroup' };

interface GroupMessage {
  message_id: number;
  from: Record<string, unknown>;
  date: number;
  text: string;
}

function userOf(c: Customer): Record<string, unknown> {
  return { id: Number(c.id), is_bot: false, first_name: c.firstName, last_name: c.lastName, username: c.username, language_code: c.language };
}

/** A Bot API update: mostly private chats with the bot, sometimes a group message answering an earlier one. */
export function telegramMessage(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const inGroup = rng.chance(0.3);
  const earlier = inGroup && rng.chance(0.5) ? memory.recall<GroupMessage>(rng, 'telegram.group') : undefined;
  const people = (): Customer => ({ ...randomPerson(rng), id: rng.digits(rng.int(9, 10)) });
  const author = earlier ? otherCustomer(rng, memory, 'telegram.people', people, String(earlier.from.id)) : customer(rng, memory, 'telegram.people', people, 0.5);
  const chat = inGroup ? GROUP : { id: Number(author.id), first_name: author.firstName, last_name: author.lastName, username: author.username, type: 'private' };
  const messageId = memory.next(`telegram.message_id.${chat.id}`, inGroup ? 1300 : 60);
  const text = phrase(rng, author.language, earlier ? 'reply' : randomIntent(rng));
  const from = userOf(author);
  const message: Record<string, unknown> = { message_id: messageId, from, chat, date: seconds(at), text };
  if (earlier) message.reply_to_message = { ...earlier, chat };
  if (inGroup) memory.remember('telegram.group', { message_id: messageId, from, date: seconds(at), text } satisfies GroupMessage);
  const update = { update_id: memory.next('telegram.update_id', 918_300_000), message };
  return {
    channelType: 'telegram',
    body: escapedJson(update),
    contentType: 'application/json',
    externalId: `${chat.id}:${messageId}`,
    // Group chats are public threads; only the private chat with the bot is a DM.
    kind: inGroup ? 'comment' : 'message',
    text,
    language: author.language,
    ...(earlier ? { parentExternalId: `${chat.id}:${earlier.message_id}` } : {}),
    author: { id: author.id, name: `${author.firstName} ${author.lastName}`, username: author.username },
    summary: `telegram ${inGroup ? `group ${GROUP.title}` : `@${DEMO.botUsername} DM`} ${author.firstName}: ${clip(text)}`,
  };
}
