import type { Conversation } from '../api/types';

// For unit specs only (the app never imports it): one conversation as the API lists it, that each spec adjusts.

/** No SLA policy and no clock running. */
export const NO_SLA: Conversation['sla'] = { policyId: null, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, state: 'none' };

/** An open, normal-priority comment on an `api` channel, with no role, assignee, contact or SLA; `fields` set the rest. */
export function conversationFixture(fields: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    channelId: 'ch',
    channelType: 'api',
    kind: 'comment',
    status: 'open',
    snoozedUntil: null,
    priority: 'normal',
    roleId: null,
    assigneeId: null,
    contact: null,
    language: null,
    sentiment: null,
    tags: [],
    subject: null,
    lastMessageAt: '2026-03-02T10:00:00.000Z',
    waitingSince: null,
    createdAt: '2026-03-02T10:00:00.000Z',
    version: 1,
    sla: { ...NO_SLA },
    ...fields,
  };
}
