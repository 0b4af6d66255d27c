import type { ChannelConfig, ChannelType } from '../types/channel-type';

/** A channel with its config opened: only for the webhook, the workers and the adapters, never for a response. */
export interface Channel {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  deletedAt: Date | null;
}

/** What the API shows of a channel: public settings and the names of the secrets that are set, never their values. */
export interface ChannelView {
  id: string;
  type: ChannelType;
  name: string;
  webhookUrl: string;
  config: Record<string, string | number>;
  secretsSet: string[];
  pollError: string | null;
  createdAt: string;
  updatedAt: string;
}
