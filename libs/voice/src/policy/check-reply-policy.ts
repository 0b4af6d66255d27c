import { foldText } from '@app/common';
import type { ApprovalTopic, ReplyPolicy } from './reply-policy';

export const POLICY_LIMITS = { terms: 500, termLength: 100, topics: 50, topicName: 50, topicTerms: 200 } as const;

export type CheckedPolicy = { ok: true; value: ReplyPolicy } | { ok: false; problems: string[] };

/**
 * Checks a whole policy in one pass, naming every problem. Terms are trimmed and kept as written; a term that
 * matches the same text as an earlier one of its list (same words, ignoring case and accents) is dropped. A term
 * without a letter or digit could never match and is refused. Topic names are compared with conversation tags,
 * so they follow the same limit (50 characters) and must be unique.
 */
export function checkReplyPolicy(input: Record<string, unknown>): CheckedPolicy {
  const problems: string[] = [];
  const blockTerms = termList(input.blockTerms ?? [], 'blockTerms', POLICY_LIMITS.terms, problems);
  const warnTerms = termList(input.warnTerms ?? [], 'warnTerms', POLICY_LIMITS.terms, problems);
  const approvalTopics = topicList(input.approvalTopics ?? [], problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { blockTerms: blockTerms!, warnTerms: warnTerms!, approvalTopics: approvalTopics! } };
}

function termList(value: unknown, at: string, max: number, problems: string[]): string[] | null {
  if (!Array.isArray(value)) {
    problems.push(`${at} must be a list of words or phrases`);
    return null;
  }
  if (value.length > max) {
    problems.push(`${at} may hold at most ${max} terms`);
    return null;
  }
  const seen = new Set<string>();
  const terms: string[] = [];
  value.forEach((item: unknown, index) => {
    const term = typeof item === 'string' ? item.trim() : null;
    if (term === null || term.length === 0 || term.length > POLICY_LIMITS.termLength) {
      problems.push(`${at}[${index}] must be a text of 1 to ${POLICY_LIMITS.termLength} characters`);
      return;
    }
    const folded = foldText(term);
    if (folded.trim() === '') {
      problems.push(`${at}[${index}] must contain a letter or digit (got ${JSON.stringify(term)})`);
      return;
    }
    if (!seen.has(folded)) {
      seen.add(folded);
      terms.push(term);
    }
  });
  return terms;
}

function topicList(value: unknown, problems: string[]): ApprovalTopic[] | null {
  if (!Array.isArray(value)) {
    problems.push('approvalTopics must be a list of {name, terms}');
    return null;
  }
  if (value.length > POLICY_LIMITS.topics) {
    problems.push(`approvalTopics may hold at most ${POLICY_LIMITS.topics} topics`);
    return null;
  }
  const names = new Map<string, number>();
  const topics: ApprovalTopic[] = [];
  value.forEach((item: unknown, index) => {
    const at = `approvalTopics[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${at} must be a topic {name, terms}`);
      return;
    }
    const raw = item as Record<string, unknown>;
    for (const key of Object.keys(raw)) if (key !== 'name' && key !== 'terms') problems.push(`${at}.${key} is not allowed`);
    const name = typeof raw.name === 'string' ? raw.name.trim() : null;
    if (name === null || name.length === 0 || name.length > POLICY_LIMITS.topicName) {
      problems.push(`${at}.name must be a text of 1 to ${POLICY_LIMITS.topicName} characters`);
    } else if (foldText(name).trim() === '') {
      problems.push(`${at}.name must contain a letter or digit`);
    } else {
      const earlier = names.get(foldText(name));
      if (earlier !== undefined) problems.push(`${at}.name repeats approvalTopics[${earlier}].name ${JSON.stringify(name)}`);
      else names.set(foldText(name), index);
    }
    const terms = termList(raw.terms ?? [], `${at}.terms`, POLICY_LIMITS.topicTerms, problems);
    if (name && terms) topics.push({ name, terms });
  });
  return topics;
}
