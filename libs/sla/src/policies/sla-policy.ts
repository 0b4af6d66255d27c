import { CHANNEL_TYPES, type ChannelType, type EventKind } from '@app/channels';

export const POLICY_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const POLICY_CHANNEL_TYPES = CHANNEL_TYPES;
export const POLICY_KINDS = ['comment', 'mention', 'message'] as const;
/** `notify` only publishes sla.breached; `escalate` also moves the conversation to its role's escalation role. */
export const BREACH_ACTIONS = ['notify', 'escalate'] as const;

export type PolicyPriority = (typeof POLICY_PRIORITIES)[number];
export type BreachAction = (typeof BREACH_ACTIONS)[number];

/** Which conversations a policy applies to: every given, non-empty list must contain the conversation's value. */
export interface SlaPolicyWhen {
  priorities?: PolicyPriority[];
  channelTypes?: ChannelType[];
  /** Lower-case UUIDs; a conversation without a role never matches a policy that lists roles. */
  roleIds?: string[];
  kinds?: EventKind[];
}

/** What a client sets on a policy: checked and normalized by checkPolicy (policy-fields.ts). */
export interface SlaPolicyFields {
  name: string;
  when: SlaPolicyWhen;
  firstResponseSeconds: number;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursId: string | null;
  warnAtPercent: number;
  onBreach: BreachAction;
}

/** A policy as the API shows it and as the engine reads it (from SlaPolicyRepository.activePolicies). */
export interface SlaPolicy extends SlaPolicyFields {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** What a conversation offers to matchPolicy; `roleId` null when no role holds it. */
export interface PolicyFacts {
  priority: string;
  channelType: string;
  roleId: string | null;
  kind: string;
}
