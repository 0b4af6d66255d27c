import { CHANNEL_TYPES, type ChannelType } from '@app/channels/types/channel-type';
import { demoChannelConfigs } from '../demo-accounts';
import type { CreatedChannel, DeskClient } from '../desk/desk-client';

export type DemoChannels = Record<ChannelType, CreatedChannel>;

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  facebook: 'Facebook Page',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  x: 'X',
  telegram: 'Telegram bot',
  youtube: 'YouTube',
  linkedin: 'LinkedIn page',
  email: 'E-mail',
  api: 'Generic API',
};

/**
 * One channel of each type with the fixtures' made-up secrets and ids, its platform API pointed at the fake.
 * Each run creates fresh channels (named with the run's time) so runs never mix.
 */
export async function createDemoChannels(desk: DeskClient, baseUrls: Record<ChannelType, string>, log: (line: string) => void): Promise<DemoChannels> {
  const configs = demoChannelConfigs(baseUrls);
  const stamp = new Date().toISOString().slice(5, 16).replace('T', ' ');
  const channels = {} as DemoChannels;
  for (const type of CHANNEL_TYPES) {
    const channel = await desk.createChannel(type, `Simulator ${CHANNEL_LABELS[type]} (${stamp})`, configs[type]);
    channels[type] = channel;
    log(`  ${type.padEnd(9)} ${channel.id}  ${channel.webhookUrl}`);
  }
  return channels;
}
