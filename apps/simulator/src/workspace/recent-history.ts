import type { ChannelType } from '@app/channels/types/channel-type';
import { describeAnswer, signAndDeliver, type ChannelIds } from '../cli/deliver';
import type { DeskClient } from '../desk/desk-client';
import { createRng } from '../traffic/random';
import { GENERATORS, type GeneratorName } from '../traffic/traffic-mix';
import { TrafficMemory, type GeneratedDelivery } from '../traffic/traffic.types';

/** The same seed on every new workspace: a newcomer's first inbox is always this one, and the specs can rely on it. */
export const HISTORY_SEED = 18;

/**
 * The last forty minutes of the trattoria's desk, oldest first, as [who writes, minutes ago]. First responses are
 * due in 15 minutes (30 for PR) with a warning at 80%, so the two oldest are late when the desk opens, the next
 * three are about to be (amber), and the rest, most of the inbox, are on time. The times are the platforms' own
 * (each payload's timestamp field), which is when the desk starts a clock.
 */
export const HISTORY: ReadonlyArray<readonly [GeneratorName, number]> = [
  ['whatsapp', 38.5],
  ['instagramComment', 33],
  ['telegram', 13.6],
  ['facebookComment', 13.1],
  ['api', 12.6],
  ['messengerMessage', 11.4],
  ['x', 10.8],
  ['email', 10.1],
  ['linkedin', 9.6],
  ['whatsapp', 9],
  ['instagramDm', 8.3],
  ['api', 7.7],
  ['facebookComment', 7],
  ['telegram', 6.4],
  ['messengerMessage', 5.8],
  ['x', 5.1],
  ['whatsapp', 4.5],
  ['instagramComment', 3.9],
  ['email', 3.2],
  ['instagramDm', 2.7],
  ['api', 2.2],
  ['linkedin', 1.8],
  ['messengerMessage', 1.4],
  ['telegram', 1],
  ['facebookComment', 0.7],
  ['whatsapp', 0.4],
  ['x', 0.2],
];

export interface PastDelivery extends GeneratedDelivery {
  at: Date;
}

/** The history's deliveries, each stamped with its moment before `now`. */
export function recentHistory(now: Date, seed = HISTORY_SEED): PastDelivery[] {
  const rng = createRng(seed);
  const memory = new TrafficMemory();
  return HISTORY.map(([name, minutesAgo]) => {
    const at = new Date(now.getTime() - Math.round(minutesAgo * 60_000));
    return { ...GENERATORS[name](rng, memory, at), at };
  });
}

/**
 * Sends the history to the demo channels, oldest first, as the platforms would have delivered it. Deliveries the
 * desk refuses are summed up in one line: the demo goes on without them.
 */
export async function sendRecentHistory(
  desk: DeskClient,
  channels: ChannelIds,
  baseUrls: Record<ChannelType, string>,
  log: (line: string) => void,
  now = new Date(),
): Promise<PastDelivery[]> {
  const history = recentHistory(now).filter((d) => channels[d.channelType]);
  const problems: string[] = [];
  for (const delivery of history) {
    const problem = await signAndDeliver(desk, channels, baseUrls, delivery).then(
      (answer) => (answer.status < 300 ? undefined : describeAnswer(answer)),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (problem !== undefined) problems.push(`${delivery.channelType}: ${problem}`);
  }
  if (problems.length > 0) log(`Demo history: ${problems.length} of ${history.length} events not accepted (last ${problems[problems.length - 1]})`);
  return history;
}
