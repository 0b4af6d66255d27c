import { CHANNEL_TYPES, type ChannelType } from '@app/channels/types/channel-type';
import { CHANNEL_LABELS } from '../cli/demo-channels';
import { demoChannelConfigs } from '../demo-accounts';
import type { DeskClient } from '../desk/desk-client';

export interface ListedChannel {
  id: string;
  type: ChannelType;
  name: string;
  config: Record<string, string | number>;
}

export type WorkspaceChannels = Partial<Record<ChannelType, ListedChannel>>;

/** A demo channel is found again by its type and this name, so a restart reuses it instead of adding another. */
export const workspaceChannelName = (type: ChannelType): string => `Da Gino · ${CHANNEL_LABELS[type]}`;

/** The setting that says where a channel makes its platform calls: the generic api channel posts to its replyUrl. */
const targetKey = (type: ChannelType): 'apiBaseUrl' | 'replyUrl' => (type === 'api' ? 'replyUrl' : 'apiBaseUrl');

/** The demo channels that exist on the desk (any member may list channels). */
export async function findWorkspaceChannels(desk: DeskClient): Promise<WorkspaceChannels> {
  const listed = (await desk.api<{ items: ListedChannel[] }>('GET', '/api/channels')).items;
  const found: WorkspaceChannels = {};
  for (const type of CHANNEL_TYPES) {
    const channel = listed.find((c) => c.type === type && c.name === workspaceChannelName(type));
    if (channel) found[type] = channel;
  }
  return found;
}

/** One channel of each type with the fixtures' accounts and secrets, its platform calls going to the fake platform. */
export async function createWorkspaceChannels(desk: DeskClient, baseUrls: Record<ChannelType, string>): Promise<WorkspaceChannels> {
  const configs = demoChannelConfigs(baseUrls);
  const created: WorkspaceChannels = {};
  for (const type of CHANNEL_TYPES) {
    const channel = await desk.createChannel(type, workspaceChannelName(type), configs[type]);
    created[type] = { ...channel, config: configs[type] };
  }
  return created;
}

/**
 * Points the demo channels at where the fake platform runs now (it moves when its port was taken). Only an admin
 * may edit channels: without one, the channels left pointing elsewhere are counted as stale.
 */
export async function repointWorkspaceChannels(
  desk: DeskClient,
  channels: WorkspaceChannels,
  baseUrls: Record<ChannelType, string>,
  admin: boolean,
): Promise<{ repointed: number; stale: number }> {
  const configs = demoChannelConfigs(baseUrls);
  let repointed = 0;
  let stale = 0;
  for (const channel of Object.values(channels)) {
    const key = targetKey(channel.type);
    const wanted = configs[channel.type][key];
    if (wanted === undefined || channel.config[key] === wanted) continue;
    if (!admin) {
      stale++;
      continue;
    }
    await desk.api('PATCH', `/api/channels/${channel.id}`, { config: { [key]: wanted } });
    repointed++;
  }
  return { repointed, stale };
}
