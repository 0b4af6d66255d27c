import type { ChannelType } from '@app/channels/types/channel-type';
import type { DeskClient } from '../desk/desk-client';
import { createTraffic } from '../traffic/traffic-mix';
import type { DemoChannels } from './demo-channels';
import { describeAnswer, signAndDeliver } from './deliver';

const MAX_IN_FLIGHT = 32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TrafficResult {
  sent: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
}

/**
 * Generated deliveries at a steady rate for a duration. Sends overlap (a slow desk does not slow the rate) up to a
 * cap, so an overloaded desk shows as failures rather than an ever-growing queue. Stops early on stop().
 */
export async function runTraffic(
  desk: DeskClient,
  channels: DemoChannels,
  baseUrls: Record<ChannelType, string>,
  options: { rate: number; durationSeconds: number; seed: number; stopped: () => boolean },
  log: (line: string) => void,
): Promise<TrafficResult> {
  const traffic = createTraffic({ seed: options.seed });
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const interval = 1000 / options.rate;
  const result: TrafficResult = { sent: 0, byStatus: {}, byChannel: {} };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let lastReport = started;
  for (let i = 0; i < total && !options.stopped(); i++) {
    await sleep(Math.max(0, started + i * interval - Date.now()));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const delivery = traffic.next();
    const send = signAndDeliver(desk, channels, baseUrls, delivery)
      .then((answer) => {
        const key = String(answer.status);
        result.byStatus[key] = (result.byStatus[key] ?? 0) + 1;
        if (answer.status >= 300) log(`  ! ${delivery.summary} -> ${describeAnswer(answer)}`);
      })
      .catch((err: unknown) => {
        result.byStatus.error = (result.byStatus.error ?? 0) + 1;
        log(`  ! ${delivery.summary} -> ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => inFlight.delete(send));
    inFlight.add(send);
    result.sent++;
    result.byChannel[delivery.channelType] = (result.byChannel[delivery.channelType] ?? 0) + 1;
    log(`  → ${delivery.summary}`);
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      log(`  … ${result.sent}/${total} sent, answers ${JSON.stringify(result.byStatus)}`);
    }
  }
  await Promise.all(inFlight);
  return result;
}
