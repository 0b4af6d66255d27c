import type { ChannelType } from '@app/channels/types/channel-type';
import type { EventKind } from '@app/channels/types/normalized-event';
import type { Language, Person } from './people';
import type { Rng } from './random';

/** One generated platform delivery, ready to sign with adapterFor(channelType).signDelivery and POST. */
export interface GeneratedDelivery {
  channelType: ChannelType;
  /** The exact bytes to send, as the platform would write them. */
  body: string;
  contentType: string;
  /** The externalId the adapter must give the event. */
  externalId: string;
  kind: EventKind;
  text: string;
  /** The customer's language, so an answer can be written in it. */
  language: Language;
  /** The externalId of the message this one answers, when it is a reply. */
  parentExternalId?: string;
  author: { id: string; name: string; username?: string; followers?: number };
  /** One line for the console. */
  summary: string;
}

/** What earlier generated traffic left behind, so later events can answer it or continue a conversation. */
export class TrafficMemory {
  private readonly items = new Map<string, unknown[]>();

  constructor(private readonly keep = 50) {}

  remember<T>(key: string, value: T): void {
    const list = this.items.get(key) ?? [];
    list.push(value);
    if (list.length > this.keep) list.shift();
    this.items.set(key, list);
  }

  /** The next number of a sequence (Telegram update_id and per-chat message_id). */
  next(key: string, start: number): number {
    const list = this.items.get(key) ?? [start - 1];
    const value = (list[0] as number) + 1;
    this.items.set(key, [value]);
    return value;
  }

  /** A random earlier item under key, or undefined when there is none yet. */
  recall<T>(rng: Rng, key: string): T | undefined {
    const list = this.items.get(key);
    return list && list.length > 0 ? (rng.pick(list) as T) : undefined;
  }
}

/** A customer as one platform knows them: a person plus their platform id. */
export interface Customer extends Person {
  id: string;
}

export type Generator = (rng: Rng, memory: TrafficMemory, at: Date) => GeneratedDelivery;

export const seconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** An earlier customer of this platform (a returning one) or a new one. */
export function customer(rng: Rng, memory: TrafficMemory, key: string, fresh: () => Customer, returning = 0.35): Customer {
  const known = rng.chance(returning) ? memory.recall<Customer>(rng, key) : undefined;
  if (known) return known;
  const created = fresh();
  memory.remember(key, created);
  return created;
}

/** Someone other than `not` (a reply in a comment thread comes from another person). */
export function otherCustomer(rng: Rng, memory: TrafficMemory, key: string, fresh: () => Customer, not: string): Customer {
  const found = customer(rng, memory, key, fresh);
  if (found.id !== not) return found;
  const created = fresh();
  memory.remember(key, created);
  return created;
}

export const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
