// The Administration area's API shapes (apps/api/src/{channels,users,sla,voice,workspaces}/*.dto.ts).
import type { Access, ChannelType, Kind, Priority } from '../../api/types';
import type { WeeklyInterval } from './weekly-grid';

export interface ChannelView {
  id: string;
  type: ChannelType;
  name: string;
  webhookUrl: string;
  /** The public settings only; secrets are never returned. */
  config: Record<string, string | number>;
  /** Names of the secrets that are set. */
  secretsSet: string[];
  pollError: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ChannelEventStatus = 'pending' | 'processed' | 'failed';
export interface ChannelEvent {
  id: string;
  source: 'webhook' | 'poll';
  status: ChannelEventStatus;
  receivedAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  processedAt: string | null;
  events: number | null;
  size: number;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  access: Access;
  active: boolean;
  joinedAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  timezone: string;
}

export interface WorkspaceSettings {
  timezone: string;
  consistency: { period: 'day' | 'week'; minAttainment: number };
}

export interface BusinessHours {
  id: string;
  name: string;
  timezone: string;
  weekly: WeeklyInterval[];
  holidays: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SlaPolicyWhen {
  priorities?: Priority[];
  channelTypes?: ChannelType[];
  roleIds?: string[];
  kinds?: Kind[];
}
export type BreachAction = 'notify' | 'escalate';
export interface SlaPolicy {
  id: string;
  name: string;
  when: SlaPolicyWhen;
  firstResponseSeconds: number;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursId: string | null;
  warnAtPercent: number;
  onBreach: BreachAction;
  createdAt: string;
  updatedAt: string;
}

export interface ApprovalTopic {
  name: string;
  terms: string[];
}
export interface ReplyPolicy {
  blockTerms: string[];
  warnTerms: string[];
  approvalTopics: ApprovalTopic[];
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

export interface Items<T> {
  items: T[];
}
