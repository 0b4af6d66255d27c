import { findTerms } from '@app/common';
import type { Decision, Rule, RoutingFacts } from './rule';

export interface DecidableMap {
  defaultRoleId: string | null;
  rules: readonly Rule[];
}

/**
 * Who answers: the rules in order, the first whose every given condition holds decides; nothing matching, the
 * default role at normal priority. A rule whose role no longer exists (deleted after the map was saved) is
 * skipped as if it were not there, so its conversations fall through to the next rules and the default role,
 * instead of landing nowhere. `liveRoles` absent: every role is taken to exist.
 */
export function decide(map: DecidableMap, facts: RoutingFacts, liveRoles?: ReadonlySet<string>): Decision {
  const exists = (roleId: string | null): roleId is string => roleId !== null && (!liveRoles || liveRoles.has(roleId));
  // The text is searched once for every keyword of the map, not once per rule.
  const found = new Set(findTerms(facts.text, [...new Set(map.rules.flatMap((r) => r.when.keywords ?? []))]));
  for (const rule of map.rules) {
    if (!exists(rule.then.roleId)) continue;
    const matchedKeywords = holds(rule, facts, found);
    if (matchedKeywords === null) continue;
    return { roleId: rule.then.roleId, rule: rule.name, priority: rule.then.priority ?? 'normal', tags: rule.then.tags ?? [], matchedKeywords };
  }
  return { roleId: exists(map.defaultRoleId) ? map.defaultRoleId : null, rule: null, priority: 'normal', tags: [], matchedKeywords: [] };
}

/** The rule's keywords found (empty when it has none) when every condition holds; null when one does not. */
function holds(rule: Rule, facts: RoutingFacts, found: ReadonlySet<string>): string[] | null {
  const w = rule.when;
  if (w.channelTypes && !w.channelTypes.includes(facts.channelType)) return null;
  if (w.channelIds && (facts.channelId === null || !w.channelIds.includes(facts.channelId.toLowerCase()))) return null;
  if (w.kinds && !w.kinds.includes(facts.kind)) return null;
  if (w.languages && (facts.language === null || !w.languages.includes(facts.language))) return null;
  if (w.sentiment !== undefined) {
    const wanted = Array.isArray(w.sentiment) ? w.sentiment : [w.sentiment];
    if (facts.sentiment === null || !wanted.includes(facts.sentiment)) return null;
  }
  if (w.minFollowers !== undefined && (facts.followers === null || facts.followers < w.minFollowers)) return null;
  if (w.keywords) {
    const matched = w.keywords.filter((k) => found.has(k));
    return matched.length > 0 ? matched : null;
  }
  return [];
}

/** Whether deciding may need the author's follower count (so that it is looked up only then). */
export function needsFollowers(map: DecidableMap): boolean {
  return map.rules.some((r) => r.when.minFollowers !== undefined);
}
