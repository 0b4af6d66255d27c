import { setTimeout as sleep } from 'node:timers/promises';
import { DeskClient } from '../desk/desk-client';
import type { Language } from '../traffic/people';
import { demoLead } from './demo-sign-in';
import type { PastDelivery } from './recent-history';

/**
 * What the lead wrote back: a first answer to a question, thanks for praise, in the customer's language (with no term
 * the demo's reply policy warns about or holds).
 */
export const ANSWERS: Record<'question' | 'thanks', Record<Language, string>> = {
  question: {
    it: 'Ciao! Grazie per averci scritto: controllo subito e ti rispondo qui a breve. Lorenzo, Da Gino',
    en: 'Hi! Thanks for getting in touch: I am checking now and will get back to you here shortly. Lorenzo, Da Gino',
  },
  thanks: {
    it: 'Grazie mille, ci fa davvero piacere! A presto da Gino. Lorenzo',
    en: 'Thank you so much, that means a lot to us! See you soon at Gino’s. Lorenzo',
  },
};

/** The fields of a listed conversation this reads. */
export interface WaitingConversation {
  id: string;
  channelType: string;
  status: string;
  language: string | null;
  sentiment: string | null;
  preview?: string | null;
  sla: { firstResponseDueAt: string | null; firstRespondedAt: string | null };
}

const MINUTE = 60_000;
/** Answered ones waited a while, but are comfortably on time: first response due in 4 to 11 minutes. */
const DUE_WITHIN: readonly [number, number] = [4 * MINUTE, 11 * MINUTE];

/** The answer a conversation gets: questions and praise only (a complaint deserves more than a stock line). */
export function answerKind(c: Pick<WaitingConversation, 'preview' | 'sentiment'>): keyof typeof ANSWERS | undefined {
  if (c.preview?.includes('?') && c.sentiment !== 'negative') return 'question';
  return c.sentiment === 'positive' ? 'thanks' : undefined;
}

/** The conversations to answer: questions or praise, on time, waiting longest first, each from another channel type. */
export function pickToAnswer(items: WaitingConversation[], now: Date, count: number): WaitingConversation[] {
  const due = (c: WaitingConversation): number => Date.parse(c.sla.firstResponseDueAt ?? '');
  const waiting = items
    .filter((c) => c.status === 'open' && c.sla.firstRespondedAt === null && answerKind(c) !== undefined)
    .filter((c) => due(c) - now.getTime() >= DUE_WITHIN[0] && due(c) - now.getTime() <= DUE_WITHIN[1])
    .sort((a, b) => due(a) - due(b));
  const picked: WaitingConversation[] = [];
  for (const c of waiting) if (picked.length < count && !picked.some((p) => p.channelType === c.channelType)) picked.push(c);
  return picked;
}

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

/** The customer's language: the desk's reading when it has one, else that of the history message its preview shows. */
export function languageOf(c: WaitingConversation, history: PastDelivery[]): Language {
  if (c.language === 'it' || c.language === 'en') return c.language;
  const preview = c.preview?.replace(/…$/, '');
  const match = preview ? history.find((d) => preview.includes(firstLine(d.text)) || firstLine(d.text).startsWith(preview)) : undefined;
  return match?.language ?? 'it';
}

/**
 * The lead has already answered a few customers when the newcomer arrives: takes them and replies through the desk,
 * so their replies go out to the platforms and show their delivery. Waits (up to timeoutMs) for the desk to file
 * the history first; answers how many were answered. The lead signs in with the demo people's password.
 */
export async function answerFirstCustomers(deskUrl: string, history: PastDelivery[], options: { count: number; timeoutMs: number; stop: AbortSignal; password: string }): Promise<number> {
  const desk = await DeskClient.signIn(deskUrl, demoLead.email, options.password);
  const me = await desk.api<{ id: string }>('GET', '/api/me');
  const deadline = Date.now() + options.timeoutMs;
  let picked: WaitingConversation[] = [];
  while (!options.stop.aborted) {
    const listed = await desk.api<{ items: WaitingConversation[] }>('GET', '/api/conversations?status=open&limit=100');
    picked = pickToAnswer(listed.items, new Date(), options.count);
    if (picked.length >= options.count || Date.now() > deadline) break;
    await sleep(500, undefined, { signal: options.stop }).catch(() => undefined);
  }
  for (const c of picked) {
    if (options.stop.aborted) break;
    await desk.api('POST', `/api/conversations/${c.id}/assignment`, { assigneeId: me.id });
    await desk.api('POST', `/api/conversations/${c.id}/replies`, { text: ANSWERS[answerKind(c)!][languageOf(c, history)] });
  }
  return picked.length;
}
