import type { ChannelType, EventKind } from '@app/channels';
import type { Priority } from '@app/inbox';
import type { Sentiment } from '../classify';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const satisfies readonly Sentiment[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly Priority[];
export const EVENT_KINDS = ['comment', 'mention', 'message'] as const satisfies readonly EventKind[];

/** Every condition given must hold; a condition left out holds for everything. */
export interface RuleConditions {
  channelTypes?: ChannelType[];
  channelIds?: string[];
  kinds?: EventKind[];
  /** ISO 639-1 codes, lower case. */
  languages?: string[];
  /** Any one of them, as a whole word or phrase, case- and accent-insensitively. */
  keywords?: string[];
  /** One value (as the contract has it) or several, any of which holds. */
  sentiment?: Sentiment | Sentiment[];
  /** The author's follower count must be known and at least this. */
  minFollowers?: number;
}

export interface RuleOutcome {
  roleId: string;
  priority?: Priority;
  tags?: string[];
}

export interface Rule {
  name: string;
  when: RuleConditions;
  then: RuleOutcome;
}

/** What a lead writes: the rules in the order they are tried, and the role that takes the rest. */
export interface MapContent {
  defaultRoleId: string;
  rules: Rule[];
}

/**
 * A stored version. `defaultRoleId` turns null when that role is deleted later (the foreign key clears it):
 * conversations no rule takes then stay without a role, in the lead's queue.
 */
export interface MapVersion {
  version: number;
  defaultRoleId: string | null;
  rules: Rule[];
  /** Null only for version 0, the empty map answered before the first save. */
  createdAt: string | null;
  createdBy: { id: string; name: string | null } | null;
}

/** What routing knows about one message. */
export interface RoutingFacts {
  channelType: ChannelType;
  /** Null in a dry run that names no channel: rules on channelIds then do not hold. */
  channelId: string | null;
  kind: EventKind;
  text: string;
  language: string | null;
  sentiment: Sentiment | null;
  followers: number | null;
}

export interface Decision {
  /** Null only when nothing takes it: the map's default role was deleted. */
  roleId: string | null;
  /** The name of the rule that decided; null for the default role. */
  rule: string | null;
  priority: Priority;
  tags: string[];
  /** The deciding rule's keywords found in the text (as the rule spells them). */
  matchedKeywords: string[];
}
