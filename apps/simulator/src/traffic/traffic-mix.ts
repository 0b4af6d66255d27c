import { apiEvent } from './api-event.generator';
import { inboundEmail } from './email.generator';
import { facebookComment, messengerMessage } from './facebook.generator';
import { instagramComment, instagramDm } from './instagram.generator';
import { linkedinActivity } from './linkedin.generator';
import { createRng } from './random';
import { telegramMessage } from './telegram.generator';
import { TrafficMemory, type GeneratedDelivery, type Generator } from './traffic.types';
import { whatsappMessage } from './whatsapp.generator';
import { xMention } from './x.generator';

export const GENERATORS = {
  api: apiEvent,
  facebookComment,
  messengerMessage,
  instagramComment,
  instagramDm,
  whatsapp: whatsappMessage,
  telegram: telegramMessage,
  x: xMention,
  email: inboundEmail,
  linkedin: linkedinActivity,
} satisfies Record<string, Generator>;

export type GeneratorName = keyof typeof GENERATORS;

/**
 * Mostly the generic api channel, the rest spread over the social platforms. E-mail and LinkedIn came later and weigh
 * nothing here, so a seed gives the load generator the same stream as before; the demo's mix has them.
 */
export const DEFAULT_WEIGHTS: Record<GeneratorName, number> = {
  api: 55,
  facebookComment: 8,
  messengerMessage: 6,
  instagramComment: 7,
  instagramDm: 4,
  whatsapp: 8,
  telegram: 7,
  x: 5,
  email: 0,
  linkedin: 0,
};

export interface Traffic {
  /** The next delivery, stamped at `at` (default now). */
  next(at?: Date): GeneratedDelivery;
}

/** A deterministic stream of realistic deliveries: the same seed and times give the same bodies. */
export function createTraffic(options: { seed?: number; weights?: Partial<Record<GeneratorName, number>> } = {}): Traffic {
  const rng = createRng(options.seed ?? 42);
  const memory = new TrafficMemory();
  const weights = Object.entries({ ...DEFAULT_WEIGHTS, ...options.weights }).filter(([, w]) => w > 0) as Array<[GeneratorName, number]>;
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (total <= 0) throw new Error('traffic weights must include a positive one');
  return {
    next(at = new Date()) {
      let roll = rng.next() * total;
      const [name] = weights.find(([, w]) => (roll -= w) < 0) ?? weights[weights.length - 1]!;
      return GENERATORS[name](rng, memory, at);
    },
  };
}
