// The API's task-force shapes as the Team page reads them (README "The task force"; /api/docs-json).
import type { ChannelType, Kind, Priority, Sentiment } from '../../api/types';
import type { MemberLoad, PresenceStatus } from '../../components/workload';

export type Strategy = 'round_robin' | 'least_busy' | 'manual';
export const STRATEGIES: readonly Strategy[] = ['round_robin', 'least_busy', 'manual'];

export interface RoleQueue {
  roleId: string;
  name: string;
  assignment: Strategy;
  waiting: number;
  urgent: number;
  high: number;
  oldestWaitingSince: string | null;
  online: number;
}
export interface Workload {
  members: MemberLoad[];
  queues: RoleQueue[];
}
/** GET /api/presence items, and the `presence.updated` payload (which also carries workspaceId). */
export interface PresenceEntry {
  userId: string;
  status: PresenceStatus;
  since: string;
}

export interface BusinessHours {
  id: string;
  name: string;
  timezone: string;
}

export interface MapRule {
  name: string;
  when?: {
    channelTypes?: ChannelType[];
    channelIds?: string[];
    kinds?: Kind[];
    languages?: string[];
    keywords?: string[];
    sentiment?: Sentiment | Sentiment[];
    minFollowers?: number;
  };
  then: { roleId: string; priority?: Priority; tags?: string[] };
}
export interface ResponsibilityMap {
  version: number;
  defaultRoleId: string | null;
  rules: MapRule[];
  createdAt: string | null;
  createdBy: { id: string; name: string | null } | null;
}
export interface MapVersionSummary {
  version: number;
  defaultRoleId: string | null;
  createdAt: string;
  createdBy: { id: string; name: string | null } | null;
  rules: number;
}
export interface DryRunResult {
  roleId: string | null;
  rule: string | null;
  priority: Priority;
  language: string | null;
  sentiment: Sentiment | null;
  tags: string[];
  matchedKeywords: string[];
  mapVersion: number | null;
}
