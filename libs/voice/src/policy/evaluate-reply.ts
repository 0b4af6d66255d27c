import { findTerms, foldText } from '@app/common';
import type { ApprovalTopic, ReplyEvaluation, ReplyPolicy } from './reply-policy';

export interface ReplyFacts {
  text: string;
  /** The conversation's kind: `comment` and `mention` are public, `message` is private. */
  kind: 'comment' | 'mention' | 'message';
  /** The conversation's tags. */
  tags: readonly string[];
}

export interface ReplyAuthor {
  /** Leads and admins: their reply is the approval, so approval topics do not hold it. */
  approver: boolean;
}

/**
 * What the reply policy says about one reply. Terms match as whole words or phrases, case- and accent-insensitively
 * (findTerms). Order of severity: a public reply with a block term is blocked (even a lead's: approval does not
 * override a block); else an approval topic holds it (not a lead's or admin's); else warning terms, and block terms
 * in a private conversation, only warn.
 */
export function evaluateReply(policy: ReplyPolicy, reply: ReplyFacts, author: ReplyAuthor = { approver: false }): ReplyEvaluation {
  const isPublic = reply.kind !== 'message';
  const blockTerms = findTerms(reply.text, policy.blockTerms);
  const warnTerms = findTerms(reply.text, policy.warnTerms);
  const warnings = unique([...warnTerms, ...(isPublic ? [] : blockTerms)]);
  const applying = policy.approvalTopics.map((topic) => topicMatch(topic, reply)).filter((m) => m.terms.length > 0 || m.tagged);
  const topics = applying.map((m) => m.topic.name);
  const topicTerms = unique(applying.flatMap((m) => m.terms));
  const base = { blockTerms, warnTerms, warnings, topics, topicTerms };
  if (isPublic && blockTerms.length > 0) {
    return { verdict: 'block', ...base, reason: `A public reply may not contain ${quoted(blockTerms)}` };
  }
  if (applying.length > 0 && !author.approver) {
    const why = applying.map((m) => `${m.topic.name} (${[...(m.terms.length ? [`mentions ${quoted(m.terms)}`] : []), ...(m.tagged ? ['conversation tagged'] : [])].join(', ')})`);
    return { verdict: 'hold', ...base, reason: `Needs a lead's approval: ${why.join('; ')}` };
  }
  return { verdict: warnings.length > 0 ? 'warn' : 'send', ...base, reason: null };
}

function topicMatch(topic: ApprovalTopic, reply: ReplyFacts): { topic: ApprovalTopic; terms: string[]; tagged: boolean } {
  const name = foldText(topic.name);
  return { topic, terms: findTerms(reply.text, topic.terms), tagged: reply.tags.some((tag) => foldText(tag) === name) };
}

const unique = (xs: string[]) => [...new Set(xs)];
const quoted = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');
