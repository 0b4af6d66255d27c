/** Who moves a conversation when an SLA clock does: the history's actor and the assignment event's `by`. */
export const SLA_ACTOR = { type: 'system', id: null, name: 'sla' } as const;
