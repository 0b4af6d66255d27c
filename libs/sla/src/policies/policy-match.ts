import type { PolicyFacts, SlaPolicyWhen } from './sla-policy';

/**
 * The policy that applies to a conversation: the first, in the order given (creation order), whose every
 * non-empty list contains the conversation's value. A missing or empty list matches anything, so a policy with an
 * empty `when` catches everything after it. A policy listing roles never matches a conversation without a role.
 * Role ids compare case-insensitively (stored lower-case; PostgreSQL answers lower-case).
 */
export function matchPolicy<P extends { when: SlaPolicyWhen }>(policies: readonly P[], facts: PolicyFacts): P | null {
  const roleId = facts.roleId?.toLowerCase() ?? null;
  return (
    policies.find(
      ({ when }) =>
        holds(when.priorities, facts.priority) &&
        holds(when.channelTypes, facts.channelType) &&
        holds(when.kinds, facts.kind) &&
        (!when.roleIds?.length || (roleId !== null && when.roleIds.some((id) => id.toLowerCase() === roleId))),
    ) ?? null
  );
}

function holds(list: readonly string[] | undefined, fact: string): boolean {
  return !list?.length || list.includes(fact);
}
