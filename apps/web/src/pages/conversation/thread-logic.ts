import type { DeliveryStatus, Message } from '../../api/types';

/** A message of the thread: the API's Message (the name keeps the pane's modules readable). */
export type ThreadMessage = Message;

/** Where a message came from: a live event (the latest truth) or the answer to our own request (maybe stale). */
export type MessageSource = 'live' | 'answer';

/** The server's order: the platform's time, then when the desk received it, then id. */
export function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  return a.createdAt.localeCompare(b.createdAt) || (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '') || a.id.localeCompare(b.id);
}

/**
 * How far a reply has got. A live `sent` can overtake the HTTP answer of the request that queued it (the outbound
 * worker is fast): such an answer must not put the reply back to `queued`.
 */
const DELIVERY_RANK: Record<DeliveryStatus, number> = { held: 0, queued: 1, rejected: 1, sent: 2, failed: 2, delivered: 3, read: 4 };

export function deliveryRank(status: DeliveryStatus | undefined): number {
  return status ? DELIVERY_RANK[status] : 0;
}

/** The list with this message added in order, or replacing the one with its id. */
export function upsertMessage(list: ThreadMessage[], message: ThreadMessage, source: MessageSource = 'live'): ThreadMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index >= 0) {
    const existing = list[index]!;
    if (source === 'answer' && deliveryRank(existing.deliveryStatus) > deliveryRank(message.deliveryStatus)) return list;
    const next = list.slice();
    next[index] = message;
    return next;
  }
  const next = [...list, message];
  // Most messages are the newest: sort only when one lands in the middle.
  if (list.length > 0 && compareMessages(list[list.length - 1]!, message) > 0) next.sort(compareMessages);
  return next;
}

export function removeMessage(list: ThreadMessage[], id: string): ThreadMessage[] {
  return list.some((m) => m.id === id) ? list.filter((m) => m.id !== id) : list;
}

export type ThreadItem =
  | { type: 'day'; key: string; at: string }
  | {
      type: 'message';
      key: string;
      message: ThreadMessage;
      /** The message it answers, when that is in this thread and not the one just above (which needs no quote). */
      parent: ThreadMessage | null;
    };

/**
 * The thread as the pane shows it: a day heading whenever the day changes (in the reader's time zone, given by
 * `dayOf`), each message with the message it answers when the platform says so.
 */
export function buildThread(messages: ThreadMessage[], dayOf: (iso: string) => string): ThreadItem[] {
  const byExternalId = new Map<string, ThreadMessage>();
  for (const m of messages) if (m.externalId) byExternalId.set(m.externalId, m);
  const items: ThreadItem[] = [];
  let day: string | null = null;
  let previous: ThreadMessage | null = null;
  for (const message of messages) {
    const thisDay = dayOf(message.createdAt);
    if (thisDay !== day) {
      items.push({ type: 'day', key: `day-${thisDay}`, at: message.createdAt });
      day = thisDay;
    }
    const found = message.parentExternalId ? (byExternalId.get(message.parentExternalId) ?? null) : null;
    const parent = found && found !== previous && found !== message ? found : null;
    items.push({ type: 'message', key: message.id, message, parent });
    previous = message;
  }
  return items;
}

/** A short quote of a message: its first line, cut at `max` characters. */
export function quoteOf(text: string, max = 120): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Whether a scrolled box shows its end (within `slack` pixels): new messages then keep it at the bottom. */
export function isAtBottom(box: { scrollTop: number; scrollHeight: number; clientHeight: number }, slack = 40): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}
