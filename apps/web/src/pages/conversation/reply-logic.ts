/** POST /api/conversations/:id/replies/check: what the reply policy would do with a draft. */
export interface ReplyCheck {
  verdict: 'send' | 'warn' | 'hold' | 'block';
  blockTerms: string[];
  warnTerms: string[];
  warnings: string[];
  topics: string[];
  topicTerms: string[];
  reason: string | null;
}

export type PolicyNotice =
  | { kind: 'block'; terms: string[] }
  | { kind: 'hold'; reason: string; terms: string[] }
  | { kind: 'warn'; terms: string[] }
  /** A lead's or admin's reply on an approval topic goes out: their reply is the approval. */
  | { kind: 'topicApproved'; topics: string[] };

/**
 * What the reply box says about a draft before it is sent, most serious first: a block says it all; a hold may
 * come with warnings; a lead's or admin's reply on an approval topic is not held, and they are told so.
 */
export function policyNotices(check: ReplyCheck | null): PolicyNotice[] {
  if (!check) return [];
  if (check.verdict === 'block') return [{ kind: 'block', terms: check.blockTerms }];
  const notices: PolicyNotice[] = [];
  if (check.verdict === 'hold') notices.push({ kind: 'hold', reason: check.reason ?? '', terms: check.topicTerms });
  if (check.warnings.length > 0) notices.push({ kind: 'warn', terms: check.warnings });
  if (check.verdict !== 'hold' && check.topics.length > 0) notices.push({ kind: 'topicApproved', topics: check.topics });
  return notices;
}

/** How often the reply box tells the others "typing": the server shows it for 5 s after each. */
export const TYPING_EVERY_MS = 2000;

/** Whether to send `conversation.typing` now, given when it was last sent (null: never). */
export function shouldSendTyping(lastSentAt: number | null, now: number, every = TYPING_EVERY_MS): boolean {
  return lastSentAt === null || now - lastSentAt >= every;
}

export interface Viewer {
  userId: string;
  name: string;
  typing: boolean;
}

/** Who else is on the conversation, typists first, without the signed-in member (whose own tabs count once). */
export function otherViewers(viewers: readonly Viewer[], myId: string): Viewer[] {
  const seen = new Set<string>();
  const others: Viewer[] = [];
  for (const v of viewers) {
    if (v.userId === myId || seen.has(v.userId)) continue;
    seen.add(v.userId);
    others.push(v);
  }
  return others.sort((a, b) => Number(b.typing) - Number(a.typing) || a.name.localeCompare(b.name));
}

/** Where an unsent draft waits (per conversation, per tab), so switching conversations loses nothing. */
export const draftKey = (conversationId: string) => `desk.draft.${conversationId}`;

/** The longest text a reply or note may have (the API's MAX_TEXT). */
export const MAX_TEXT = 10_000;

/** The reply box grows with its text, from 2 lines up to 8 (then it scrolls), so the thread keeps most of the room. */
export function rowsFor(text: string, min = 2, max = 8): number {
  return Math.min(max, Math.max(min, text.split('\n').length));
}
